"""/api/v1/documents/: consolidated reports of rounds and document jobs, scoped like the
pages (out of scope is a 404)."""

from datetime import date, datetime

from django.urls import reverse
from ninja import Router, Schema, Status

from binhdang.core.api import ErrorOut

from . import frozen, jobs, selectors, services
from .kinds import JobFailed

router = Router(tags=["documents"])
PREFIX = "documents"


class FigureOut(Schema):
    code: str
    label: str
    unit_of_measure: str
    total: float | None
    is_ratio: bool
    units: int


class SectionOut(Schema):
    id: int
    number: str
    title: str
    part: str
    text: str
    is_edited: bool
    sources: list[str]
    new_since_last_compilation: list[str]


class VersionFileOut(Schema):
    fmt: str
    file_name: str
    size: int
    sha256: str


class ReportOut(Schema):
    id: int
    round_id: int
    status: str
    number_symbol: str
    date: date | None
    place: str
    subject: str
    signer_title: str
    signer_name: str
    compiled_at: datetime | None
    units_expected: int
    units_accepted: int
    units_missing: list[str]
    # A draft read by someone who may neither compile nor sign it (a viewer): its sections
    # are left out until it is finalised.
    text_hidden: bool = False
    sections: list[SectionOut]
    figures: list[FigureOut]
    # A final report is its frozen version: figures and units as finalised, and its files.
    version: int | None
    files: list[VersionFileOut]


class JobIn(Schema):
    kind: str  # a registered document kind: report | directive | submission | ...
    target_id: int
    fmt: str  # docx | xlsx | pdf | zip


class JobOut(Schema):
    id: int
    kind: str
    fmt: str
    target_id: int
    status: str
    progress: int
    message: str
    error: str
    file_name: str
    download_url: str


def _report(user, report) -> dict:
    version = report.frozen_version
    figures = frozen.figures_for(user, report)
    return {
        "id": report.pk,
        "round_id": report.round_id,
        "status": report.status,
        "number_symbol": report.number_symbol,
        "date": report.date,
        "place": report.place,
        "subject": report.subject,
        "signer_title": report.signer_title,
        "signer_name": report.signer_name,
        "compiled_at": report.compiled_at,
        "units_expected": len([u for u in figures.units if u.expected]),
        "units_accepted": len(figures.reported),
        "units_missing": [u.name for u in figures.missing],
        "text_hidden": not selectors.report_text_visible(user, report),
        "sections": [
            {
                "id": s.pk,
                "number": s.number,
                "title": s.title,
                "part": s.part,
                "text": s.text,
                "is_edited": s.is_edited,
                "sources": [src["unit"] for src in s.sources],
                "new_since_last_compilation": [p["unit"] for p in s.pending],
            }
            for s in selectors.sections_of(user, report)
        ],
        "figures": [
            {
                "code": f.code,
                "label": f.label,
                "unit_of_measure": f.unit_of_measure,
                "total": None if f.total is None else float(f.total),
                "is_ratio": f.is_ratio,
                "units": f.units,
            }
            for f in figures.fields
        ],
        "version": version.number if version else None,
        "files": [
            {"fmt": f.fmt, "file_name": f.file_name, "size": f.size, "sha256": f.sha256}
            for f in (frozen.files_of(version).values() if version else [])
        ],
    }


def _job(job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "fmt": job.fmt,
        "target_id": job.target_id,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "file_name": job.file_name,
        "download_url": reverse("documents:download", kwargs={"pk": job.pk})
        if job.status == "done"
        else "",
    }


@router.get(
    "/rounds/{round_id}/report",
    response={200: ReportOut, 404: ErrorOut},
    summary="The consolidated report of a round, with its figures summed in the database",
)
def get_report(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = selectors.report_of(request.user, reporting_round)
    if report is None:
        return Status(404, {"detail": "not compiled"})
    return Status(200, _report(request.user, report))


@router.post(
    "/rounds/{round_id}/report/compile",
    response={200: ReportOut, 400: ErrorOut},
    summary="Compile (or compile again) the round's consolidated report",
)
def compile_report(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    try:
        report = services.compile_report(actor=request.user, round=reporting_round)
    except services.DocumentError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(
        200, _report(request.user, selectors.report_of(request.user, reporting_round) or report)
    )


@router.post(
    "/jobs", response={200: JobOut, 400: ErrorOut}, summary="Queue a document for generation"
)
def create_job(request, payload: JobIn):
    try:
        job = jobs.job_create(
            actor=request.user, kind=payload.kind, target_id=payload.target_id, fmt=payload.fmt
        )
    except JobFailed as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _job(job))


@router.get("/jobs/{job_id}", response=JobOut, summary="A document job's status and progress")
def get_job(request, job_id: int):
    return _job(selectors.job_for(request.user, job_id))

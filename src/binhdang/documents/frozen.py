"""What a finalised report is, kept as it was: the snapshot of a `ReportVersion` and its files.

At finalisation the document is built once from the database (figures summed over the
accepted reports, every unit's row with its dates and timeliness, the narrative, the annexes,
the indicators and their charts). That built document is kept as JSON (`engine.serial`; the
chart pictures by their SHA-256, the pictures themselves live in the Word file) together with
the figures it was built from, and the Word and Excel files rendered from that same document
are stored with their SHA-256. From then on the page, every download and the
submission to the round above read the version, never the live database: a report accepted
later changes nothing in a signed report. The PDF is converted from the kept Word file, once,
and stored beside it.

No permission checks here: callers (services, jobs, views) have done them.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import selectors
from .engine import render_docx, render_pdf, render_xlsx, serial
from .models import ConsolidatedReport, JobFormat, ReportVersion, ReportVersionFile
from .selectors import FieldFigure, RoundFigures, UnitRow

log = logging.getLogger(__name__)

SCHEMA = 1
# The files every version has; the PDF joins them when LibreOffice can produce it.
FROZEN_FORMATS = ("docx", "xlsx")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- figures as JSON


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def figures_to_json(figures: RoundFigures) -> dict:
    return {
        "fields": [
            {
                "field_id": f.field_id,
                "code": f.code,
                "label": f.label,
                "unit_of_measure": f.unit_of_measure,
                "value_type": f.value_type,
                "section_id": f.section_id,
                "numerator_id": f.numerator_id,
                "denominator_id": f.denominator_id,
                "part_of_id": f.part_of_id,
                "total": _dec(f.total),
                "units": f.units,
            }
            for f in figures.fields
        ],  # fmt: skip
        "units": [
            {
                "unit_id": u.unit_id,
                "name": u.name,
                "kind": u.kind,
                "group": u.group,
                "status": u.status,
                "submitted_at": u.submitted_at.isoformat() if u.submitted_at else None,
                "is_late": u.is_late,
                "accepted": u.accepted,
                "expected": u.expected,
            }
            for u in figures.units
        ],  # fmt: skip
        "values": {
            str(unit_id): {str(field_id): _dec(v) for field_id, v in row.items()}
            for unit_id, row in figures.values.items()
        },
    }


def figures_from_json(data: dict) -> RoundFigures:
    fields = [FieldFigure(**{**f, "total": _undec(f["total"])}) for f in data["fields"]]
    units = []
    for u in data["units"]:
        when = u["submitted_at"]
        units.append(
            UnitRow(
                **{**u, "submitted_at": datetime.datetime.fromisoformat(when) if when else None}
            )
        )
    values = {
        int(unit_id): {int(field_id): _undec(v) for field_id, v in row.items()}
        for unit_id, row in data["values"].items()
    }
    return RoundFigures(fields=fields, units=units, values=values)


# ---------------------------------------------------------------- building a version


def _accepted_versions(reporting_round) -> dict[str, int]:
    from binhdang.reporting.models import Submission, SubmissionStatus

    rows = Submission.objects.filter(
        round=reporting_round, status=SubmissionStatus.ACCEPTED
    ).values_list("pk", "version")
    return {str(pk): version for pk, version in rows}


def build(report: ConsolidatedReport, *, user, number: int) -> tuple[dict, dict[str, bytes]]:
    """Version `number` of the report, built now from the database: its snapshot (everything
    the document shows, pictures kept by their SHA-256) and its Word and Excel files rendered
    from that very document."""
    from . import builders

    figures = selectors.round_figures(user, report.round)
    received = _accepted_versions(report.round)
    document, annexes = builders.report_document(report, user=user, figures=figures)
    sections = [
        {
            "id": s.pk, "number": s.number, "title": s.title, "part": s.part, "text": s.text,
            "form_section_id": s.form_section_id,
        }
        for s in selectors.sections_of(user, report)
    ]  # fmt: skip
    data = {
        "schema": SCHEMA,
        "number": number,
        "figures": figures_to_json(figures),
        "received": received,
        "sections": sections,
        "document": serial.dump(document, pictures=False),
    }
    digest = sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    # The files say which version they are (in their properties, not on the page).
    document.identifier = f"binhdang:report:{report.pk}:v{number}:{digest[:16]}"
    document.revision = number
    data["digest"] = digest
    data["document"]["identifier"] = document.identifier
    data["document"]["revision"] = number
    files = {
        "docx": render_docx(document, builders.template_for(document.kind)),
        "xlsx": render_xlsx(annexes, f"Báo cáo {document.number_symbol}"),
    }
    return data, files


def file_name(report: ConsolidatedReport, number: int, fmt: str) -> str:
    from . import builders

    stem = builders.report_file_stem(report)
    if number > 1:
        stem = f"{stem} - lần {number}"
    return builders.safe_file_name(f"{stem}.{fmt}")[:200]


def _add_file(version: ReportVersion, fmt: str, data: bytes) -> ReportVersionFile:
    row = ReportVersionFile(
        version=version,
        fmt=fmt,
        file_name=file_name(version.report, version.number, fmt),
        size=len(data),
        sha256=sha256(data),
    )
    row.file.save(f"report.{fmt}", ContentFile(data), save=False)
    try:
        row.save()
    except Exception:
        default_storage.delete(row.file.name)
        raise
    return row


def freeze(
    report: ConsolidatedReport, *, user, at: datetime.datetime
) -> tuple[ReportVersion, list[str]]:
    """Make the report's next version: its snapshot and its Word and Excel files. Call inside
    the finalising transaction with the report locked. Returns the version and the names of
    the files written to storage (for the caller to delete should the transaction fail)."""
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    snapshot, files = build(report, user=user, number=number)
    version = ReportVersion.objects.create(
        report=report, number=number, snapshot=snapshot, finalised_at=at, finalised_by=user
    )
    stored = []
    try:
        for fmt in FROZEN_FORMATS:
            stored.append(_add_file(version, fmt, files[fmt]).file.name)
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    return version, stored


# ---------------------------------------------------------------- reading a version


def figures_of(version: ReportVersion) -> RoundFigures:
    return figures_from_json(version.snapshot["figures"])


def figures_for(user, report: ConsolidatedReport) -> RoundFigures:
    """The figures the report shows: its frozen version's when final, else the database's."""
    version = report.frozen_version
    if version is not None:
        return figures_of(version)
    return selectors.round_figures(user, report.round)


def sections_of(version: ReportVersion) -> list[dict]:
    return version.snapshot["sections"]


def files_of(version: ReportVersion) -> dict[str, ReportVersionFile]:
    return {f.fmt: f for f in version.files.all()}


def _read(row: ReportVersionFile) -> bytes:
    with default_storage.open(row.file.name, "rb") as handle:
        return handle.read()


def ensure_pdf(version: ReportVersion) -> ReportVersionFile:
    """The version's PDF, converted from its kept Word file the first time it is asked for
    (LibreOffice) and stored; two concurrent first requests keep one."""
    existing = version.files.filter(fmt=JobFormat.PDF).first()
    if existing is not None:
        return existing
    docx = version.files.get(fmt=JobFormat.DOCX)
    data = render_pdf(_read(docx))
    try:
        with transaction.atomic():
            ReportVersion.objects.select_for_update().filter(pk=version.pk).first()
            existing = version.files.filter(fmt=JobFormat.PDF).first()
            if existing is not None:
                return existing
            return _add_file(version, JobFormat.PDF, data)
    except IntegrityError:
        return version.files.get(fmt=JobFormat.PDF)


def file_bytes(version: ReportVersion, fmt: str) -> tuple[ReportVersionFile, bytes]:
    """(row, content) of one of the version's files; a PDF is produced once if missing."""
    row = ensure_pdf(version) if fmt == JobFormat.PDF else version.files.get(fmt=fmt)
    return row, _read(row)


def package(version: ReportVersion, formats: tuple[str, ...]) -> bytes:
    """The version's files as one zip, the same bytes every time: entries in a fixed order,
    dated at the finalisation."""
    stamp = timezone.localtime(version.finalised_at).timetuple()[:6]
    stamp = (max(stamp[0], 1980), *stamp[1:])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for fmt in formats:
            row, data = file_bytes(version, fmt)
            info = zipfile.ZipInfo(row.file_name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        if JobFormat.PDF not in formats:
            info = zipfile.ZipInfo("KHONG-CO-PDF.txt", date_time=stamp)
            zf.writestr(info, "Máy chủ chưa cài LibreOffice nên gói này không có bản PDF.\n")
    return buffer.getvalue()


# ---------------------------------------------------------------- what changed since


@dataclass
class Arrival:
    """A unit's report that changed after the version was finalised."""

    unit: str
    status: str
    status_label: str
    when: datetime.datetime | None
    is_late: bool | None
    change: str  # "accepted" | "submitted" | "withdrawn"


def arrivals_after(version: ReportVersion) -> list[Arrival]:
    """Units' reports the version does not hold as they now are: accepted since (or accepted
    again in a new version), sent since and waiting for review, or taken back for correction
    since. They go into the report only through a reopening and a new version."""
    from binhdang.reporting.models import Submission, SubmissionStatus

    received = version.received
    out = []
    rows = (
        Submission.objects.filter(round_id=version.report.round_id)
        .select_related("org_unit")
        .order_by("org_unit__name")
    )
    for sub in rows:
        key = str(sub.pk)
        if sub.status == SubmissionStatus.ACCEPTED:
            if received.get(key) == sub.version:
                continue
            change, when = "accepted", sub.accepted_at
        elif key in received:
            change, when = "withdrawn", sub.returned_at or sub.updated_at
        elif sub.submitted_at is not None and sub.submitted_at > version.finalised_at:
            change, when = "submitted", sub.submitted_at
        else:
            continue
        out.append(
            Arrival(
                unit=sub.org_unit.name,
                status=sub.status,
                status_label=sub.get_status_display(),
                when=when,
                is_late=sub.is_late,
                change=change,
            )
        )
    return out


def make_pdf(version_id: int) -> None:
    version = ReportVersion.objects.select_related("report", "report__round").get(pk=version_id)
    try:
        ensure_pdf(version)
    except Exception:  # noqa: BLE001 - the PDF is produced again on the first request
        log.exception("PDF of report version %s not produced", version_id)


def queue_pdf(version_id: int) -> None:
    """After the finalisation commits: convert the kept Word file to PDF outside the request
    (LibreOffice takes seconds), so the PDF is ready, and stored once, when someone asks."""
    from .engine import pdf_available
    from .tasks import make_frozen_pdf

    if pdf_available():
        make_frozen_pdf.enqueue(version_id)

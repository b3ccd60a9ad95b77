"""Every documents route: the district's consolidated report is for the district's office,
leaders, viewers and the administrator; a commune sees only its own report's document."""

from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.permission_matrix import MARKER_ROUND, ApiCase, Case, everyone

DISTRICT_READ = {"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200}
CONSOLIDATE_POST = {"standing_office": 302, "admin": 302}
COMMUNE_A_READ = {**DISTRICT_READ, "reporter_a": 200, "head_a": 200}
# The report of these cases is a draft: its text (and so its documents) is for its compilers
# and signers; a viewer sees that it is being prepared.
DRAFT_TEXT = {"standing_office": 200, "leader": 200, "admin": 200}


def _round(w):
    from .fixtures import make_round

    return make_round(w)


def _report(w):
    from binhdang.documents import services
    from binhdang.documents.models import ConsolidatedReport

    rnd = _round(w)
    return ConsolidatedReport.objects.filter(round=rnd).first() or services.compile_report(
        actor=w.standing_office, round=rnd
    )


def _section(w):
    return _report(w).sections.order_by("position").first()


def _directive(w):
    from binhdang.directives.models import Directive

    return Directive.objects.get_or_create(
        number_symbol="760/UBND-LĐTBXH",
        issuing_unit=w.district,
        defaults={
            "doc_type": "cong_van", "issued_on": date(2023, 4, 14), "place": "Vị Xuyên",
            "subject": "V/v triển khai công tác bình đẳng giới năm 2023", "status": "issued",
        },
    )[0]  # fmt: skip


def _submission(w):
    return _round(w).submissions.get(org_unit=w.commune_a)


def _job(w, kind="report"):
    from binhdang.documents.models import DocumentJob

    if kind == "report":
        target, unit, permission = _report(w).pk, w.district, "round.view"
    else:
        target, unit, permission = _submission(w).pk, w.commune_a, "submission.view"
    existing = DocumentJob.objects.filter(kind=kind, target_id=target).first()
    if existing:
        return existing
    name = default_storage.save("documents/test/permission.docx", ContentFile(b"PK-test"))
    return DocumentJob.objects.create(
        kind=kind, fmt="docx", target_id=target, org_unit=unit, permission=permission,
        status="done", progress=100, file=name, file_name="Báo cáo.docx", size=7,
        created_by=w.standing_office,
    )  # fmt: skip


def _version_kw(w, fmt="xlsx"):
    from binhdang.documents import services

    report = _report(w)
    if report.frozen_version is None:
        report = services.report_finalise(actor=w.standing_office, report=report)
    return {"round_id": report.round_id, "number": report.frozen_version.number, "fmt": fmt}


def _round_kw(w):
    return {"round_id": _round(w).pk}


CASES = [
    Case("documents:list", allowed=everyone()),
    Case("documents:round", kwargs=_round_kw, allowed=DISTRICT_READ),
    Case(
        "documents:round",
        label="compiled",
        kwargs=lambda w: {"round_id": _report(w).round_id},
        allowed=DISTRICT_READ,
    ),
    Case(
        "documents:compile",
        kwargs=_round_kw,
        method="post",
        data=lambda w: {"x": 1},
        allowed=CONSOLIDATE_POST,
    ),  # fmt: skip
    Case(
        "documents:header",
        kwargs=lambda w: {"round_id": _report(w).round_id},
        allowed={"standing_office": 200, "admin": 200},
    ),
    Case(
        "documents:status",
        kwargs=lambda w: {"round_id": _report(w).round_id},
        method="post",
        data=lambda w: {"action": "finalise"},
        allowed={**CONSOLIDATE_POST, "leader": 302},
    ),
    Case(
        "documents:section",
        kwargs=lambda w: {"round_id": _report(w).round_id, "section_id": _section(w).pk},
        method="post",
        data=lambda w: {"text": "Văn bản", "action": "save"},
        allowed=CONSOLIDATE_POST,
    ),
    Case(
        "documents:pending",
        kwargs=lambda w: {
            "round_id": _report(w).round_id,
            "section_id": _section(w).pk,
            "unit_id": w.commune_a.pk,
        },
        method="post",
        data=lambda w: {"action": "insert"},
        allowed=CONSOLIDATE_POST,
    ),
    Case(
        "documents:send_record",
        kwargs=lambda w: {"round_id": _report(w).round_id},
        method="post",
        data=lambda w: {"sent_on": "2023-12-08", "channel": "email"},
        allowed=CONSOLIDATE_POST,
    ),
    Case(
        "documents:submit_upward",
        kwargs=lambda w: {"round_id": _report(w).round_id},
        method="post",
        data=lambda w: {"parent_round": 0},
        allowed=CONSOLIDATE_POST,
    ),
    Case("documents:version_download", kwargs=_version_kw, allowed=DISTRICT_READ),
    Case("documents:directive", kwargs=lambda w: {"pk": _directive(w).pk}, allowed=DISTRICT_READ),
    Case(
        "documents:submission", kwargs=lambda w: {"pk": _submission(w).pk}, allowed=COMMUNE_A_READ
    ),
    Case(
        "documents:job_create",
        method="post",
        data=lambda w: {"kind": "report", "target": _report(w).pk, "fmt": "docx"},
        allowed=dict.fromkeys(DRAFT_TEXT, 302),
    ),
    Case(
        "documents:job_create",
        label="submission",
        method="post",
        data=lambda w: {"kind": "submission", "target": _submission(w).pk, "fmt": "docx"},
        allowed=dict.fromkeys(COMMUNE_A_READ, 302),
    ),
    Case("documents:job", kwargs=lambda w: {"pk": _job(w).pk}, allowed=DISTRICT_READ),
    Case("documents:job_status", kwargs=lambda w: {"pk": _job(w).pk}, allowed=DISTRICT_READ),
    Case("documents:download", kwargs=lambda w: {"pk": _job(w).pk}, allowed=DRAFT_TEXT),
    Case(
        "documents:download",
        label="own report",
        kwargs=lambda w: {"pk": _job(w, "submission").pk},
        allowed=COMMUNE_A_READ,
    ),
]


def _report_round(w):
    return {"round_id": _report(w).round_id}


API_CASES = [
    ApiCase(
        "get",
        "/api/v1/documents/rounds/{round_id}/report",
        params=_report_round,
        allowed=DISTRICT_READ,
    ),
    ApiCase(
        "post",
        "/api/v1/documents/rounds/{round_id}/report/compile",
        params=_round_kw,
        allowed={"standing_office": 200, "admin": 200},
    ),
    ApiCase(
        "post",
        "/api/v1/documents/jobs",
        body=lambda w: {"kind": "report", "target_id": _report(w).pk, "fmt": "docx"},
        allowed=DRAFT_TEXT,
    ),
    ApiCase(
        "post",
        "/api/v1/documents/jobs",
        label="unsent draft",
        body=lambda w: {"kind": "submission", "target_id": _marker_draft(w).pk, "fmt": "docx"},
        allowed={"reporter_a": 200, "head_a": 200, "admin": 200},
    ),
    ApiCase(
        "get",
        "/api/v1/documents/jobs/{job_id}",
        params=lambda w: {"job_id": _job(w).pk},
        allowed=DISTRICT_READ,
    ),
]


def _marker_draft(w):
    from binhdang.reporting.models import Submission

    return Submission.objects.get(round__slug=MARKER_ROUND, org_unit=w.commune_a)


CASES += [
    Case(
        "documents:submission",
        label="unsent draft",
        kwargs=lambda w: {"pk": _marker_draft(w).pk},
        allowed={"reporter_a": 200, "head_a": 200, "admin": 200},
    ),
]

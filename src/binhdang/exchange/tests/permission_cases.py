"""Every exchange route: signing is the leader's (report.sign), exporting the office's and
the leader's, a signed copy is read by whoever reads the finalised report, a signature check
by whoever reads the file, a directive's package by whoever reads the directive, and the
import page is for those who manage a register."""

from django.core.files.base import ContentFile

from tests.permission_matrix import ApiCase, Case

DISTRICT_READ = {"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200}
FILE_A_READ = {**DISTRICT_READ, "reporter_a": 200, "head_a": 200}
SIGNERS_POST = {"leader": 302, "admin": 302}
EXPORTERS = {"standing_office": 200, "leader": 200, "admin": 200}
MANAGERS = {"standing_office": 200, "admin": 200}


def _version_kw(w):
    from binhdang.documents.tests.permission_cases import _version_kw as version

    kw = version(w)
    return {"round_id": kw["round_id"], "number": kw["number"]}


def _signed(w):
    from binhdang.documents.models import ConsolidatedReport
    from binhdang.exchange.models import SignedFile

    kw = _version_kw(w)
    version = ConsolidatedReport.objects.get(round_id=kw["round_id"]).frozen_version
    existing = SignedFile.objects.filter(source_id=version.pk).first()
    if existing is not None:
        return existing
    from django.utils import timezone

    signed = SignedFile(
        org_unit=w.district, source_kind="report_version", source_id=version.pk,
        source_sha256="0" * 64, file_name="Báo cáo - đã ký số.pdf", size=9, sha256="1" * 64,
        certificate_subject="Đặng Thị Phượng", certificate_sha256="2" * 64,
        signer_name="Đặng Thị Phượng", signed_at=timezone.now(),
    )  # fmt: skip
    signed.file.save("signed.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    signed.save()
    return signed


def _pdf_job(w):
    from django.utils import timezone

    from binhdang.documents.models import ConsolidatedReport, DocumentJob
    from binhdang.exchange.tests.helpers import simple_pdf

    kw = _version_kw(w)
    report = ConsolidatedReport.objects.get(round_id=kw["round_id"])
    existing = DocumentJob.objects.filter(kind="report", target_id=report.pk, fmt="pdf").first()
    if existing is not None:
        return existing
    job = DocumentJob(
        kind="report", fmt="pdf", target_id=report.pk, org_unit=w.district,
        permission="round.view", status="done", progress=100, file_name="Báo cáo.pdf",
        size=len(simple_pdf()), created_by=w.standing_office, created_at=timezone.now(),
    )  # fmt: skip
    job.file.save("report.pdf", ContentFile(simple_pdf()), save=False)
    job.save()
    return job


def _signed_job(w):
    from django.utils import timezone

    from binhdang.exchange.models import SignedFile

    job = _pdf_job(w)
    existing = SignedFile.objects.filter(source_kind="document_job", source_id=job.pk).first()
    if existing is not None:
        return existing
    signed = SignedFile(
        org_unit=w.district, source_kind="document_job", source_id=job.pk,
        source_sha256="0" * 64, file_name="Báo cáo - đã ký số.pdf", size=9, sha256="1" * 64,
        certificate_subject="Đặng Thị Phượng", certificate_sha256="2" * 64,
        signer_name="Đặng Thị Phượng", signed_at=timezone.now(),
    )  # fmt: skip
    signed.file.save("signed.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    signed.save()
    return signed


def _check(w):
    from binhdang.exchange.models import SignatureCheck
    from binhdang.reporting.tests.factories import submitted

    attachment = submitted(w).attachments.first()
    return SignatureCheck.objects.filter(object_id=attachment.pk).first()


def _directive_with_file(w):
    from binhdang.directives.tests.factories import make_attachment, make_directive

    directive = make_directive(w)
    make_attachment(w, directive)
    return {"pk": directive.pk}


CASES = [
    Case("exchange:sign", kwargs=_version_kw, method="post", allowed=SIGNERS_POST),
    Case("exchange:export", kwargs=_version_kw, allowed=EXPORTERS),
    Case("exchange:signed_download", kwargs=lambda w: {"pk": _signed(w).pk}, allowed=DISTRICT_READ),
    Case(
        "exchange:sign_job",
        kwargs=lambda w: {"pk": _pdf_job(w).pk},
        method="post",
        allowed=SIGNERS_POST,
    ),
    Case(
        "exchange:signed_download",
        label="job",
        kwargs=lambda w: {"pk": _signed_job(w).pk},
        allowed=DISTRICT_READ,
    ),
    Case("exchange:check", kwargs=lambda w: {"pk": _check(w).pk}, allowed=FILE_A_READ),
    Case(
        "exchange:recheck",
        kwargs=lambda w: {"pk": _check(w).pk},
        method="post",
        allowed=dict.fromkeys(FILE_A_READ, 302),
    ),
    Case("exchange:import", allowed=MANAGERS),
    # The directive's edXML package: for whoever reads the directive (commune A is addressed).
    Case("exchange:directive_export", kwargs=_directive_with_file, allowed=FILE_A_READ),
]

API_CASES = [
    ApiCase(
        "get",
        "/api/v1/exchange/checks/{check_id}",
        params=lambda w: {"check_id": _check(w).pk},
        allowed=FILE_A_READ,
    ),
]

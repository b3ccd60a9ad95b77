"""Reads of the exchange app, always given the user; anything out of scope is a 404."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404

from binhdang.accounts.scoping import has_permission, units_for
from binhdang.directives.permissions import DIRECTIVE_MANAGE
from binhdang.documents import selectors as documents
from binhdang.documents.permissions import REPORT_SIGN

from .models import SignatureCheck, SignedFile, SigningCertificate, SourceKind


def certificate_of(unit) -> SigningCertificate | None:
    """The unit's signing certificate in use (the latest configured)."""
    return (
        SigningCertificate.objects.filter(org_unit=unit, is_active=True)
        .order_by("-created_at", "-id")
        .first()
    )


def may_sign(user, report) -> bool:
    return has_permission(user, REPORT_SIGN, report.round.owner_unit)


def _current_version(user, report, number: int):
    version = documents.version_of(user, report, number)
    current = report.frozen_version
    if current is None or current.pk != version.pk:
        raise Http404
    return version


def version_to_sign(user, report, number: int):
    """The report's current finalised version `number`, which the user may sign; else 404."""
    if not may_sign(user, report):
        raise Http404
    return _current_version(user, report, number)


def version_to_export(user, report, number: int):
    """The current finalised version `number` of a report the user may consolidate or sign."""
    if not documents.can_sign(user, report.round):
        raise Http404
    return _current_version(user, report, number)


def job_to_sign(user, pk: int):
    """A generated PDF the user reads and may sign (`report.sign` on the job's unit); 404."""
    from binhdang.documents.jobs import job_visible_to
    from binhdang.documents.models import JobFormat, JobStatus

    job = documents.job_for(user, pk)
    if job.status != JobStatus.DONE or job.fmt != JobFormat.PDF or not job.file:
        raise Http404
    if not job_visible_to(user, job) or not has_permission(user, REPORT_SIGN, job.org_unit):
        raise Http404
    return job


def may_sign_job(user, job) -> bool:
    from binhdang.documents.models import JobFormat, JobStatus

    return (
        job.status == JobStatus.DONE
        and job.fmt == JobFormat.PDF
        and has_permission(user, REPORT_SIGN, job.org_unit)
    )


def signed_of_job(job) -> SignedFile | None:
    return SignedFile.objects.filter(source_kind=SourceKind.DOCUMENT_JOB, source_id=job.pk).first()


def signed_of_version(version) -> SignedFile | None:
    return SignedFile.objects.filter(
        source_kind=SourceKind.REPORT_VERSION, source_id=version.pk
    ).first()


def signed_files_of(user, report, version) -> list[SignedFile]:
    """The signed copies of a version the user may read."""
    documents.version_of(user, report, version.number)
    return list(
        SignedFile.objects.filter(
            source_kind=SourceKind.REPORT_VERSION, source_id=version.pk
        ).select_related("signed_by")
    )


def signed_file_for(user, pk: int) -> SignedFile:
    """A signed file the user may read (of a report version or a generated document it
    reads), or 404."""
    from binhdang.documents.models import ReportVersion

    signed = get_object_or_404(SignedFile, pk=pk)
    if signed.source_kind == SourceKind.DOCUMENT_JOB:
        from binhdang.documents.jobs import job_visible_to

        job = documents.job_for(user, signed.source_id)
        if not job_visible_to(user, job):
            raise Http404
        return signed
    version = (
        ReportVersion.objects.select_related("report__round").filter(pk=signed.source_id).first()
    )
    if version is None:
        raise Http404
    reporting_round = documents.round_for(user, version.report.round_id)
    report = documents.report_of(user, reporting_round)
    if report is None:
        raise Http404
    documents.version_of(user, report, version.number)
    return signed


def _read_submission_attachment(user, attachment):
    from binhdang.reporting import selectors as reporting

    submission = attachment.submission
    reporting_round = reporting.round_for(user, submission.round.slug)
    unit = reporting.unit_in_round(user, reporting_round, submission.org_unit_id)
    visible = reporting.submission_of(user, reporting_round, unit)
    return reporting.submission_attachment(user, visible, attachment.pk)


def _read_directive_attachment(user, attachment):
    from binhdang.directives import selectors as directives

    return directives.attachment_for(user, attachment.pk)


# Who reads a check: whoever reads the file it is about, by that file's own selector.
READERS = {
    "reporting.submissionattachment": _read_submission_attachment,
    "directives.directiveattachment": _read_directive_attachment,
}


def check_for(user, pk: int) -> SignatureCheck:
    """A signature check of a file the user may read, or 404."""
    check = get_object_or_404(SignatureCheck.objects.select_related("content_type"), pk=pk)
    label = f"{check.content_type.app_label}.{check.content_type.model}"
    reader = READERS.get(label)
    record = check.file_record
    if reader is None or record is None:
        raise Http404
    reader(user, record)
    return check


def checks_of(user, record) -> list[SignatureCheck]:
    """Every check of a file (newest first); the caller has read the file."""
    return list(
        SignatureCheck.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        ).select_related("checked_by")
    )


def latest_check(record) -> SignatureCheck | None:
    """The latest check of a stored file (no permission: shown beside a file already read)."""
    if getattr(record, "pk", None) is None:
        return None
    return (
        SignatureCheck.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        .order_by("-checked_at", "-id")
        .first()
    )


def import_units(user):
    """The units whose directive register the user may import into."""
    return units_for(user, DIRECTIVE_MANAGE).order_by("name")

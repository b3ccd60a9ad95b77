"""Writes of the exchange app: signing a finalised report, checking a received signed file,
exporting and importing edXML packages. Every write is one transaction with an audit entry;
refusals raise ExchangeError with a message for the user."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record

from . import edxml, pades, selectors
from .models import (
    KeyStore,
    SignatureCheck,
    SignedFile,
    SigningCertificate,
    SourceKind,
)


class ExchangeError(Exception):
    """A refusal with a message for the user."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- keys


def _secret(certificate: SigningCertificate) -> str:
    if not certificate.secret_env:
        return ""
    value = os.environ.get(certificate.secret_env)
    if value is None:
        raise ExchangeError(
            _("The passphrase of the certificate is not set on the server (variable %(name)s).")
            % {"name": certificate.secret_env}
        )
    return value


@contextlib.contextmanager
def open_signer(certificate: SigningCertificate):
    """The pyHanko signer of a configured certificate, for the duration of the block."""
    try:
        if certificate.store == KeyStore.PKCS11:
            with pades.open_pkcs11(
                certificate.pkcs11_module,
                certificate.pkcs11_token,
                certificate.pkcs11_key,
                _secret(certificate),
            ) as signer:
                yield signer
            return
        path = Path(certificate.p12_path)
        if not certificate.p12_path or not path.is_file():
            raise ExchangeError(
                _("The certificate file of %(unit)s was not found on the server.")
                % {"unit": certificate.org_unit}
            )
        yield pades.load_pkcs12(path.read_bytes(), _secret(certificate))
    except pades.SigningError as exc:
        raise ExchangeError(str(exc)) from exc


def trust_roots() -> list:
    return pades.trust_roots_in(settings.BINHDANG_SIGNING_TRUST_DIR)


def _timestamping(certificate: SigningCertificate) -> dict:
    """The time-stamp authority of the certificate (else the server's) and, with one, the
    embedding of the chain's revocation data (PAdES B-LTA) when BINHDANG_SIGNING_LONG_TERM."""
    return {
        "timestamp_url": certificate.timestamp_url,
        "long_term": settings.BINHDANG_SIGNING_LONG_TERM,
        "trust_roots": trust_roots(),
    }


# ---------------------------------------------------------------- signing a finalised report


def _report_pdf(version) -> tuple[bytes, str, str]:
    """(PDF to sign, SHA-256 of the finalised file it was made from, PDF/A level or "")."""
    from binhdang.documents import frozen
    from binhdang.documents.engine import PdfError, pdf_available, render_pdf
    from binhdang.documents.models import JobFormat

    if not pdf_available():
        raise ExchangeError(
            _("LibreOffice is not installed on the server, so no PDF can be signed.")
        )
    try:
        if settings.BINHDANG_SIGNING_PDFA:
            docx_row, docx = frozen.file_bytes(version, JobFormat.DOCX)
            return render_pdf(docx, timeout=120, pdfa=True), docx_row.sha256, "PDF/A-2b"
        row, data = frozen.file_bytes(version, JobFormat.PDF)
        return data, row.sha256, ""
    except (PdfError, FileNotFoundError) as exc:
        raise ExchangeError(
            _("The PDF of the report could not be produced: %(error)s") % {"error": exc}
        ) from exc


def sign_report(*, actor, report, number: int) -> SignedFile:
    """Sign version `number` of a finalised consolidated report (its current version) with
    the certificate of the round's unit: a PDF (PDF/A-2b when configured) converted from the
    version's kept Word file, signed PAdES with the signature block above the signer's name.
    The signed file is stored once with the SHA-256 of what was signed; signing the same
    version again is refused. 404 unless the actor may sign the report."""
    version = selectors.version_to_sign(actor, report, number)
    unit = report.round.owner_unit
    certificate = selectors.certificate_of(unit)
    if certificate is None:
        raise ExchangeError(
            _("No signing certificate is configured for %(unit)s.") % {"unit": unit}
        )
    if SignedFile.objects.filter(
        source_kind=SourceKind.REPORT_VERSION, source_id=version.pk
    ).exists():
        raise ExchangeError(_("This version has already been signed."))
    pdf, origin, pdfa = _report_pdf(version)
    signer_name = report.signer_name or actor.get_full_name() or actor.get_username()
    with open_signer(certificate) as signer:
        try:
            result = pades.sign_pdf(
                pdf,
                signer=signer,
                signer_name=signer_name,
                signer_title=report.signer_title,
                location=report.place,
                reason=f"Ký số {report.number_symbol or 'báo cáo'}",
                seal_image=certificate.seal_image_path,
                **_timestamping(certificate),
            )
        except pades.SigningError as exc:
            raise ExchangeError(str(exc)) from exc
    from binhdang.documents import frozen

    stem = frozen.file_name(report, version.number, "pdf").removesuffix(".pdf")
    signed = SignedFile(
        org_unit=unit,
        source_kind=SourceKind.REPORT_VERSION,
        source_id=version.pk,
        source_sha256=sha256(pdf),
        origin_sha256=origin,
        file_name=f"{stem} - đã ký số.pdf"[:200],
        size=len(result.data),
        sha256=sha256(result.data),
        certificate=certificate,
        certificate_subject=result.certificate_subject[:500],
        certificate_sha256=result.certificate_sha256,
        signer_name=signer_name[:100],
        signer_title=report.signer_title[:200],
        pdfa=pdfa,
        pades_level=result.level,
        signed_by=actor,
        signed_at=result.signed_at,
    )
    stored = None
    try:
        with transaction.atomic():
            signed.file.save("signed.pdf", ContentFile(result.data), save=False)
            stored = signed.file.name
            if SignedFile.objects.filter(
                source_kind=SourceKind.REPORT_VERSION, source_id=version.pk
            ).exists():
                raise ExchangeError(_("This version has already been signed."))
            signed.save()
            record(
                actor=actor,
                action="report.sign",
                obj=report,
                org_unit=unit,
                changes={
                    "version": version.number,
                    "file": signed.file_name,
                    "signed_sha256": signed.sha256,
                    "source_sha256": signed.source_sha256,
                    "origin_sha256": origin,
                    "certificate": signed.certificate_subject,
                    "pdfa": pdfa,
                    "pades_level": signed.pades_level,
                },
            )
    except BaseException:
        if stored:
            signed.file.storage.delete(stored)
        raise
    return signed


def sign_job(*, actor, job) -> SignedFile:
    """Sign a generated PDF (a job's result) with the certificate of the job's unit, the
    signature block at the bottom right of the last page (or above the signer's name when the
    document prints it). 404 unless the actor may read and sign it; signing it again is
    refused."""
    job = selectors.job_to_sign(actor, job.pk)
    certificate = selectors.certificate_of(job.org_unit)
    if certificate is None:
        raise ExchangeError(
            _("No signing certificate is configured for %(unit)s.") % {"unit": job.org_unit}
        )
    if selectors.signed_of_job(job) is not None:
        raise ExchangeError(_("This document has already been signed."))
    try:
        with job.file.open("rb") as handle:
            pdf = handle.read()
    except OSError as exc:
        raise ExchangeError(_("The stored file cannot be read.")) from exc
    signer_name = actor.get_full_name() or actor.get_username()
    with open_signer(certificate) as signer:
        try:
            result = pades.sign_pdf(
                pdf,
                signer=signer,
                signer_name=signer_name,
                seal_image=certificate.seal_image_path,
                **_timestamping(certificate),
            )
        except pades.SigningError as exc:
            raise ExchangeError(str(exc)) from exc
    stem = job.file_name.removesuffix(".pdf") or "van-ban"
    signed = SignedFile(
        org_unit=job.org_unit,
        source_kind=SourceKind.DOCUMENT_JOB,
        source_id=job.pk,
        source_sha256=sha256(pdf),
        origin_sha256=sha256(pdf),
        file_name=f"{stem} - đã ký số.pdf"[:200],
        size=len(result.data),
        sha256=sha256(result.data),
        certificate=certificate,
        certificate_subject=result.certificate_subject[:500],
        certificate_sha256=result.certificate_sha256,
        signer_name=signer_name[:100],
        pades_level=result.level,
        signed_by=actor,
        signed_at=result.signed_at,
    )
    stored = None
    try:
        with transaction.atomic():
            signed.file.save("signed.pdf", ContentFile(result.data), save=False)
            stored = signed.file.name
            if selectors.signed_of_job(job) is not None:
                raise ExchangeError(_("This document has already been signed."))
            signed.save()
            record(
                actor=actor,
                action="document.sign",
                obj=job,
                org_unit=job.org_unit,
                changes={
                    "file": signed.file_name,
                    "signed_sha256": signed.sha256,
                    "source_sha256": signed.source_sha256,
                    "certificate": signed.certificate_subject,
                    "pades_level": signed.pades_level,
                },
            )
    except BaseException:
        if stored:
            signed.file.storage.delete(stored)
        raise
    return signed


# ---------------------------------------------------------------- checking received files


def verify_bytes(data: bytes) -> pades.Verification:
    return pades.verify_pdf(data, trust_roots=trust_roots())


def check_file(*, actor, record_obj, org_unit, data: bytes, file_name: str) -> SignatureCheck:
    """Check the signatures of a stored PDF and keep the result beside its record, with an
    audit entry on the record (flagged when the signature is not valid)."""
    verification = verify_bytes(data)
    with transaction.atomic():
        check = SignatureCheck.objects.create(
            content_type=ContentType.objects.get_for_model(record_obj),
            object_id=record_obj.pk,
            org_unit=org_unit,
            file_name=file_name[:200],
            sha256=sha256(data),
            status=verification.status,
            summary=", ".join(verification.reasons)[:500],
            signatures=[s.as_dict() for s in verification.signatures],
            checked_by=actor if actor is not None and actor.is_authenticated else None,
            checked_at=timezone.now(),
        )
        record(
            actor=actor,
            action="file.signature_check",
            obj=record_obj,
            org_unit=org_unit,
            changes={
                "file": check.file_name,
                "sha256": check.sha256,
                "result": check.status,
                "flagged": check.is_flagged,
                "reasons": verification.reasons,
                "signers": [s.signer for s in verification.signatures],
            },
        )
    return check


def inspect_upload(*, actor, record, org_unit) -> None:
    """The upload inspector: every stored PDF is checked for signatures."""
    field_file = getattr(record, "file", None)
    if not field_file or not str(field_file.name).lower().endswith(".pdf"):
        return
    try:
        field_file.open("rb")
        try:
            data = field_file.read()
        finally:
            field_file.close()
    except OSError:
        data = b""
    name = getattr(record, "original_name", "") or Path(field_file.name).name
    check_file(actor=actor, record_obj=record, org_unit=org_unit, data=data, file_name=name)


def recheck(*, actor, check: SignatureCheck) -> SignatureCheck:
    """Check a file again (after the trust list changed); a new result, the old one kept."""
    record_obj = check.file_record
    if record_obj is None:
        raise Http404
    field_file = record_obj.file
    try:
        field_file.open("rb")
        try:
            data = field_file.read()
        finally:
            field_file.close()
    except OSError as exc:
        raise ExchangeError(_("The stored file cannot be read.")) from exc
    return check_file(
        actor=actor,
        record_obj=record_obj,
        org_unit=check.org_unit,
        data=data,
        file_name=check.file_name,
    )


# ---------------------------------------------------------------- edXML


def organ_of(unit) -> edxml.Organ:
    """The unit as an edXML organ: its exchange identifier when configured, else its code."""
    from .models import OrganCode

    code = OrganCode.objects.filter(org_unit=unit).values_list("organ_id", flat=True).first()
    return edxml.Organ(organ_id=code or unit.code or str(unit.pk), name=unit.name)


def _report_document(report, version, attachments) -> edxml.EdxmlDocument:
    number, notation = edxml.split_number_symbol(report.number_symbol)
    recipients = [edxml.Organ(organ_id="", name=line) for line in report.recipient_lines()]
    return edxml.EdxmlDocument(
        sender=organ_of(report.round.owner_unit),
        recipients=recipients,
        code_number=number,
        code_notation=notation,
        place=report.place,
        date=report.date or timezone.localdate(version.finalised_at),
        type_name="Báo cáo",
        subject=report.subject,
        content=report.intro,
        signer_name=report.signer_name,
        signer_position=report.signer_title,
        competence=" ".join(report.authority_lines()),
        attachments=attachments,
    )


def export_report(*, actor, report, number: int, service_key: str = "edxml"):
    """The package of version `number` of a finalised report for the exchange service: its
    metadata and its signed PDF (the version's PDF when it was not signed) with the Word file
    and the Excel annexes. Recorded with the package's SHA-256. 404 unless the actor may
    consolidate or sign the report."""
    from binhdang.documents import frozen
    from binhdang.documents.engine import PdfError
    from binhdang.documents.models import JobFormat

    from .models import ExchangeDirection, ExchangeRecord
    from .registry import exchange_service

    version = selectors.version_to_export(actor, report, number)
    service = exchange_service(service_key)
    if service is None:
        raise Http404
    attachments = []
    signed = selectors.signed_of_version(version)
    if signed is not None:
        with signed.file.open("rb") as handle:
            attachments.append(
                edxml.Attachment(
                    signed.file_name, "application/pdf", handle.read(), "Văn bản đã ký số"
                )
            )
    else:
        try:
            row, data = frozen.file_bytes(version, JobFormat.PDF)
            attachments.append(edxml.Attachment(row.file_name, "application/pdf", data, "Văn bản"))
        except (PdfError, FileNotFoundError):
            pass
    for fmt, content_type, description in (
        (JobFormat.DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Bản Word"),
        (JobFormat.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Phụ lục Excel"),
    ):  # fmt: skip
        row, data = frozen.file_bytes(version, fmt)
        attachments.append(edxml.Attachment(row.file_name, content_type, data, description))
    document = _report_document(report, version, attachments)
    delivery = service.deliver(document)
    with transaction.atomic():
        ExchangeRecord.objects.create(
            org_unit=report.round.owner_unit,
            direction=ExchangeDirection.EXPORT,
            service=service.key,
            document_id=document.make_document_id()[:300],
            number_symbol=report.number_symbol[:80],
            subject=report.subject[:500],
            sha256=sha256(delivery.data) if delivery.data else "",
            report=report,
            created_by=actor,
        )
        record(
            actor=actor,
            action="report.edxml_export",
            obj=report,
            org_unit=report.round.owner_unit,
            changes={
                "version": version.number,
                "service": service.key,
                "document_id": document.make_document_id(),
                "files": [a.name for a in attachments],
                "signed": signed is not None,
                "sha256": sha256(delivery.data) if delivery.data else "",
                "reference": delivery.reference,
            },
        )
    return delivery


DIRECTIVE_TYPE_NAMES = {
    "cong_van": "Công văn", "ke_hoach": "Kế hoạch", "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị", "nghi_quyet": "Nghị quyết", "huong_dan": "Hướng dẫn",
    "thong_bao": "Thông báo", "khac": "Văn bản",
}  # fmt: skip

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _directive_files(actor, directive) -> list[edxml.Attachment]:
    """The directive's files for a package: its stored files, originals (the signed scan or
    signed PDF) first; when none is a PDF, the official-format Word file and its PDF."""
    import mimetypes

    from binhdang.directives import selectors as directives
    from binhdang.directives.models import AttachmentKind

    order = {AttachmentKind.ORIGINAL: 0, AttachmentKind.DOCUMENT: 1, AttachmentKind.ANNEX: 2}
    stored = sorted(
        directives.directive_attachments(actor, directive), key=lambda a: order.get(a.kind, 3)
    )
    files = []
    for attachment in stored:
        try:
            with attachment.file.open("rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise ExchangeError(
                _("The stored file %(name)s cannot be read.") % {"name": attachment.original_name}
            ) from exc
        content_type = mimetypes.guess_type(attachment.original_name)[0]
        files.append(
            edxml.Attachment(
                attachment.original_name,
                content_type or "application/octet-stream",
                data,
                str(attachment.get_kind_display()),
            )
        )
    if any(f.name.lower().endswith(".pdf") for f in files):
        return files
    from binhdang.documents import builders
    from binhdang.documents.engine import PdfError, pdf_available, render_docx, render_pdf

    doc = builders.directive_document(directive)
    docx = render_docx(doc, builders.template_for(doc.kind))
    stem = builders.directive_file_stem(directive)
    generated = [edxml.Attachment(builders.safe_file_name(f"{stem}.docx"), WORD, docx, "Bản Word")]
    if pdf_available():
        try:
            pdf = render_pdf(docx)
        except PdfError as exc:
            raise ExchangeError(
                _("The PDF of the directive could not be produced: %(error)s") % {"error": exc}
            ) from exc
        generated.insert(
            0,
            edxml.Attachment(
                builders.safe_file_name(f"{stem}.pdf"), "application/pdf", pdf, "Văn bản"
            ),
        )
    return generated + files


def export_directive(*, actor, directive_id: int, service_key: str = "edxml"):
    """The package of an issued directive for the exchange service: its metadata (number and
    symbol, date, issuing body, subject, signer, recipients) and its files. Recorded with the
    package's SHA-256 and an audit entry. 404 unless the actor reads the directive; a draft
    is refused."""
    from binhdang.directives import selectors as directives
    from binhdang.directives.models import DirectiveStatus

    from .models import ExchangeDirection, ExchangeRecord
    from .registry import exchange_service

    directive = directives.directive_for(actor, directive_id)
    service = exchange_service(service_key)
    if service is None:
        raise Http404
    if directive.status == DirectiveStatus.DRAFT:
        raise ExchangeError(_("A draft is not sent: issue the directive first."))
    number, notation = edxml.split_number_symbol(directive.number_symbol)
    recipients = [organ_of(unit) for unit in directive.recipient_units.order_by("name")]
    attachments = _directive_files(actor, directive)
    document = edxml.EdxmlDocument(
        sender=organ_of(directive.issuing_unit),
        recipients=recipients,
        code_number=number,
        code_notation=notation,
        place=directive.place,
        date=directive.issued_on,
        type_name=DIRECTIVE_TYPE_NAMES.get(directive.doc_type, "Văn bản"),
        subject=directive.subject,
        content=" ".join(directive.intro_paragraphs()),
        signer_name=directive.signer_name,
        signer_position=directive.signer_title,
        competence=directive.signing_authority,
        attachments=attachments,
        to_places=directive.distribution_lines() or directive.addressee_list(),
    )
    delivery = service.deliver(document)
    package_sha = sha256(delivery.data) if delivery.data else ""
    with transaction.atomic():
        ExchangeRecord.objects.create(
            org_unit=directive.issuing_unit,
            direction=ExchangeDirection.EXPORT,
            service=service.key,
            document_id=document.make_document_id()[:300],
            number_symbol=directive.number_symbol[:80],
            subject=directive.subject[:500],
            sha256=package_sha,
            directive=directive,
            created_by=actor,
        )
        record(
            actor=actor,
            action="directive.edxml_export",
            obj=directive,
            org_unit=directive.issuing_unit,
            changes={
                "service": service.key,
                "document_id": document.make_document_id(),
                "files": [a.name for a in attachments],
                "sha256": package_sha,
                "reference": delivery.reference,
            },
        )
    return directive, delivery


TYPE_NAMES = (
    ("cong van", "cong_van"),
    ("ke hoach", "ke_hoach"),
    ("quyet dinh", "quyet_dinh"),
    ("chi thi", "chi_thi"),
    ("nghi quyet", "nghi_quyet"),
    ("huong dan", "huong_dan"),
    ("thong bao", "thong_bao"),
)


def directive_type_of(type_name: str, notation: str) -> str:
    """The register's type of a document by its type name (or its symbol: CV, KH, QĐ...)."""
    from binhdang.formats.text import fold

    folded = fold(type_name)
    for name, key in TYPE_NAMES:
        if folded.startswith(name):
            return key
    prefix = fold(notation.split("-", 1)[0])
    return {
        "kh": "ke_hoach", "qd": "quyet_dinh", "ct": "chi_thi", "nq": "nghi_quyet",
        "hd": "huong_dan", "tb": "thong_bao",
    }.get(prefix, "cong_van" if notation.upper().startswith("UBND") or not notation else "khac")  # fmt: skip


def _resolve(actor, organ, managed) -> object | None:
    from binhdang.formats.text import fold

    from .models import OrganCode

    if organ.organ_id:
        code = OrganCode.objects.filter(organ_id=organ.organ_id).select_related("org_unit").first()
        if code is not None:
            return code.org_unit
    name = fold(organ.name)
    if not name:
        return None
    for unit in managed:
        if fold(unit.name) == name:
            return unit
    return None


def import_package(*, actor, uploaded, issuing_unit=None, service_key: str = "edxml"):
    """Read an incoming package into the directive register: a draft directive with its
    metadata and its files (each checked like any upload, signed PDFs verified). The issuing
    unit is the package's sender when it is a unit the actor manages (by its exchange
    identifier or its name), else the one chosen. A package already imported is refused.
    Returns the directive."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from binhdang.directives import services as directives
    from binhdang.directives.models import AttachmentKind
    from binhdang.formats.text import TextError, clean_text

    from .models import ExchangeDirection, ExchangeRecord
    from .registry import exchange_service

    managed = list(selectors.import_units(actor))
    if not managed:
        raise Http404
    service = exchange_service(service_key)
    if service is None:
        raise Http404
    if uploaded is None:
        raise ExchangeError(_("Choose an edXML package to import."))
    if uploaded.size > edxml.MAX_PACKAGE_BYTES:
        raise ExchangeError(_("The edXML package is too large."))
    uploaded.seek(0)
    data = uploaded.read()
    try:
        document = service.receive(data)
    except edxml.EdxmlError as exc:
        raise ExchangeError(str(exc)) from exc
    sender = _resolve(actor, document.sender, managed)
    unit = issuing_unit or sender
    if unit is None:
        raise ExchangeError(
            _("The sender %(name)s is not a unit you manage: choose the register it goes to.")
            % {"name": document.sender.name or document.sender.organ_id or "—"}
        )
    if unit.pk not in {u.pk for u in managed}:
        raise Http404
    document_id = (document.document_id or document.make_document_id())[:300]
    previous = ExchangeRecord.objects.filter(
        direction=ExchangeDirection.IMPORT, document_id=document_id, org_unit=unit
    ).first()
    if previous is not None:
        raise ExchangeError(
            _("This document (%(number)s) was already imported on %(date)s.")
            % {
                "number": previous.number_symbol,
                "date": timezone.localtime(previous.created_at).strftime("%d/%m/%Y"),
            }
        )
    recipients = [r for r in (_resolve(actor, o, managed) for o in document.recipients) if r]
    try:
        data_fields = {
            "doc_type": directive_type_of(document.type_name, document.code_notation),
            "number_symbol": clean_text(document.number_symbol, max_length=80),
            "issued_on": document.date,
            "place": clean_text(document.place, max_length=100),
            "issuing_unit": unit,
            "subject": clean_text(document.subject, max_length=500),
            "signer_title": clean_text(document.signer_position, max_length=100),
            "signer_name": clean_text(document.signer_name, max_length=100),
            "signing_authority": clean_text(document.competence, max_length=100),
            "addressee_lines": "\n".join(
                clean_text(o.name, max_length=200) for o in document.recipients if o.name
            ),
        }
    except TextError as exc:
        raise ExchangeError(str(exc)) from exc
    stored = []
    try:
        with transaction.atomic():
            try:
                directive = directives.directive_create(
                    actor=actor, data=data_fields, recipient_units=recipients
                )
                for attachment in document.attachments:
                    upload = SimpleUploadedFile(
                        attachment.name, attachment.data, attachment.content_type or None
                    )
                    is_pdf = attachment.name.lower().endswith(".pdf")
                    added = directives.attachment_add(
                        actor=actor,
                        directive=directive,
                        uploaded=upload,
                        kind=AttachmentKind.ORIGINAL if is_pdf else AttachmentKind.DOCUMENT,
                    )
                    stored.append(added.file.name)
            except directives.DirectiveError as exc:
                raise ExchangeError(str(exc)) from exc
            ExchangeRecord.objects.create(
                org_unit=unit,
                direction=ExchangeDirection.IMPORT,
                service=service.key,
                document_id=document_id,
                number_symbol=directive.number_symbol,
                subject=directive.subject,
                sha256=sha256(data),
                directive=directive,
                created_by=actor,
            )
            record(
                actor=actor,
                action="directive.edxml_import",
                obj=directive,
                org_unit=unit,
                changes={
                    "service": service.key,
                    "document_id": document_id,
                    "sender": document.sender.name or document.sender.organ_id,
                    "files": [a.name for a in document.attachments],
                    "sha256": sha256(data),
                },
            )
    except BaseException:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise
    return directive

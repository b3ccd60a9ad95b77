"""Signed PDFs, the certificates that sign them, the checks of received signed files, and the
electronic exchange of documents with an agency's document-management system.

A `SigningCertificate` says how an office signs: a PKCS#12 file on the server's disk (its
path, outside the database and the media folder) whose passphrase is read from an environment
variable named here, or a PKCS#11 token (module, token and key labels, PIN from an
environment variable). No key and no secret is ever stored in the database.

A `SignedFile` is a signed PDF made from a finalised document. It is written once: the
SHA-256 of what was signed and of the signed file are kept, and the row and its file are never
changed afterwards (`save` refuses an update).

A `SignatureCheck` is the verification of one received PDF (a unit's attachment, a directive's
file): who signed, whether the chain reaches the trust list, when, and whether the file
changed after signing. An invalid or untrusted signature is recorded as such, never as valid.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyStore(models.TextChoices):
    PKCS12 = "pkcs12", _("PKCS#12 file (.p12/.pfx) on the server")
    PKCS11 = "pkcs11", _("PKCS#11 token (USB token, HSM)")


class SigningCertificate(models.Model):
    """How one office signs. Configured by a system administrator in /admin/."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="signing_certificates",
    )
    label = models.CharField(_("label"), max_length=200)
    store = models.CharField(
        _("key store"), max_length=10, choices=KeyStore.choices, default=KeyStore.PKCS12
    )
    p12_path = models.CharField(
        _("PKCS#12 file"),
        max_length=500,
        blank=True,
        help_text=_("Absolute path of the .p12/.pfx file on the server, readable by the app."),
    )
    secret_env = models.CharField(
        _("environment variable holding the passphrase or PIN"),
        max_length=100,
        blank=True,
        help_text=_("e.g. BINHDANG_SIGNING_PASSPHRASE_VIXUYEN; the secret itself is never stored."),
    )
    pkcs11_module = models.CharField(
        _("PKCS#11 module"), max_length=500, blank=True, help_text=_("e.g. /usr/lib/libeToken.so")
    )
    pkcs11_token = models.CharField(_("token label"), max_length=200, blank=True)
    pkcs11_key = models.CharField(_("key label"), max_length=200, blank=True)
    seal_image_path = models.CharField(
        _("seal image"),
        max_length=500,
        blank=True,
        help_text=_("Absolute path of a PNG of the organisation's seal, shown in the signature."),
    )
    tsa_url = models.URLField(
        _("time-stamp authority"),
        max_length=500,
        blank=True,
        help_text=_(
            "RFC 3161 address of the time-stamp authority; empty: BINHDANG_SIGNING_TSA_URL."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["org_unit", "label", "id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.org_unit})"

    @property
    def timestamp_url(self) -> str:
        return self.tsa_url or settings.BINHDANG_SIGNING_TSA_URL


class SourceKind(models.TextChoices):
    REPORT_VERSION = "report_version", _("Finalised consolidated report")
    DOCUMENT_JOB = "document_job", _("Generated document")


def signed_file_path(instance: "SignedFile", filename: str) -> str:
    return f"exchange/signed/{uuid.uuid4().hex}.pdf"


class SignedFile(models.Model):
    """A signed PDF, written once."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="signed_files"
    )
    source_kind = models.CharField(_("document"), max_length=20, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField()
    # The SHA-256 of the PDF before signing (what was signed) and of the file it was made from.
    source_sha256 = models.CharField(_("SHA-256 of what was signed"), max_length=64)
    origin_sha256 = models.CharField(_("SHA-256 of the finalised file"), max_length=64, blank=True)
    file = models.FileField(upload_to=signed_file_path, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(_("SHA-256 of the signed file"), max_length=64)
    certificate = models.ForeignKey(
        SigningCertificate, null=True, on_delete=models.SET_NULL, related_name="signed_files"
    )
    certificate_subject = models.CharField(_("certificate"), max_length=500)
    certificate_sha256 = models.CharField(max_length=64)
    signer_name = models.CharField(_("signer's name"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    pdfa = models.CharField(_("PDF/A"), max_length=20, blank=True)
    pades_level = models.CharField(_("PAdES level"), max_length=10, default="B-B")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("signed file")
        verbose_name_plural = _("signed files")
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["source_kind", "source_id"], name="signedfile_source")]

    def __str__(self) -> str:
        return self.file_name

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("a signed file is never changed")
        super().save(*args, **kwargs)


class CheckStatus(models.TextChoices):
    VALID = "valid", _("Valid signature")
    UNTRUSTED = "untrusted", _("Signature intact, signer not trusted")
    MODIFIED = "modified", _("Changed after signing")
    INVALID = "invalid", _("Invalid signature")
    UNSIGNED = "unsigned", _("Not signed")
    ERROR = "error", _("Could not be checked")


CHECK_STATUS_CSS = {
    "valid": "ok",
    "untrusted": "warn",
    "modified": "bad",
    "invalid": "bad",
    "unsigned": "none",
    "error": "bad",
}


class SignatureCheck(models.Model):
    """The verification of one received PDF, made when it was uploaded."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    file_record = GenericForeignKey("content_type", "object_id")
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="signature_checks"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("result"), max_length=10, choices=CheckStatus.choices)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    # One entry per signature: signer, issuer, signing time, intact, valid, trusted, coverage...
    signatures = models.JSONField(default=list, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("signature check")
        verbose_name_plural = _("signature checks")
        ordering = ["-checked_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="sigcheck_record"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.get_status_display()}"

    @property
    def status_css(self) -> str:
        return CHECK_STATUS_CSS.get(self.status, "none")

    @property
    def is_flagged(self) -> bool:
        return self.status != CheckStatus.VALID


class OrganCode(models.Model):
    """A unit's identifier on the national document exchange (mã định danh, QCVN 102 OrganId),
    used as From/To in edXML packages."""

    org_unit = models.OneToOneField(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="organ_code"
    )
    organ_id = models.CharField(_("organ identifier"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("exchange identifier")
        verbose_name_plural = _("exchange identifiers")

    def __str__(self) -> str:
        return f"{self.organ_id} · {self.org_unit}"


class ExchangeDirection(models.TextChoices):
    EXPORT = "export", _("Sent (exported)")
    IMPORT = "import", _("Received (imported)")


class ExchangeRecord(models.Model):
    """One edXML package exported or imported, with its hash and the document it concerns."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="exchange_records"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=ExchangeDirection.choices)
    service = models.CharField(_("exchange service"), max_length=40)
    document_id = models.CharField(_("document identifier"), max_length=300)
    number_symbol = models.CharField(_("number and symbol"), max_length=80)
    subject = models.CharField(_("subject"), max_length=500)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    directive = models.ForeignKey(
        "directives.Directive",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        "documents.ConsolidatedReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exchange record")
        verbose_name_plural = _("exchange records")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.number_symbol}"

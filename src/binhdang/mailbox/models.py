"""Messages received at a round's soft-copy address, and the addresses registered on units.

Every message is kept as its raw .eml file with the SHA-256 of its bytes, whatever happens to
it. One the mailbox can place (one round, one unit, files that pass the upload checks) has its
files attached to the unit's submission as "received by e-mail" and the sender is told; any
other waits in the standing office's triage list until a person assigns it to a unit or
rejects it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitMailAddress(models.Model):
    """An e-mail address the standing office registered as a unit's: a message from it is
    that unit's. Attachments placed through it are attached on the unit's behalf by the
    person who registered the address."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="mail_addresses",
    )
    email = models.EmailField(_("e-mail address"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit e-mail address")
        verbose_name_plural = _("unit e-mail addresses")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "email"], name="unitmailaddress_unique")
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class MessageStatus(models.TextChoices):
    ATTACHED = "attached", _("Attached to the unit's report")
    TRIAGE = "triage", _("Waiting for the standing office")
    ASSIGNED = "assigned", _("Assigned by the standing office")
    REJECTED = "rejected", _("Rejected")


class TriageReason(models.TextChoices):
    NONE = "", _("None")
    UNKNOWN_SENDER = "unknown_sender", _("The sender is not registered on any unit")
    UNCLEAR_UNIT = "unclear_unit", _("The sender belongs to several units")
    UNCLEAR_ROUND = "unclear_round", _("Several open rounds use this address")
    NO_ROUND = "no_round", _("No open round uses this address")
    NOT_EXPECTED = "not_expected", _("The unit is not expected in the round")
    REFUSED_FILE = "refused_file", _("A file was refused")
    NO_ATTACHMENT = "no_attachment", _("The message has no attached file")
    NOT_ATTACHABLE = "not_attachable", _("The report does not accept the files now")


def raw_path(instance: "MailMessage", filename: str) -> str:
    return f"mailbox/{instance.received_at:%Y/%m}/{instance.sha256}.eml"


class MailMessage(models.Model):
    class Via(models.TextChoices):
        IMAP = "imap", _("IMAP mailbox")
        SMTP = "smtp", _("SMTP endpoint")

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    raw = models.FileField(_("original message (.eml)"), upload_to=raw_path, max_length=300)
    size = models.PositiveIntegerField(_("size"))
    via = models.CharField(_("received via"), max_length=10, choices=Via.choices)
    message_id = models.CharField(_("Message-ID"), max_length=500, blank=True)
    sender = models.EmailField(_("sender"), blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=300, blank=True)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received"))
    round = models.ForeignKey(
        "reporting.ReportingRound",
        verbose_name=_("reporting round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The People's Committee whose standing office decides on the message (the round's
    # owner); empty when no round ever named the address (the administrator sees those).
    office_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    candidate_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("possible units"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MessageStatus.choices, db_index=True
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=TriageReason.choices, blank=True, default=""
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    acknowledged_at = models.DateTimeField(_("sender told"), null=True, blank=True)

    class Meta:
        verbose_name = _("received message")
        verbose_name_plural = _("received messages")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.subject or self.sender or self.sha256[:12]


class MailFile(models.Model):
    """One file attached to a message, and what became of it."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ATTACHED = "attached", _("Attached")
        REFUSED = "refused", _("Refused")
        REJECTED = "rejected", _("Rejected")

    message = models.ForeignKey(MailMessage, on_delete=models.CASCADE, related_name="files")
    index = models.PositiveSmallIntegerField()  # position among the message's attachments
    name = models.CharField(_("file name"), max_length=300)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    refusal = models.CharField(_("why refused"), max_length=500, blank=True)
    attachment = models.ForeignKey(
        "reporting.SubmissionAttachment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["message", "index"]
        constraints = [models.UniqueConstraint(fields=["message", "index"], name="mailfile_unique")]

    def __str__(self) -> str:
        return self.name

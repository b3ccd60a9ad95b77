"""Inspections and checks of gender-equality work, their follow-up items and files; complaints
and denunciations about gender equality (khiếu nại, tố cáo) with their legal steps.

A complainant's or denouncer's identity is kept apart (`ComplainantIdentity`), read only by the
complaint's handlers, and every look at it is in the audit log."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.memo import CountedModel, generation
from binhdang.orgunits.models import OrgUnit


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    CHECK = "check", _("Check")


# The generation of the rows "my work" reads of this app (`work.py`): complaints with their
# handlers, inspections and their follow-up items. Their items are kept under it, and every
# write of those rows counts it on (a change of a complaint's handlers too: `apps.py`).
INSPECTIONS_GENERATION = generation("inspections:generation")


def inspections_changed() -> None:
    from binhdang.memo import next_generation

    next_generation(INSPECTIONS_GENERATION)


def handlers_changed(action: str, **kwargs) -> None:
    """A complaint's handlers were added, removed or cleared (m2m_changed)."""
    if action.startswith("post_"):
        inspections_changed()


class Inspection(CountedModel):
    """An inspection or check made by a unit (`org_unit`) of other units."""

    changed = staticmethod(inspections_changed)

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="inspections_made",
        verbose_name=_("inspecting unit"),
    )  # fmt: skip
    inspected_units = models.ManyToManyField(
        OrgUnit, related_name="inspections_received", verbose_name=_("inspected units")
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=InspectionKind.choices, default=InspectionKind.CHECK
    )
    title = models.CharField(_("title"), max_length=300)
    plan = models.CharField(
        _("plan it belongs to"), max_length=300, blank=True,
        help_text=_("e.g. Kế hoạch 15/KH-UBND ngày 20/02/2023"),
    )  # fmt: skip
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    scope_law = models.BooleanField(_("the Law on Gender Equality"), default=False)
    scope_strategy = models.BooleanField(_("the plan of the national strategy"), default=False)
    scope_dv = models.BooleanField(_("domestic-violence prevention"), default=False)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="inspection_dates_in_order",
            )
        ]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return self.title

    def scope_labels(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("scope_law", "scope_strategy", "scope_dv")
            if getattr(self, name)
        ]


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class FollowUp(CountedModel):
    """Something the inspection asked to be done, by a unit and a date."""

    changed = staticmethod(inspections_changed)

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.CharField(_("what is to be done"), max_length=1000)
    responsible_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("responsible unit"),
    )  # fmt: skip
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")

    def __str__(self) -> str:
        return self.text[:80]


def inspection_file_path(instance: "InspectionFile", filename: str) -> str:
    # The stored name is opaque; the user's file name is kept in `original_name`.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"inspections/{instance.inspection_id}/{uuid.uuid4().hex}.{extension}"


class InspectionFile(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=inspection_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


# ---------------------------------------------------------------- complaints, denunciations


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint (khiếu nại)")
    DENUNCIATION = "denunciation", _("Denunciation (tố cáo)")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Telephone or hotline")
    FORWARDED = "forwarded", _("Forwarded by another body")


class Complexity(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    COMPLEX = "complex", _("Complex")
    VERY_COMPLEX = "very_complex", _("Especially complex")


class Acceptance(models.TextChoices):
    PENDING = "", _("Not decided yet")
    ACCEPTED = "accepted", _("Accepted for handling (thụ lý)")
    REFUSED = "refused", _("Not accepted")


class Outcome(models.TextChoices):
    NONE = "", _("Not concluded yet")
    UPHELD = "upheld", _("Well-founded")
    PARTLY = "partly", _("Partly well-founded")
    REJECTED = "rejected", _("Unfounded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Complaint(CountedModel):
    """A complaint or denunciation about gender equality received by a competent body
    (`org_unit`), with its legal steps: receipt, acceptance or refusal, verification,
    conclusion. Handled by `handlers`, who alone read the complainant's identity."""

    changed = staticmethod(inspections_changed)

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="complaints",
        verbose_name=_("competent body"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=14, choices=ComplaintKind.choices)
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    respondent = models.CharField(_("against whom"), max_length=300)
    content = models.TextField(_("content"))
    complexity = models.CharField(
        _("complexity"), max_length=14, choices=Complexity.choices, default=Complexity.ORDINARY
    )
    remote_area = models.BooleanField(
        _("remote area where travel is difficult"),
        default=False,
        help_text=_(
            "A complaint in such an area has a longer time limit (Luật Khiếu nại 2011, Điều 28)."
        ),
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="complaints_handled", verbose_name=_("handled by")
    )
    acceptance = models.CharField(
        _("acceptance"), max_length=10, choices=Acceptance.choices, blank=True, default=""
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for not accepting"), max_length=1000, blank=True)
    verification_due = models.DateField(_("verification to finish by"), null=True, blank=True)
    verified_on = models.DateField(_("verification finished on"), null=True, blank=True)
    verification_note = models.TextField(_("verification"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True, default=""
    )
    outcome_text = models.TextField(_("conclusion"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="complaint_decided_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(acceptance="accepted"),
                name="complaint_concluded_only_when_accepted",
            ),
        ]
        verbose_name = _("complaint or denunciation")
        verbose_name_plural = _("complaints and denunciations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d/%m/%Y}"

    @property
    def is_closed(self) -> bool:
        return self.acceptance == Acceptance.REFUSED or self.concluded_on is not None


class ComplainantIdentity(models.Model):
    """Who complained or denounced: confidential (Luật Tố cáo 2018 keeps a denouncer's name, address and
    handwriting secret; the same care is given to a complainant), read only by the
    complaint's handlers, each look audited."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="identity")
    name = models.CharField(_("full name"), max_length=200)
    contact = models.CharField(_("telephone or e-mail"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("complainant's identity")
        verbose_name_plural = _("complainants' identities")

    def __str__(self) -> str:
        return str(_("Identity of the complainant"))

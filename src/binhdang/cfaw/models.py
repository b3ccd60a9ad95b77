"""The Committee for the Advancement of Women (Ban vì sự tiến bộ của phụ nữ, seed §4.3) of a
province, a district (before 1/7/2025) or a commune: its members over time, the decisions
that reconstitute it (kiện toàn), its yearly work programme and its meetings.

A membership runs from `starts_on` to `ends_on` (None: still running). A kiện toàn decision
closes memberships the day before it is signed and opens new ones on that day, so the
committee "as on" any date is the memberships running on it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FILE_EXTENSIONS = {"pdf", "docx", "doc", "jpg", "png"}


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (before 1/7/2025)")
    COMMUNE = "commune", _("Commune")


class CommitteePost(models.TextChoices):
    HEAD = "head", pgettext_lazy("committee post", "Head")
    DEPUTY = "deputy", _("Deputy head")
    STANDING = "standing", _("Standing member")
    MEMBER = "member", _("Member")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


def _file_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cfaw/{instance.committee_id}/{uuid.uuid4().hex}.{extension}"


class Committee(models.Model):
    org_unit = models.OneToOneField(
        "orgunits.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("committee for the advancement of women")
        verbose_name_plural = _("committees for the advancement of women")
        ordering = ["org_unit__path"]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    """A decision reconstituting the committee (quyết định kiện toàn), with its file."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="decisions")
    number = models.CharField(_("number and symbol"), max_length=80)
    signed_on = models.DateField(_("signed on"))
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=_file_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kiện toàn decision")
        verbose_name_plural = _("kiện toàn decisions")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="cfaw_decision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class Member(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=120)
    post = models.CharField(
        _("post in the committee"), max_length=10, choices=CommitteePost.choices
    )
    from_body = models.CharField(_("body they come from"), max_length=200)
    job_title = models.CharField(_("title in that body"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    opened_by = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="opened"
    )
    closed_by = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="closed"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee", "starts_on", "post", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cfaw_member_dates",
            )
        ]
        indexes = [models.Index(fields=["committee", "starts_on"], name="cfaw_member_dates_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_post_display()})"


class ProgrammeItem(models.Model):
    """An item of the committee's yearly work programme."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="items")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("work item"), max_length=500)
    lead_member = models.ForeignKey(
        Member,
        verbose_name=_("lead member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    result = models.CharField(_("result"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["-year", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title[:120]


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("meeting"), max_length=300)
    attendees = models.PositiveIntegerField(_("members present"), default=0)
    minutes = models.FileField(_("minutes"), upload_to=_file_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

"""Reporting rounds (đợt báo cáo): who must report what by when, and what each unit sent.

A `ReportingRound` is issued by a People's Committee (`owner_unit`) and followed up by its
standing office (`standing_office`). When it opens, the units it is addressed to (unit groups
and single units) are frozen into `ExpectedUnit` rows, each remembering the group it came
from, so completeness can be counted per group in the database.

The report form of a round is its `FormSection`s (narrative, one text per part: what was
done, results, difficulties, proposals) and its `NumericField`s. A unit's answer is one
`Submission` per (round, unit) holding `SubmissionAnswer` texts and `SubmissionValue`
numbers; every submit, approval, return, acceptance and reopening keeps a full
`SubmissionVersion` snapshot.

Timeliness: the seed says "trước ngày 05/12/2023". We read the deadline as inclusive: a report
is on time when it reaches the standing office on or before the deadline day, in
Asia/Ho_Chi_Minh time (so 23:59 on 05/12 is on time, 00:00 on 06/12 is late). When the round
requires the unit head's approval, the moment that counts is the approval (that is when the
report leaves the unit). Timeliness is fixed at the first arrival: a report returned for
corrections and resubmitted later keeps its original timeliness.
"""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binhdang.core import registry
from binhdang.memo import CountedModel, generation

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


class PeriodType(models.TextChoices):
    YEAR = "year", _("Year")
    HALF = "half", _("Half-year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class ReportType(models.TextChoices):
    """Kinds of report under Decree 09/2019/NĐ-CP."""

    PERIODIC = "periodic", _("Periodic")
    THEMATIC = "thematic", _("Thematic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class NarrativePart(models.TextChoices):
    DONE = "done", _("What was done")
    RESULTS = "results", _("Results")
    DIFFICULTIES = "difficulties", _("Difficulties and limitations")
    PROPOSALS = "proposals", _("Proposals and recommendations")


ALL_PARTS = [p.value for p in NarrativePart]


class ValueType(models.TextChoices):
    INT = "int", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    PERCENT = "percent", _("Percentage")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the head's approval")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Accepted")


# Statuses in which the report has reached the standing office.
ARRIVED = [SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED]
# Statuses in which the unit may still edit its report.
EDITABLE = [SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]


class AttachmentKind(models.TextChoices):
    OWN_REPORT = "own_report", _("The unit's own report (Word, Excel or PDF)")
    SUPPORTING = "supporting", _("Supporting document")
    EMAILED_COPY = "emailed_copy", _("Soft copy received by e-mail")


# The generation of the rounds' rows: a round kept in the shared cache is kept under it
# (`selectors.round_and_unit`), and every write of a round counts it on.
ROUNDS_GENERATION = generation("reporting:rounds:generation")


def rounds_changed() -> None:
    from binhdang.memo import next_generation

    next_generation(ROUNDS_GENERATION)


class ReportingRound(CountedModel):
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("directive"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("issuing People's Committee"),
        on_delete=models.PROTECT,
        related_name="owned_rounds",
    )
    standing_office = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("standing office"),
        on_delete=models.PROTECT,
        related_name="followed_rounds",
    )
    report_type = models.CharField(
        _("report type"), max_length=10, choices=ReportType.choices, default=ReportType.PERIODIC
    )
    # The frequency of a periodic report; for a thematic or ad hoc one, the period it covers.
    period_type = models.CharField(
        _("period"), max_length=10, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    period_year = models.PositiveSmallIntegerField(_("year"))
    # 1-2 for a half-year, 1-4 for a quarter, 1-12 for a month; empty for a year.
    period_number = models.PositiveSmallIntegerField(_("period number"), null=True, blank=True)
    # The data cut-off window (both days included): the figures count what happened in it.
    # The services always store it; a row made without them reads the default for its
    # period (`regime.round_window`).
    cutoff_from = models.DateField(_("data counted from"), null=True, blank=True)
    cutoff_to = models.DateField(_("data counted until"), null=True, blank=True)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    report_template = models.CharField(
        _("report outline and data forms"), max_length=500, blank=True
    )
    delivery_method = models.CharField(_("how reports are sent"), max_length=500, blank=True)
    soft_copy_email = models.EmailField(_("e-mail for soft copies"), blank=True)
    requires_head_approval = models.BooleanField(_("the unit head must approve"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    # Days relative to the deadline at which units that have not submitted are reminded
    # (negative: before it), then every `remind_every_days_after` days after it (0: never).
    reminder_offsets = models.JSONField(_("reminder days before the deadline"), default=list)
    remind_every_days_after = models.PositiveSmallIntegerField(
        _("remind missing units every N days after the deadline"), default=3
    )
    addressed_groups = models.ManyToManyField(
        "orgunits.UnitGroup", verbose_name=_("addressed unit groups"), blank=True, related_name="+"
    )
    addressed_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("addressed units"), blank=True, related_name="+"
    )
    expected_units = models.ManyToManyField(
        "orgunits.OrgUnit",
        through="ExpectedUnit",
        verbose_name=_("expected units"),
        blank=True,
        related_name="expected_in_rounds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Counted up by every write of the round's sections or numeric fields: the key of the
    # form kept in the cache (`selectors.form_parts`).
    form_version = models.PositiveIntegerField(default=0, editable=False)

    changed = staticmethod(rounds_changed)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")), name="round_deadline_after_open"
            ),
            models.CheckConstraint(
                condition=Q(cutoff_to__gte=models.F("cutoff_from")), name="round_cutoff_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def deadline_end(self) -> datetime:
        """The first instant that is late: midnight after the deadline day, Vietnam time."""
        from datetime import time, timedelta

        return datetime.combine(self.deadline + timedelta(days=1), time.min, tzinfo=TZ)

    def is_late(self, moment: datetime) -> bool:
        return moment >= self.deadline_end()

    @property
    def cutoff_window(self) -> tuple:
        """(first day, last day) of the data the round's reports count."""
        from .regime import round_window

        return round_window(self)

    @property
    def period_label(self) -> str:
        if self.period_type == PeriodType.YEAR or not self.period_number:
            return str(self.period_year)
        return f"{self.get_period_type_display()} {self.period_number}/{self.period_year}"


# The generation of the expected units' rows: which of a round's expected units closed is kept
# under it (`selectors.round_closed_unit_ids`), and every write of an expected unit counts it
# on (a unit starting its report included: the row then names its submission).
EXPECTED_GENERATION = generation("reporting:expected:generation")


def expected_changed() -> None:
    from binhdang.memo import next_generation

    next_generation(EXPECTED_GENERATION)


class ExpectedUnit(CountedModel):
    """A unit that must answer a round, and the addressed group it was reached through."""

    changed = staticmethod(expected_changed)

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="expected_rows"
    )
    org_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    unit_group = models.ForeignKey(
        "orgunits.UnitGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Linked when the unit starts its submission: completeness is then one LEFT JOIN.
    submission = models.OneToOneField(
        "Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="expected_row"
    )

    class Meta:
        verbose_name = _("expected unit")
        verbose_name_plural = _("expected units")
        constraints = [
            models.UniqueConstraint(fields=["round", "org_unit"], name="expectedunit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.org_unit_id}"


def _form_changed(row) -> None:
    """A section or field of `row.round` was written or removed: count its form up."""
    ReportingRound.objects.filter(pk=row.round_id).update(form_version=F("form_version") + 1)
    cached = row._state.fields_cache.get("round")
    if cached is not None:
        # Read again on next use (a deferred field), whatever this object held.
        cached.__dict__.pop("form_version", None)
        cached.__dict__.pop("_form_parts", None)


class FormChangeCounted(models.Model):
    """Sections and numeric fields: each write counts the round's form version up."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _form_changed(self)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _form_changed(self)
        return result


class FormSection(FormChangeCounted):
    """A narrative section of the round's report form, usually mapped to a directive task."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="sections")
    task = models.ForeignKey(
        "directives.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="form_sections",
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    guidance = models.TextField(_("guidance"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    # Which of NarrativePart the unit answers in this section (all four by default).
    parts = models.JSONField(_("parts"), default=list)

    class Meta:
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="formsection_round_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def part_list(self) -> list[tuple[str, str]]:
        labels = dict(NarrativePart.choices)
        return [(p, labels[p]) for p in (self.parts or ALL_PARTS) if p in labels]


class NumericField(FormChangeCounted):
    """A number every unit reports. Ratios are stored as their parts: a PERCENT field with a
    numerator and a denominator is computed, never entered. `data_element_code` and
    `disaggregation` let the indicators app link its data elements without a foreign key."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="fields")
    section = models.ForeignKey(
        FormSection, null=True, blank=True, on_delete=models.SET_NULL, related_name="fields"
    )
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.INT
    )
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "Of which": the value may not exceed the value of this field (women <= total).
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("of which (part of)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
    )
    min_value = models.DecimalField(
        _("minimum"), max_digits=18, decimal_places=4, null=True, blank=True, default=0
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    required = models.BooleanField(_("required on submit"), default=False)
    data_element_code = models.CharField(max_length=80, blank=True)
    disaggregation = models.CharField(max_length=120, blank=True)
    # A figure the records count (`core.registry.Figure.key`): the unit's form shows it,
    # filled in, for the round's cut-off window; a different number needs an explanation.
    computed_from = models.CharField(_("counted from the records"), max_length=80, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("numeric field")
        verbose_name_plural = _("numeric fields")
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="numericfield_round_code")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_computed(self) -> bool:
        return bool(self.numerator_id and self.denominator_id)

    @property
    def counted_label(self) -> str:
        """What the field is counted from, as the form builder names it ("" when typed)."""
        if not self.computed_from:
            return ""
        item = registry.figure(self.computed_from)
        return str(item.label) if item is not None else self.computed_from


# The generation of the submissions' rows: what is kept with a report's status in it ("my
# work" of the units that send and of the offices that review) is kept under it, and every
# write of a submission counts it on, but for a bulk update of `Submission.uncounted_fields`
# alone (what a draft save writes: the state stays, and nothing kept reads the rest).
SUBMISSIONS_GENERATION = generation("reporting:submissions:generation")


def submissions_changed() -> None:
    from binhdang.memo import next_generation

    next_generation(SUBMISSIONS_GENERATION)


class Submission(CountedModel):
    """One unit's report for one round. `version` increases on every write, so a stale form
    (another tab, another colleague) is detected instead of overwriting newer work."""

    changed = staticmethod(submissions_changed)
    uncounted_fields = frozenset({"version", "updated_by", "updated_at", "figure_notes"})

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="submissions")
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(default=1)
    # {field code: why the unit's number differs from the one counted from the records}
    figure_notes = models.JSONField(_("explanations of figures"), default=dict, blank=True)
    # When it first reached the standing office, and whether that was after the deadline.
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the standing office entered the report for the unit (an e-mailed copy).
    on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf_note = models.CharField(_("entered on behalf"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["round", "org_unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "org_unit"], name="submission_round_unit")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.org_unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def status_css(self) -> str:
        return STATUS_CSS.get(self.status, "none")


STATUS_CSS = {
    SubmissionStatus.DRAFT: "none",
    SubmissionStatus.AWAITING_APPROVAL: "info",
    SubmissionStatus.SUBMITTED: "info",
    SubmissionStatus.RETURNED: "warn",
    SubmissionStatus.ACCEPTED: "ok",
}


class SubmissionAnswer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=20, choices=NarrativePart.choices)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "section", "part"], name="answer_submission_section_part"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section_id}:{self.part}"


class SubmissionValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    field = models.ForeignKey(NumericField, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(max_digits=18, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "field"], name="value_submission_field")
        ]

    def __str__(self) -> str:
        return f"{self.field_id}={self.value}"


class VersionEvent(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Approved by the unit head")
    RETURN = "return", _("Returned")
    ACCEPT = "accept", _("Accepted")
    REOPEN = "reopen", _("Reopened")
    CORRECT = "correct", _("Numbers corrected by the standing office")


class SubmissionVersion(models.Model):
    """A full snapshot of a submission at a step: {"answers": {"<section>:<part>": text},
    "values": {"<code>": "<decimal>"}, "attachments": [names]}."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=10, choices=VersionEvent.choices)
    data = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} v{self.number}"


class ReviewComment(models.Model):
    """The standing office's comment on a section (or the whole report when section is empty)
    when it returns or reopens a submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        FormSection, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(
        SubmissionVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:80]


def attachment_path(instance, filename: str) -> str:
    # A random component keeps names unguessable and lets two units upload "baocao.docx".
    import uuid

    return f"reporting/{instance.submission.round_id}/{uuid.uuid4().hex}/{filename}"


class SubmissionAttachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(_("attached on the unit's behalf"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

"""The directive register (văn bản chỉ đạo) and the numbered tasks each directive assigns.

A directive is kept as the dispatch reads: header, "Kính gửi", legal bases ("Căn cứ ..." lines
and footnotes), intro, the numbered task tree, closing sentence, signature and "Nơi nhận".
Issuing it turns each task's lead and cooperating units into `TaskAssignment` rows, one per
unit, which the unit moves through not started -> in progress -> done with progress notes.

"Overdue" is never stored: it is computed from the task's due date at read time (a done
assignment is never overdue), so no nightly job is needed and it cannot go stale.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.formats.dates import date_line
from binhdang.memo import CountedModel, generation, next_generation

# The generation of the register's directives, tasks and assignments: what is kept in the
# shared cache from them ("my work"'s open tasks, the tasks of closed units) is kept under
# it, and every write of one of those rows counts it on.
DIRECTIVES_GENERATION = generation("directives:generation")


def directives_changed() -> None:
    next_generation(DIRECTIVES_GENERATION)


class DirectiveType(models.TextChoices):
    CONG_VAN = "cong_van", _("Official dispatch (công văn)")
    KE_HOACH = "ke_hoach", _("Plan (kế hoạch)")
    QUYET_DINH = "quyet_dinh", _("Decision (quyết định)")
    CHI_THI = "chi_thi", _("Directive (chỉ thị)")
    NGHI_QUYET = "nghi_quyet", _("Resolution (nghị quyết)")
    HUONG_DAN = "huong_dan", _("Guidance (hướng dẫn)")
    THONG_BAO = "thong_bao", _("Notice (thông báo)")
    KHAC = "khac", _("Other")


class DirectiveStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


class Directive(CountedModel):
    changed = staticmethod(directives_changed)

    doc_type = models.CharField(_("type"), max_length=20, choices=DirectiveType.choices)
    number_symbol = models.CharField(_("number and symbol"), max_length=80)  # 760/UBND-LĐTBXH
    issued_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)  # Vị Xuyên
    issuing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="issued_directives",
    )
    # The office that drafted it and follows it up (the standing office).
    drafting_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("drafting unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafted_directives",
    )
    subject = models.CharField(_("subject (V/v)"), max_length=500)
    signing_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DirectiveStatus.choices, default=DirectiveStatus.DRAFT
    )
    # The higher-level directive this one carries down (province -> district).
    implements = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    # "Kính gửi": the units and groups it is addressed to (these decide who sees it) and, when
    # the printed wording differs from the unit names, the lines as printed.
    recipient_units = models.ManyToManyField(
        "orgunits.OrgUnit",
        verbose_name=_("addressed to units"),
        blank=True,
        related_name="addressed_directives",
    )
    recipient_groups = models.ManyToManyField(
        "orgunits.UnitGroup",
        verbose_name=_("addressed to unit groups"),
        blank=True,
        related_name="addressed_directives",
    )
    addressee_lines = models.TextField(
        _("addressees as printed"),
        blank=True,
        help_text=_("One addressee per line, as on the paper; leave empty to list the units."),
    )
    intro = models.TextField(
        _("opening paragraphs"), blank=True, help_text=_("The text before the numbered items.")
    )
    closing = models.TextField(
        _("closing paragraphs"), blank=True, help_text=_("The text after the numbered items.")
    )
    distribution_list = models.TextField(
        _("distribution list (Nơi nhận)"),
        blank=True,
        help_text=_('One entry per line, e.g. "- Như trên;".'),
    )

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["issuing_unit", "issued_on"], name="directive_unit_date")]

    def __str__(self) -> str:
        return f"{self.number_symbol} · {self.subject}"

    def place_date_line(self) -> str:
        """ "Vị Xuyên, ngày 14 tháng 4 năm 2023" as Decree 30 prints it (a day under 10 and the
        months 1 and 2 take a leading zero). Vietnamese in every UI language: it is the
        document's own text."""
        return date_line(self.place, self.issued_on)

    def issuer_heading(self) -> list[str]:
        """The issuing body as printed top left: "ỦY BAN NHÂN DÂN" / "HUYỆN VỊ XUYÊN"."""
        heading = self.letterhead()
        name = heading.issuing_body.upper()
        if name.startswith("ỦY BAN NHÂN DÂN "):
            return ["ỦY BAN NHÂN DÂN", name.removeprefix("ỦY BAN NHÂN DÂN ")]
        return [name]

    def letterhead(self):
        """The issuing unit's letterhead, from the table by kind of unit."""
        from binhdang.orgunits.letterheads import letterhead_of

        return letterhead_of(self.issuing_unit)

    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution_list.splitlines() if line.strip()]

    def addressee_list(self) -> list[str]:
        return [line.strip() for line in self.addressee_lines.splitlines() if line.strip()]

    def intro_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.intro.splitlines() if p.strip()]

    def closing_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.closing.splitlines() if p.strip()]


class LegalBasis(models.Model):
    """A "Căn cứ ..." line or a footnote citing a legal text.

    Either a link to another directive of the register (shown as a link to whoever may see
    it) or free text for texts outside the register (a resolution of the Government). With a
    footnote marker it prints as a footnote; without one, as a "Căn cứ" paragraph.
    """

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveIntegerField(_("order"), default=0)
    cited_directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )
    text = models.TextField(_("text"), blank=True)
    footnote_marker = models.CharField(
        _("footnote marker"),
        max_length=8,
        blank=True,
        help_text=_('e.g. 1 or 2; empty for a "Căn cứ" line.'),
    )

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["directive", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cited_directive__isnull=False) | ~Q(text=""),
                name="legalbasis_link_or_text",
            )
        ]

    def __str__(self) -> str:
        return self.text[:100] or str(self.cited_directive)


class AttachmentKind(models.TextChoices):
    ORIGINAL = "original", _("Original (signed scan)")
    DOCUMENT = "document", _("Editable document")
    ANNEX = "annex", _("Annex")


ATTACHMENT_EXTENSIONS = {"pdf", "docx", "doc", "jpg", "png"}


def attachment_path(instance: "DirectiveAttachment", filename: str) -> str:
    # The stored name is opaque; the user's file name is kept in `original_name`.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"directives/{instance.directive_id}/{uuid.uuid4().hex}.{extension}"


class DirectiveAttachment(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.ORIGINAL
    )
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["directive", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Recurrence(models.TextChoices):
    NONE = "none", _("Once")
    YEARLY = "yearly", _("Every year")


class Task(CountedModel):
    """A numbered item of a directive (1, 1.1, 1.2 ...), with its lead and cooperating units."""

    changed = staticmethod(directives_changed)

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(_("number"), max_length=20)  # "2.1"
    position = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    lead_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("lead units"), blank=True, related_name="led_tasks"
    )
    cooperating_units = models.ManyToManyField(
        "orgunits.OrgUnit",
        verbose_name=_("cooperating units"),
        blank=True,
        related_name="cooperating_tasks",
    )
    # A task that comes back every year in a window (the Action Month, 15/11-15/12).
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    window_start_day = models.PositiveSmallIntegerField(_("from day"), null=True, blank=True)
    window_start_month = models.PositiveSmallIntegerField(_("from month"), null=True, blank=True)
    window_end_day = models.PositiveSmallIntegerField(_("to day"), null=True, blank=True)
    window_end_month = models.PositiveSmallIntegerField(_("to month"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["directive", "position"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "number"], name="task_directive_number"),
            models.CheckConstraint(
                condition=Q(recurrence="none")
                | Q(
                    window_start_day__gte=1,
                    window_start_day__lte=31,
                    window_start_month__gte=1,
                    window_start_month__lte=12,
                    window_end_day__gte=1,
                    window_end_day__lte=31,
                    window_end_month__gte=1,
                    window_end_month__lte=12,
                ),
                name="task_recurrence_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title or self.text[:80]}"

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @property
    def is_section(self) -> bool:
        return "." not in self.number

    def text_lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    def window_display(self) -> str:
        if self.recurrence != Recurrence.YEARLY:
            return ""
        return (
            f"{self.window_start_day:02d}/{self.window_start_month:02d}"
            f" – {self.window_end_day:02d}/{self.window_end_month:02d}"
        )


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COOPERATING = "cooperating", _("Cooperating")


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Progress(models.TextChoices):
    """How far a unit has got on a task, as people read it: the recorded status, or for a task
    that asks for a report, the state of the unit's report in the linked round (see
    `directives.selectors.with_progress`). Computed at read time, never stored."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Report sent, awaiting review")
    RETURNED = "returned", _("Report returned for correction")
    DONE = "done", _("Done")


# A task in one of these states is not overdue: done, or its report reached the office.
NOT_OVERDUE = [Progress.DONE, Progress.REPORTED, Progress.RETURNED]

STATUS_CSS = {
    Progress.NOT_STARTED: "none",
    Progress.IN_PROGRESS: "info",
    Progress.REPORTED: "info",
    Progress.RETURNED: "warn",
    Progress.DONE: "ok",
}


class TaskAssignment(CountedModel):
    """One unit's share of a task: its role and how far it has got."""

    changed = staticmethod(directives_changed)

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="task_assignments",
    )
    role = models.CharField(_("role"), max_length=12, choices=AssignmentRole.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.NOT_STARTED,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        ordering = ["task__directive", "task__position", "role", "org_unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "org_unit"], name="assignment_task_unit")
        ]
        indexes = [models.Index(fields=["org_unit", "status"], name="assignment_unit_status")]

    def __str__(self) -> str:
        return f"{self.task.number} · {self.org_unit}"

    @property
    def shown_progress(self) -> str:
        """The progress people read: annotated by `selectors.with_progress` (which follows the
        unit's report for a task that asks for one), else the recorded status."""
        return getattr(self, "progress", None) or self.status

    def get_progress_display(self) -> str:
        return str(Progress(self.shown_progress).label)

    def is_overdue(self, today: date | None = None) -> bool:
        """Past the task's due date and neither done nor reported; computed, never stored."""
        if today is None and hasattr(self, "overdue"):
            return bool(self.overdue)
        from django.utils import timezone

        today = today or timezone.localdate()
        due = self.task.due_on
        return bool(due and due < today and self.shown_progress not in NOT_OVERDUE)

    @property
    def status_css(self) -> str:
        if self.is_overdue():
            return "bad"
        return STATUS_CSS.get(self.shown_progress, "none")


class TaskProgressNote(models.Model):
    assignment = models.ForeignKey(
        TaskAssignment, on_delete=models.CASCADE, related_name="progress_notes"
    )
    date = models.DateField(_("date of the update"))
    text = models.TextField(_("progress"))
    status = models.CharField(
        _("status"), max_length=12, choices=AssignmentStatus.choices, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["assignment", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.text[:60]}"

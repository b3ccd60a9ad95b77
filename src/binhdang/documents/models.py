"""Consolidated reports (báo cáo tổng hợp), the documents generated from them, and how a
report was sent upward.

A `ConsolidatedReport` belongs to one reporting round. Its narrative is kept per form section
and narrative part (`ConsolidatedSection`), so it maps one to one onto the form of the round
above when the report becomes the district's submission to the province. While the report is
a draft its figures are summed from the accepted submissions each time it is shown or
rendered. Finalising it freezes a `ReportVersion`: the built document's data as JSON and the
produced files with their SHA-256, which every later page, download and upward submission of
that version uses, whatever arrives afterwards.

Documents are produced by `DocumentJob`s outside the request; the result file is written to
the default storage before the job row points at it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.memo import CountedModel, generation, next_generation


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")
    SENT = "sent", _("Sent")


REPORT_STATUS_CSS = {"draft": "info", "final": "ok", "sent": "ok"}

# The generation of the consolidated reports: "my work" keeps the drafts each user must finish
# or sign under it (with the rounds' and the user's scope), and every write of a report (its
# creation, header, status) counts it on.
DOCUMENTS_GENERATION = generation("documents:generation")


def documents_changed() -> None:
    next_generation(DOCUMENTS_GENERATION)


class ConsolidatedReport(CountedModel):
    changed = staticmethod(documents_changed)

    round = models.OneToOneField(
        "reporting.ReportingRound",
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="consolidated_report",
    )
    number_symbol = models.CharField(
        _("number and symbol"),
        max_length=80,
        blank=True,
        help_text=_("e.g. 125/BC-UBND; leave the number out (/BC-UBND) for the clerk to fill in."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    parent_agency = models.CharField(_("parent agency"), max_length=200, blank=True)
    issuing_agency = models.CharField(_("issuing agency"), max_length=200)
    subject = models.CharField(_("subject"), max_length=500)
    recipients = models.TextField(
        _("addressed to (Kính gửi)"), blank=True, help_text=_("One recipient per line.")
    )
    intro = models.TextField(_("opening paragraph"), blank=True)
    closing = models.TextField(_("closing paragraph"), blank=True)
    signing_authority = models.TextField(
        _("signing authority"),
        blank=True,
        help_text=_("One line each, e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    distribution_list = models.TextField(
        _("distribution list (Nơi nhận)"), blank=True, help_text=_("One entry per line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # {submission id: version number} of the submissions the last compilation read.
    compiled_versions = models.JSONField(default=dict, blank=True)
    compiled_at = models.DateTimeField(_("compiled"), null=True, blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The submission this report became in the round of the level above.
    upward_submission = models.ForeignKey(
        "reporting.Submission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_reports",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")
        ordering = ["-round__deadline", "-id"]

    def __str__(self) -> str:
        return f"{self.number_symbol or '…'} · {self.subject}"

    @property
    def status_css(self) -> str:
        return REPORT_STATUS_CSS.get(self.status, "none")

    @property
    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def frozen_version(self) -> "ReportVersion | None":
        """The version this final or sent report is; None while it is a draft."""
        if self.status == ReportStatus.DRAFT:
            return None
        return self.versions.order_by("-number").first()

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def recipient_lines(self) -> list[str]:
        return self._lines(self.recipients)

    def authority_lines(self) -> list[str]:
        return self._lines(self.signing_authority)

    def distribution_lines(self) -> list[str]:
        return self._lines(self.distribution_list)


class ConsolidatedSection(models.Model):
    """The consolidated narrative of one part of one form section.

    `compiled_text` is rewritten by every compilation; `edited_text` is the office's text and
    is never touched by a compilation. Units whose text is new or changed since the office
    started editing are kept in `pending` until the office inserts or dismisses them.
    """

    report = models.ForeignKey(
        ConsolidatedReport, on_delete=models.CASCADE, related_name="sections"
    )
    form_section = models.ForeignKey(
        "reporting.FormSection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    part = models.CharField(_("part"), max_length=20)
    position = models.PositiveIntegerField(default=0)
    compiled_text = models.TextField(_("compiled text"), blank=True)
    edited_text = models.TextField(_("edited text"), blank=True)
    is_edited = models.BooleanField(_("edited by the office"), default=False)
    # [{"unit_id", "unit", "group", "text"}] as compiled, in document order.
    sources = models.JSONField(default=list, blank=True)
    # Contributions new or changed since the office started editing (same shape + "changed").
    pending = models.JSONField(default=list, blank=True)
    compiled_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consolidated section")
        verbose_name_plural = _("consolidated sections")
        ordering = ["report", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number", "part"], name="consolidatedsection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.part}"

    @property
    def text(self) -> str:
        """What goes into the document: the office's text once it has edited the section."""
        return self.edited_text if self.is_edited else self.compiled_text


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


JOB_STATUS_CSS = {"queued": "none", "running": "info", "done": "ok", "failed": "bad"}


class JobFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"
    PDF = "pdf", "PDF"
    ZIP = "zip", _("Package (.zip: docx, pdf, xlsx)")


def job_file_path(instance: "DocumentJob", filename: str) -> str:
    # Opaque stored name; the Vietnamese download name is kept in `file_name`.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class DocumentJob(models.Model):
    """One document to generate. Visible to whoever holds `permission` on `org_unit`.
    `kind` is the key of a registered document kind (`kinds.py`); the job is the record the
    user follows, the task engine's result (`task_id`) only runs it."""

    kind = models.CharField(_("kind"), max_length=20)
    fmt = models.CharField(_("format"), max_length=10, choices=JobFormat.choices)
    target_id = models.PositiveBigIntegerField()
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="document_jobs"
    )
    permission = models.CharField(max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(upload_to=job_file_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The id of the task result (django-tasks) of the latest attempt.
    task_id = models.CharField(max_length=64, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Touched while running; a running job whose heartbeat is old was abandoned by a crash.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "target_id", "fmt"], name="docjob_target"),
            models.Index(fields=["status", "created_at"], name="docjob_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="docjob_progress_0_100"),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="docjob_done_has_file"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} #{self.target_id} ({self.fmt})"

    @property
    def kind_label(self) -> str:
        from .kinds import label_of

        return label_of(self.kind)

    @property
    def status_css(self) -> str:
        return JOB_STATUS_CSS.get(self.status, "none")

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class ReportVersion(models.Model):
    """What a finalisation froze. `snapshot` holds everything the document shows, as built
    at that moment (see `frozen.py`): the figures and every unit's row with its dates and
    timeliness, the coverage, the narrative, the annexes and the charts. A reopening keeps the
    version, with who reopened it and why; the next finalisation makes the next number."""

    report = models.ForeignKey(
        ConsolidatedReport, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(default=dict)
    finalised_at = models.DateTimeField(_("finalised"))
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"

    @property
    def received(self) -> dict[str, int]:
        """{submission id: version number} of the accepted reports this version holds."""
        return self.snapshot.get("received", {})


def version_file_path(instance: "ReportVersionFile", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/versions/{uuid.uuid4().hex}.{extension}"


class ReportVersionFile(models.Model):
    """One produced file of a version, stored once; its SHA-256 is shown on the page so a
    copy anywhere can be checked against what was signed."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField(_("format"), max_length=10, choices=JobFormat.choices)
    file = models.FileField(upload_to=version_file_path, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report version file")
        verbose_name_plural = _("report version files")
        ordering = ["version", "fmt"]
        constraints = [
            models.UniqueConstraint(fields=["version", "fmt"], name="reportversionfile_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.fmt}"


class SendChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    HAND = "hand", _("Delivered by hand")
    IOFFICE = "ioffice", _("Document management system (VNPT iOffice…)")
    SYSTEM = "system", _("This system (submitted to the round above)")
    OTHER = "other", _("Other")


class SendRecord(models.Model):
    """When and how the signed report left the office."""

    report = models.ForeignKey(
        ConsolidatedReport, on_delete=models.CASCADE, related_name="send_records"
    )
    sent_on = models.DateField(_("sent on"))
    # The version that was sent (empty for records made before versions were kept).
    version = models.ForeignKey(
        ReportVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=SendChannel.choices)
    recipient = models.CharField(_("sent to"), max_length=300, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the e-mail subject, the postal receipt or the iOffice number."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("send record")
        verbose_name_plural = _("send records")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.sent_on:%d/%m/%Y} · {self.get_channel_display()}"

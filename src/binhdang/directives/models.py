"""The directive register (văn bản chỉ đạo) and the numbered tasks each directive assigns."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Directive(models.Model):
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

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number_symbol} · {self.subject}"


class Task(models.Model):
    """A numbered item of a directive (1, 1.1, 1.2 ...), with its lead and cooperating units."""

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

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["directive", "position"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "number"], name="task_directive_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title or self.text[:80]}"

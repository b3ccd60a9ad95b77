"""Support given to women through a programme or project, with its beneficiaries."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    NTP_POVERTY = "ntp_poverty", _("National target programme on sustainable poverty reduction")
    NTP_ETHNIC_P8 = (
        "ntp_ethnic_p8",
        _("Ethnic-minority and mountainous areas programme, Project 8 (gender equality)"),
    )
    NTP_ETHNIC = "ntp_ethnic", _("Ethnic-minority and mountainous areas programme, other projects")
    NEW_RURAL = "new_rural", _("National target programme on new rural development")
    OWN_PLAN = "own_plan", _("The unit's own plan")
    INTERNATIONAL = "international", _("International project")
    OTHER = "other", _("Other programme")


class SupportKind(models.TextChoices):
    VOCATIONAL = "vocational", _("Vocational training")
    JOBS = "jobs", _("Job counselling and placement")
    CREDIT = "credit", _("Credit and loans")
    STARTUP = (
        "startup",
        _("Start-up and business support for women-led enterprises and cooperatives"),
    )
    POOR_HOUSEHOLDS = (
        "poor_households",
        _("Support to poor and near-poor households headed by women"),
    )
    OTHER = "other", _("Other support")


BENEFICIARY_PARTS = ("women", "ethnic", "poor", "violence_victims", "other_vulnerable")


class Support(models.Model):
    """One support given (a course, a loan round, a grant) to a group of beneficiaries."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
        related_name="empowerment_supports",
    )  # fmt: skip
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    project_name = models.CharField(_("project"), max_length=200, blank=True)
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    title = models.CharField(_("content"), max_length=300)
    commune = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("place (commune)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    given_on = models.DateField(_("date given"), db_index=True)
    beneficiaries_total = models.PositiveIntegerField(_("beneficiaries"))
    women = models.PositiveIntegerField(_("of whom women"), default=0)
    ethnic = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)
    poor = models.PositiveIntegerField(_("of whom poor or near-poor"), default=0)
    violence_victims = models.PositiveIntegerField(_("of whom victims of violence"), default=0)
    other_vulnerable = models.PositiveIntegerField(_("of whom other vulnerable people"), default=0)
    amount = models.DecimalField(_("amount (VND)"), max_digits=18, decimal_places=0, default=0)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("support given")
        verbose_name_plural = _("support given")
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "given_on"], name="empowerment_unit_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(women__lte=F("beneficiaries_total"))
                & Q(ethnic__lte=F("beneficiaries_total"))
                & Q(poor__lte=F("beneficiaries_total"))
                & Q(violence_victims__lte=F("beneficiaries_total"))
                & Q(other_vulnerable__lte=F("beneficiaries_total")),
                name="empowerment_parts_within_total",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="empowerment_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.title

"""Gender mainstreaming in what a unit drafts (lồng ghép vấn đề bình đẳng giới): the legal
documents, plans, programmes and projects of a year, whether gender was assessed in each, how
(an assessment report, the justice office's appraisal) and with what outcome."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.orgunits.models import OrgUnit

MIN_YEAR = 2000
MAX_YEAR = 2100


class DocumentKind(models.TextChoices):
    LEGAL = "legal", _("Legal document")
    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")
    PROJECT = "project", _("Project or scheme")
    OTHER = "other", _("Other document")


class Outcome(models.TextChoices):
    DRAFTING = "drafting", _("Still being drafted")
    ADOPTED = "adopted", _("Issued or approved")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DraftedDocument(models.Model):
    """A document a unit drafted in a year, and how gender was mainstreamed in it."""

    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="drafted_documents",
        verbose_name=_("drafting unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=500)
    number_symbol = models.CharField(_("number and symbol"), max_length=80, blank=True)
    drafted_on = models.DateField(_("date"), null=True, blank=True)
    gender_assessed = models.BooleanField(_("gender equality mainstreamed"), default=False)
    assessment_report = models.BooleanField(_("with a gender assessment report"), default=False)
    justice_appraisal = models.BooleanField(
        _("mainstreaming appraised by the justice office"), default=False
    )
    method_note = models.CharField(_("how it was assessed"), max_length=1000, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.DRAFTING
    )
    outcome_note = models.CharField(_("outcome in detail"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "org_unit__path", "kind", "pk"]
        indexes = [models.Index(fields=["year", "org_unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="mainstreaming_year_in_range",
            ),
            # A report or an appraisal of the mainstreaming exists only where it was done.
            models.CheckConstraint(
                condition=Q(gender_assessed=True)
                | Q(assessment_report=False, justice_appraisal=False),
                name="mainstreaming_method_needs_assessment",
            ),
        ]
        verbose_name = _("drafted document")
        verbose_name_plural = _("drafted documents")

    def __str__(self) -> str:
        return self.title

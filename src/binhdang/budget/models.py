"""Budget of gender-equality work (Thông tư 191/2009/TT-BTC): per unit and year, what was
planned and spent, by source and by spending line of the circular.

Amounts are whole đồng (VND). The spending lines are a catalogue shipped in
`data/spending_lines.json`, loaded into `SpendingLine` and edited in the administration pages,
since the circular is replaced from time to time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.orgunits.models import OrgUnit

MIN_YEAR = 2000
MAX_YEAR = 2100
# A bound that no unit's yearly line reaches (a thousand billion đồng) and that stays far
# inside a 64-bit integer.
MAX_AMOUNT = 10**15


class Source(models.TextChoices):
    CENTRAL = "central", _("State budget: central")
    PROVINCE = "province", _("State budget: province")
    DISTRICT = "district", _("State budget: district")
    COMMUNE = "commune", _("State budget: commune")
    CONTRIBUTIONS = "contributions", _("Contributions and sponsorship")
    INTERNATIONAL = "international", _("International projects")
    OTHER = "other", _("Other lawful sources")


class LinkKind(models.TextChoices):
    NONE = "", _("(nothing linked)")
    ACTIVITY = "activity", _("Communication activity")
    COURSE = "course", _("Training course")
    MODEL = "model", _("Service model")
    CFAW_ITEM = "cfaw_item", _("Item of the CFAW work programme")
    OTHER = "other", _("Other")


class SpendingLine(models.Model):
    """A spending line (nội dung chi) of the circular."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("spending line")
        verbose_name_plural = _("spending lines")

    def __str__(self) -> str:
        return self.name


class BudgetEntry(models.Model):
    """One line of a unit's budget for a year: planned and spent, from one source, on one
    spending line; optionally what it paid for (a record of another app, named by kind, id and
    label, so the budget does not depend on that app)."""

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="budget_entries", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    spending_line = models.ForeignKey(
        SpendingLine, on_delete=models.PROTECT, related_name="entries", verbose_name=_("line")
    )
    planned = models.BigIntegerField(_("planned (VND)"), default=0)
    spent = models.BigIntegerField(_("spent (VND)"), default=0)
    description = models.CharField(_("description"), max_length=500, blank=True)
    link_kind = models.CharField(
        _("paid for"), max_length=20, choices=LinkKind.choices, blank=True, default=""
    )
    link_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    link_label = models.CharField(_("name of what it paid for"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "org_unit__path", "spending_line__position", "pk"]
        indexes = [models.Index(fields=["year", "org_unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0, planned__lte=MAX_AMOUNT)
                & Q(spent__gte=0, spent__lte=MAX_AMOUNT),
                name="budget_amounts_in_range",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="budget_year_in_range"
            ),
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.org_unit.name} {self.year}: {self.spending_line.name}"

"""Indicators and targets: what is counted (data elements), what is tracked (indicators built on
them, with national and local targets), the values per unit, year and disaggregation, and every
change made to a value.

Counts are stored as their parts; a percentage is computed from the sums of its numerator and
denominator at display time, so it aggregates correctly up the org-unit tree.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.memo import CountedModel, generation, next_generation

# The generation of what indicator figures are computed from (elements, indicators, targets,
# the settings, the values): the figures kept in the shared cache (`selectors.kept`) are kept
# under it and the unit tree's, and every write of these models counts it on.
FIGURES_GENERATION = generation("indicators:figures:generation")


def figures_changed() -> None:
    next_generation(FIGURES_GENERATION)


class FiguresModel(CountedModel):
    """A model the figures are computed from: its every write counts their generation on."""

    changed = staticmethod(figures_changed)

    class Meta:
        abstract = True


class ValueType(models.TextChoices):
    INTEGER = "int", _("Whole number (count)")
    DECIMAL = "decimal", _("Decimal number")
    PERCENT = "percent", _("Percentage (0-100)")
    YES_NO = "yes_no", _("Yes / no")


# Disaggregation option codes (a DHIS2 category option combo, kept as one readable string).
# "total" is the undisaggregated value; combinations join option codes with "_".
DISAGGREGATIONS: dict[str, str] = {
    "total": _("Total"),
    "female": _("Female"),
    "male": _("Male"),
    "kinh": _("Kinh"),
    "ethnic_minority": _("Ethnic minority"),
    "female_ethnic_minority": _("Female, ethnic minority"),
    "urban": _("Urban"),
    "rural": _("Rural"),
    "age_under_16": _("Aged under 16"),
    "age_16_59": _("Aged 16-59"),
    "age_60_plus": _("Aged 60 and over"),
}

# A part never exceeds the whole it is part of (checked on every entry).
PART_OF: dict[str, tuple[str, ...]] = {
    "female": ("total",),
    "male": ("total",),
    "kinh": ("total",),
    "ethnic_minority": ("total",),
    "female_ethnic_minority": ("female", "ethnic_minority"),
    "urban": ("total",),
    "rural": ("total",),
    "age_under_16": ("total",),
    "age_16_59": ("total",),
    "age_60_plus": ("total",),
}


def disaggregation_label(code: str) -> str:
    return str(DISAGGREGATIONS.get(code, code))


class Comparison(models.TextChoices):
    AT_LEAST = ">=", "≥"
    MORE_THAN = ">", ">"
    AT_MOST = "<=", "≤"
    LESS_THAN = "<", "<"
    EQUAL = "=", "="


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Level(models.TextChoices):
    """The administrative levels, highest first: an indicator reported down to "district"
    applies at the national, province and district levels, not at a commune."""

    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


LEVEL_RANK = {Level.NATIONAL: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}


class Programme(models.TextChoices):
    NQ28 = "nq28", "Nghị quyết 28/NQ-CP"
    QD2232 = "qd2232", "QĐ 2232/QĐ-TTg"
    QD1790 = "qd1790", "QĐ 1790/QĐ-TTg"
    QD2282 = "qd2282", "QĐ 2282/QĐ-TTg"
    QD45 = "qd45", "QĐ 45/QĐ-TTg"
    LOCAL = "local", _("Local programme")


class DataElement(FiguresModel):
    """Something counted or measured at a unit for a period."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=300)
    value_type = models.CharField(
        _("value type"), max_length=8, choices=ValueType.choices, default=ValueType.INTEGER
    )
    disaggregations = models.JSONField(
        _("disaggregations"),
        default=list,
        blank=True,
        help_text=_('Option codes, e.g. ["total", "female", "male"].'),
    )
    group = models.CharField(_("group"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def options(self) -> list[str]:
        return list(self.disaggregations or ["total"])


class ValidationRule(models.Model):
    """A cross-field rule checked on entry: left (element, option) <op> right (element, option)."""

    left = models.ForeignKey(
        DataElement, verbose_name=_("left element"), on_delete=models.CASCADE, related_name="+"
    )
    left_disaggregation = models.CharField(max_length=64, default="total")
    operator = models.CharField(
        _("operator"), max_length=2, choices=Comparison.choices, default=Comparison.AT_MOST
    )
    right = models.ForeignKey(
        DataElement, verbose_name=_("right element"), on_delete=models.CASCADE, related_name="+"
    )
    right_disaggregation = models.CharField(max_length=64, default="total")
    message = models.CharField(_("message"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        constraints = [
            models.UniqueConstraint(
                fields=["left", "left_disaggregation", "operator", "right", "right_disaggregation"],
                name="validationrule_unique",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.left.code}[{self.left_disaggregation}] {self.operator} "
            f"{self.right.code}[{self.right_disaggregation}]"
        )


class Indicator(FiguresModel):
    class Kind(models.TextChoices):
        DIRECT = "direct", _("Value of a data element")
        RATIO = "ratio", _("Ratio (numerator / denominator x factor)")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=400)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.RATIO)
    numerator = models.ForeignKey(
        DataElement,
        verbose_name=_("numerator (or the element)"),
        on_delete=models.PROTECT,
        related_name="numerator_of",
    )
    numerator_disaggregation = models.CharField(max_length=64, default="total")
    denominator = models.ForeignKey(
        DataElement,
        verbose_name=_("denominator"),
        on_delete=models.PROTECT,
        related_name="denominator_of",
        null=True,
        blank=True,
    )
    denominator_disaggregation = models.CharField(max_length=64, default="total")
    factor = models.DecimalField(_("factor"), max_digits=12, decimal_places=2, default=100)
    unit_label = models.CharField(_("unit of measure"), max_length=40, default="%")
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    programme = models.CharField(_("programme"), max_length=8, choices=Programme.choices)
    objective = models.CharField(_("objective"), max_length=200, blank=True)
    target_number = models.CharField(_("target number"), max_length=40, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_2025 = models.DecimalField(
        _("national target 2025"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_2025_comparison = models.CharField(
        max_length=2, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target_2030 = models.DecimalField(
        _("national target 2030"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_2030_comparison = models.CharField(
        max_length=2, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    unconfirmed = models.BooleanField(
        _("unconfirmed"),
        default=False,
        help_text=_("The target was not confirmed in an official text; check and correct it."),
    )
    target_note = models.CharField(_("note on the target"), max_length=300, blank=True)
    aggregates = models.BooleanField(
        _("aggregates up the hierarchy"),
        default=True,
        help_text=_("Off for values that only make sense per unit (e.g. a yes/no)."),
    )
    lowest_level = models.CharField(
        _("reported down to"),
        max_length=8,
        choices=Level.choices,
        default=Level.COMMUNE,
        help_text=_(
            "The lowest administrative level at which the indicator means something (a share "
            "of provinces is national only); reports and dashboards below it leave it out."
        ),
    )
    lead_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_indicators",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="direct") | Q(denominator__isnull=False),
                name="indicator_ratio_has_denominator",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER

    def applies_at(self, level: str) -> bool:
        """Whether the indicator is reported at `level` (a Level value)."""
        return LEVEL_RANK.get(level, 3) <= LEVEL_RANK.get(self.lowest_level, 3)

    @property
    def is_yes_no(self) -> bool:
        return self.kind == self.Kind.DIRECT and self.numerator.value_type == ValueType.YES_NO

    def same_measure(self, other: "Indicator") -> bool:
        """Two catalogue entries (of two programmes) that count the same thing the same way
        against the same targets: a report shows them once."""
        keys = ("kind", "numerator_id", "numerator_disaggregation", "denominator_id",
                "denominator_disaggregation", "factor", "target_2025", "target_2025_comparison",
                "target_2030", "target_2030_comparison")  # fmt: skip
        return all(getattr(self, k) == getattr(other, k) for k in keys)

    def national_targets(self) -> dict[int, tuple[Decimal, str]]:
        out = {}
        if self.target_2025 is not None:
            out[2025] = (self.target_2025, self.target_2025_comparison)
        if self.target_2030 is not None:
            out[2030] = (self.target_2030, self.target_2030_comparison)
        return out


class LocalTarget(FiguresModel):
    """A target a People's Committee sets for its own area (e.g. Kế hoạch 295/KH-UBND)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="local_targets")
    owner = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("owner unit"), on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    comparison = models.CharField(
        max_length=2, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("local target")
        verbose_name_plural = _("local targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "owner", "year"], name="localtarget_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.owner} {self.year}: {self.value}"


class IndicatorSettings(FiguresModel):
    """One row: the margin of the on-track / at-risk / off-track rule, editable by admins."""

    margin_percent = models.DecimalField(
        _("margin, in per cent of the target"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        help_text=_(
            "A projection that misses the target by at most this share of the target is "
            "'at risk'; by more, 'off track'."
        ),
    )

    class Meta:
        verbose_name = _("indicator settings")
        verbose_name_plural = _("indicator settings")

    def __str__(self) -> str:
        return str(_("Indicator settings"))

    @classmethod
    def current(cls) -> "IndicatorSettings":
        obj = cls.objects.order_by("pk").first()
        return obj or cls(margin_percent=Decimal("10"))


class Source(models.TextChoices):
    FORM = "form", _("Entry form")
    EXCEL = "excel", _("Excel upload")
    API = "api", _("API")
    DEMO = "demo", _("Demo data")
    SUBMISSION = "submission", _("Report submission")
    GENERATED = "generated", _("Generated data set")
    DHIS2 = "dhis2", _("DHIS2 import")
    RECORDS = "records", _("Computed from programme records")


class DataValue(FiguresModel):
    element = models.ForeignKey(DataElement, on_delete=models.PROTECT, related_name="values")
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="data_values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # "" for the year; "S1", "Q4", "12" for a six-month, quarter or month of that year.
    sub_period = models.CharField(max_length=4, default="", blank=True)
    disaggregation = models.CharField(max_length=64, default="total")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.FORM)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["element", "org_unit", "year", "sub_period", "disaggregation"],
                name="datavalue_unique",
            )
        ]
        indexes = [
            # Roll-ups filter elements and a year, then join units. On PostgreSQL migration
            # 0004 makes it cover the value, so a roll-up reads the index only.
            models.Index(
                fields=["element", "year", "disaggregation", "org_unit"], name="datavalue_rollup"
            ),
            models.Index(fields=["org_unit", "year"], name="datavalue_unit_year"),
            # "Is any of this demo data?" stays instant on millions of real values.
            models.Index(fields=["org_unit"], condition=Q(source="demo"), name="datavalue_demo"),
        ]

    def __str__(self) -> str:
        return f"{self.element_id}/{self.org_unit_id}/{self.period}/{self.disaggregation}"

    @property
    def period(self) -> str:
        return f"{self.year}{self.sub_period}"


class DataValueChange(models.Model):
    """Every change of a value: who, when, old and new (None = absent)."""

    element = models.ForeignKey(DataElement, on_delete=models.CASCADE, related_name="+")
    org_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    sub_period = models.CharField(max_length=4, default="", blank=True)
    disaggregation = models.CharField(max_length=64, default="total")
    old_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("data value change")
        verbose_name_plural = _("data value changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["org_unit", "year"], name="dvchange_unit_year")]

    def __str__(self) -> str:
        return f"{self.old_value} -> {self.new_value}"


# The generation of the assessments: "my work" keeps the assessments each user still owes
# under it (with the figures', for the indicators and their lead units, and the user's scope).
# The figures do not read assessments, so writing one leaves the kept figures as they are.
ASSESSMENTS_GENERATION = generation("indicators:assessments:generation")


def assessments_changed() -> None:
    next_generation(ASSESSMENTS_GENERATION)


class Assessment(CountedModel):
    """The lead unit's assessment of an indicator for a year and the solutions it proposes."""

    changed = staticmethod(assessments_changed)

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assessments")
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    assessment = models.TextField(_("assessment"))
    solutions = models.TextField(_("proposed solutions"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "year"], name="assessment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.org_unit_id} · {self.year}"


# ---------------------------------------------------------------- DHIS2 import (dhis2_import.py)


class Dhis2DataElementMap(models.Model):
    """A DHIS2 data element (its UID or code) read as one of our data elements."""

    dhis2_id = models.CharField(_("DHIS2 identifier (UID or code)"), max_length=64, unique=True)
    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("DHIS2 data element mapping")
        verbose_name_plural = _("DHIS2 data element mappings")
        ordering = ["dhis2_id"]

    def __str__(self) -> str:
        return f"{self.dhis2_id} → {self.element.code}"


class Dhis2OptionComboMap(models.Model):
    """A DHIS2 category option combo (UID or code) read as one of our disaggregation codes."""

    dhis2_id = models.CharField(_("DHIS2 identifier (UID or code)"), max_length=64, unique=True)
    disaggregation = models.CharField(
        _("disaggregation"), max_length=64, choices=list(DISAGGREGATIONS.items())
    )

    class Meta:
        verbose_name = _("DHIS2 category option combo mapping")
        verbose_name_plural = _("DHIS2 category option combo mappings")
        ordering = ["dhis2_id"]

    def __str__(self) -> str:
        return f"{self.dhis2_id} → {self.disaggregation}"


class Dhis2OrgUnitMap(models.Model):
    """A DHIS2 organisation unit (UID or code) read as one of our units."""

    dhis2_id = models.CharField(_("DHIS2 identifier (UID or code)"), max_length=64, unique=True)
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("DHIS2 organisation unit mapping")
        verbose_name_plural = _("DHIS2 organisation unit mappings")
        ordering = ["dhis2_id"]

    def __str__(self) -> str:
        return f"{self.dhis2_id} → {self.org_unit_id}"


class Dhis2Import(models.Model):
    """An uploaded dataValueSets file: checked (the dry run) when uploaded, applied later by
    the same person, all or nothing."""

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        CSV = "csv", "CSV"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=300)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content = models.TextField()
    rows = models.PositiveIntegerField(_("rows"), default=0)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    changed = models.PositiveIntegerField(_("values changed"), default=0)

    class Meta:
        verbose_name = _("DHIS2 import")
        verbose_name_plural = _("DHIS2 imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

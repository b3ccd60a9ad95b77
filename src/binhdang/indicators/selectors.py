"""Every read of indicator data, given the user, scoped through `units_for`.

A unit the user may not see is a 404. A unit's figure is its subtree sum (see aggregation);
the drill-down lists only the children the user may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from binhdang.accounts.scoping import has_permission, home_units, units_for
from binhdang.indicators.permissions import INDICATOR_ASSESS, INDICATOR_ENTER, INDICATOR_VIEW
from binhdang.orgunits.models import OrgUnit

from . import forecast
from .aggregation import Figure, rollup, unit_series
from .models import (
    Assessment,
    DataElement,
    DataValue,
    DataValueChange,
    Indicator,
    IndicatorSettings,
    LocalTarget,
    Source,
    ValueType,
)

TARGET_YEARS = (2025, 2030)


def viewable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, INDICATOR_VIEW)


def unit_for_view(user, pk: int) -> OrgUnit:
    """A unit whose indicators the user may see, or 404."""
    return get_object_or_404(viewable_units(user), pk=pk)


def unit_for_entry(user, pk: int) -> OrgUnit:
    """A unit the user may enter values for, or 404."""
    return get_object_or_404(units_for(user, INDICATOR_ENTER), pk=pk)


def unit_for_assessment(user, pk: int) -> OrgUnit:
    return get_object_or_404(units_for(user, INDICATOR_ASSESS), pk=pk)


def default_unit(user) -> OrgUnit | None:
    """The highest unit of the user's own memberships that they may see indicators of."""
    visible = viewable_units(user)
    own = [u for u in home_units(user) if visible.filter(pk=u.pk).exists()]
    if own:
        return min(own, key=lambda u: (u.level, u.name))
    return visible.order_by("level", "name").first()


def active_indicators() -> list[Indicator]:
    return list(
        Indicator.objects.filter(is_active=True).select_related(
            "numerator", "denominator", "lead_unit"
        )
    )


def indicator_by_code(code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("numerator", "denominator", "lead_unit"),
        code=code,
        is_active=True,
    )


def catalogue() -> list[Indicator]:
    """The catalogue is public within the application (no unit data in it)."""
    return active_indicators()


def _may_view(user, unit: OrgUnit) -> bool:
    return has_permission(user, INDICATOR_VIEW, unit)


def latest_data_year(user, unit: OrgUnit) -> int | None:
    """The latest year with a value at or under `unit` (None when the user may not see the
    unit's indicators, or there is none)."""
    if not _may_view(user, unit):
        return None
    return (
        DataValue.objects.filter(org_unit__path__startswith=unit.path)
        .aggregate(y=Max("year"))
        .get("y")
    )


def has_demo_values(user, unit: OrgUnit) -> bool:
    """Whether values at or under `unit` come from the demo (False when out of scope)."""
    if not _may_view(user, unit):
        return False
    return DataValue.objects.filter(
        org_unit__path__startswith=unit.path, source=Source.DEMO
    ).exists()


@dataclass
class TargetStatus:
    year: int
    target: Decimal | None
    comparison: str
    projection: float | None
    status: str

    @property
    def label(self) -> str:
        return str(forecast.STATUS_LABELS[self.status])

    @property
    def css(self) -> str:
        return forecast.STATUS_CSS[self.status]

    @property
    def icon(self) -> str:
        return forecast.STATUS_ICONS[self.status]


@dataclass
class IndicatorRow:
    """One indicator at one unit: values by year, targets, projections and statuses."""

    indicator: Indicator
    unit: OrgUnit
    series: dict[int, Figure]
    local_target: LocalTarget | None
    statuses: list[TargetStatus] = field(default_factory=list)

    @property
    def latest_year(self) -> int | None:
        years = [y for y, f in self.series.items() if f.value is not None]
        return max(years) if years else None

    @property
    def latest(self) -> Figure | None:
        year = self.latest_year
        return self.series[year] if year is not None else None

    @property
    def values(self) -> dict[int, float]:
        return {y: float(f.value) for y, f in sorted(self.series.items()) if f.value is not None}

    @property
    def projection_2025(self) -> float | None:
        return self._projection(2025)

    @property
    def projection_2030(self) -> float | None:
        return self._projection(2030)

    def _projection(self, year: int) -> float | None:
        for s in self.statuses:
            if s.year == year:
                return s.projection
        return None

    @property
    def main_status(self) -> TargetStatus | None:
        with_target = [s for s in self.statuses if s.target is not None]
        return with_target[0] if with_target else (self.statuses[0] if self.statuses else None)

    def chart(self):
        """The trend chart (binhdang.charts.Chart): values, targets and the projection."""
        from binhdang.charts import trend_chart

        targets = {s.year: float(s.target) for s in self.statuses if s.target is not None}
        projection = []
        if self.latest_year is not None and any(s.projection is not None for s in self.statuses):
            projection = [(self.latest_year, self.values[self.latest_year])] + [
                (s.year, s.projection) for s in self.statuses if s.projection is not None
            ]
        return trend_chart(
            self.indicator.name,
            sorted(self.values.items()),
            target_points=targets,
            projection=projection,
            unit_label=self.indicator.unit_label,
            lower_is_better=self.indicator.lower_is_better,
        )

    def chart_png(self, dpi: int = 150) -> bytes:
        return self.chart().png(dpi=dpi)


def _is_percent(indicator: Indicator) -> bool:
    return indicator.unit_label.strip() == "%"


def _statuses(indicator: Indicator, series: dict[int, Figure], margin) -> list[TargetStatus]:
    values = {y: float(f.value) for y, f in series.items() if f.value is not None}
    yes_no = (
        indicator.kind == Indicator.Kind.DIRECT
        and indicator.numerator.value_type == ValueType.YES_NO
    )
    trend = None if yes_no else forecast.linear_trend(values)
    out = []
    targets = indicator.national_targets()
    for year in TARGET_YEARS:
        target, comparison = targets.get(year, (None, ">="))
        if year in values:
            projection = values[year]
        elif yes_no and values:
            projection = values[max(values)]
        else:
            projection = forecast.project(trend, year, percent=_is_percent(indicator))
        out.append(
            TargetStatus(
                year=year,
                target=target,
                comparison=comparison,
                projection=projection,
                status=forecast.status(projection, target, comparison, margin),
            )
        )
    return out


def _local_targets(unit: OrgUnit, indicators: list[Indicator]) -> dict[int, LocalTarget]:
    """The nearest local target (the unit's own, else an ancestor's) per indicator."""
    ancestor_ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    out: dict[int, LocalTarget] = {}
    depth = {pk: i for i, pk in enumerate(ancestor_ids)}
    candidates = LocalTarget.objects.filter(
        owner_id__in=ancestor_ids, indicator__in=indicators
    ).select_related("owner")
    for target in sorted(candidates, key=lambda t: (depth[t.owner_id], t.year)):
        out[target.indicator_id] = target
    return out


def indicator_rows(
    user, unit: OrgUnit, year: int | None = None, indicators: list[Indicator] | None = None
) -> list[IndicatorRow]:
    """The dashboard table of `unit` (in the user's scope, else 404): every active indicator
    with its values up to `year` (all years when None), targets, projections and statuses."""
    unit = unit_for_view(user, unit.pk)
    indicators = indicators if indicators is not None else active_indicators()
    series = unit_series(indicators, unit)
    margin = IndicatorSettings.current().margin_percent
    local = _local_targets(unit, indicators)
    rows = []
    for ind in indicators:
        per_year = {y: f for y, f in series.get(ind.pk, {}).items() if year is None or y <= year}
        rows.append(
            IndicatorRow(
                indicator=ind,
                unit=unit,
                series=per_year,
                local_target=local.get(ind.pk),
                statuses=_statuses(ind, per_year, margin),
            )
        )
    return rows


@dataclass
class ChildRow:
    unit: OrgUnit
    figure: Figure | None

    @property
    def value(self) -> Decimal | None:
        return self.figure.value if self.figure else None


SORTS: dict[str, Callable] = {
    "name": lambda r: r.unit.name,
    "value": lambda r: (r.value is None, r.value or 0),
    "-value": lambda r: (r.value is None, -(r.value or 0)),
}


def children_comparison(
    user, unit: OrgUnit, indicator: Indicator, year: int, sort: str = "name"
) -> list[ChildRow]:
    """Each child of `unit` that the user may see, with its figure for `year` (one query)."""
    unit = unit_for_view(user, unit.pk)
    figures = rollup(indicator, year, parent=unit)
    children = viewable_units(user).filter(parent=unit).order_by("kind", "name")
    rows = [ChildRow(unit=c, figure=figures.get(c.pk)) for c in children]
    rows.sort(key=SORTS.get(sort, SORTS["name"]))
    return rows


@dataclass
class AssessmentRow:
    indicator_code: str
    indicator_name: str
    unit_name: str
    year: int
    assessment: str
    solutions: str
    author: str
    updated_at: object


def assessments_for_round_year(user, unit: OrgUnit, year: int) -> list[AssessmentRow]:
    """Assessments for `year` written by `unit` or any unit under it that the user may see."""
    unit = unit_for_view(user, unit.pk)
    qs = (
        Assessment.objects.filter(
            year=year,
            org_unit__path__startswith=unit.path,
            org_unit__in=viewable_units(user),
        )
        .select_related("indicator", "org_unit", "author")
        .order_by("indicator__order", "org_unit__name")
    )
    return [
        AssessmentRow(
            indicator_code=a.indicator.code,
            indicator_name=a.indicator.name,
            unit_name=a.org_unit.name,
            year=a.year,
            assessment=a.assessment,
            solutions=a.solutions,
            author=str(a.author) if a.author else "",
            updated_at=a.updated_at,
        )
        for a in qs
    ]


@dataclass
class IndicatorSummary:
    """What a consolidated report embeds: per indicator the figures, targets, projections,
    statuses (rows; each has `.chart_png()`), and the lead units' assessments."""

    unit: OrgUnit
    year: int
    rows: list[IndicatorRow]
    assessments: list[AssessmentRow]
    is_demo: bool


def indicator_summary(user, unit: OrgUnit, year: int) -> IndicatorSummary:
    """Indicator status, assessments and charts of `unit` for a report of `year` (404 when the
    user may not see the unit)."""
    rows = indicator_rows(user, unit, year)
    return IndicatorSummary(
        unit=unit,
        year=year,
        rows=rows,
        assessments=assessments_for_round_year(user, unit, year),
        is_demo=has_demo_values(user, unit),
    )


def assessment_of(user, indicator: Indicator, unit: OrgUnit, year: int) -> Assessment | None:
    """The unit's assessment of the indicator for the year (None when out of scope). The
    assessment of the indicator's lead unit goes with the indicator: whoever sees indicators
    anywhere reads it."""
    lead = indicator.lead_unit_id is not None and indicator.lead_unit_id == unit.pk
    if not (_may_view(user, unit) or (lead and has_permission(user, INDICATOR_VIEW))):
        return None
    return Assessment.objects.filter(indicator=indicator, org_unit=unit, year=year).first()


def child_units(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The units right under `unit` whose indicators the user sees."""
    return viewable_units(user).filter(parent=unit).order_by("kind", "name")


def visible_ancestors(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The units above `unit` whose indicators the user sees."""
    return unit.ancestors().filter(pk__in=viewable_units(user).values("pk")).exclude(pk=unit.pk)


def entry_units(user) -> QuerySet[OrgUnit]:
    """The units the user enters values for, highest first."""
    return units_for(user, INDICATOR_ENTER).order_by("level", "name")


def entry_child_units(user, unit: OrgUnit) -> list[OrgUnit]:
    """The units right under `unit` the user enters values for."""
    return list(units_for(user, INDICATOR_ENTER).filter(parent=unit).order_by("kind", "name"))


def unit_values(user, unit: OrgUnit, year: int) -> QuerySet[DataValue]:
    """The unit's own values of a year, in catalogue order; 404 when out of scope."""
    unit = unit_for_view(user, unit.pk)
    return (
        DataValue.objects.filter(org_unit=unit, year=year)
        .select_related("element")
        .order_by("element__order", "disaggregation")
    )


def entry_elements() -> list[DataElement]:
    return list(DataElement.objects.filter(is_active=True).order_by("order", "code"))


def stored_values(user, unit: OrgUnit, years: list[int]) -> dict[tuple[str, str, int], Decimal]:
    """(element code, option, year) -> value of the unit's own values (scoped, else 404)."""
    unit = unit_for_view(user, unit.pk)
    return {
        (code, option, year): value
        for code, option, year, value in DataValue.objects.filter(
            org_unit=unit, year__in=years, sub_period=""
        ).values_list("element__code", "disaggregation", "year", "value")
    }


def value_history(user, unit: OrgUnit, year: int, limit: int = 200) -> QuerySet[DataValueChange]:
    unit = unit_for_view(user, unit.pk)
    return (
        DataValueChange.objects.filter(org_unit=unit, year=year)
        .select_related("element", "changed_by")
        .order_by("-changed_at", "-pk")[:limit]
    )


def values_for_export(user, unit: OrgUnit, year: int) -> QuerySet[DataValue]:
    """The data values of `unit` and every unit under it that the user may see, for `year`."""
    unit = unit_for_view(user, unit.pk)
    return (
        DataValue.objects.filter(
            org_unit__path__startswith=unit.path,
            org_unit__in=viewable_units(user),
            year=year,
        )
        .select_related("element", "org_unit", "updated_by")
        .order_by("org_unit__path", "element__order", "disaggregation")
    )


def due_assessments(user, year: int) -> list[tuple[Indicator, OrgUnit]]:
    """Indicators led by a unit where the user may assess, without an assessment for `year`."""
    if user.is_superuser:
        return []
    units = units_for(user, INDICATOR_ASSESS)
    done = Assessment.objects.filter(
        year=year, indicator=OuterRef("pk"), org_unit=OuterRef("lead_unit")
    )
    led = (
        Indicator.objects.filter(is_active=True, lead_unit__in=units)
        .exclude(Exists(done))
        .select_related("lead_unit")
    )
    return [(i, i.lead_unit) for i in led]

"""Every read of indicator data, given the user, scoped through `units_for`.

A unit the user may not see is a 404. A unit's figure is its subtree sum (see aggregation);
the drill-down lists only the children the user may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from binhdang import memo
from binhdang.accounts.scoping import has_permission, home_units, units_for
from binhdang.core.db import reading_from_primary
from binhdang.indicators.permissions import INDICATOR_ASSESS, INDICATOR_ENTER, INDICATOR_VIEW
from binhdang.orgunits.models import (
    COMMUNE_LEVEL_KINDS,
    TERRITORIAL_KINDS,
    UNITS_GENERATION,
    Kind,
    OrgUnit,
)

from . import forecast, remapping
from .aggregation import Figure, rollup, unit_series
from .models import (
    FIGURES_GENERATION,
    Assessment,
    DataElement,
    DataValue,
    DataValueChange,
    Indicator,
    IndicatorSettings,
    Level,
    LocalTarget,
    Source,
)

TARGET_YEARS = (2025, 2030)

FIGURES_SECONDS = 3600


def kept[T](name: str, compute: Callable[[], T]) -> T:
    """`compute()` of figures that depend on no user, kept in the shared cache (when every
    process shares it) under the generations of the figures' data and of the unit tree, which
    every write of either counts on. Read from the primary, where those writes are. The caller
    has checked the user's access."""
    if not settings.BINHDANG_SHARED_CACHE:
        return compute()

    def computed() -> tuple[T]:
        with reading_from_primary():
            return (compute(),)

    names = (FIGURES_GENERATION, UNITS_GENERATION)
    return memo.kept(f"indicators:{name}", names, computed, FIGURES_SECONDS)[0]


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
    return kept(f"latest-year:{unit.pk}", lambda: _latest_data_year(unit))


def _latest_data_year(unit: OrgUnit) -> int | None:
    own = (
        DataValue.objects.filter(org_unit__path__startswith=unit.path)
        .aggregate(y=Max("year"))
        .get("y")
    )
    former = (
        DataValue.objects.filter(
            _under_any(unit.predecessors.all()), year__lt=remapping.cutoff_year(unit)
        )
        .aggregate(y=Max("year"))
        .get("y")
        if unit.predecessors.exists()
        else None
    )
    return max((y for y in (own, former) if y is not None), default=None)


def _under_any(units) -> Q:
    """Values at or under any of `units` (one prefix condition each)."""
    condition = Q(pk__in=[])
    for path in units.values_list("path", flat=True):
        condition |= Q(org_unit__path__startswith=path)
    return condition


def has_demo_values(user, unit: OrgUnit) -> bool:
    """Whether values at or under `unit` come from the demo (False when out of scope)."""
    if not _may_view(user, unit):
        return False
    return kept(f"demo:{unit.pk}", lambda: _has_demo_values(unit))


def _has_demo_values(unit: OrgUnit) -> bool:
    return DataValue.objects.filter(
        Q(org_unit__path__startswith=unit.path) | _under_any(unit.predecessors.all()),
        source=Source.DEMO,
    ).exists()


@dataclass
class BoundaryChange:
    """Where a unit's figures of the years before it came into being come from."""

    date: date
    former: list[remapping.FormerUnit]

    @property
    def estimated(self) -> bool:
        return any(f.estimated for f in self.former)

    @property
    def names(self) -> str:
        return ", ".join(f.unit.name for f in self.former)


def boundary_change(user, unit: OrgUnit) -> BoundaryChange | None:
    """The units `unit` was formed from, with the share of their values it takes (None when it
    was formed from none, or the user may not see its indicators)."""
    if not _may_view(user, unit):
        return None
    return kept(f"boundary:{unit.pk}", lambda: _boundary_change(unit))


def _boundary_change(unit: OrgUnit) -> BoundaryChange | None:
    former = remapping.former_units(unit)
    if not former:
        return None
    return BoundaryChange(remapping.boundary_date(unit), former)


@dataclass
class UnitFacts:
    """What a unit's pages show above its figures: the latest year with a value, whether
    demo values are among them, and the change of boundary it was formed by."""

    latest_year: int | None
    is_demo: bool
    boundary: BoundaryChange | None


def unit_facts(user, unit: OrgUnit) -> UnitFacts:
    """`latest_data_year`, `has_demo_values` and `boundary_change` of `unit`, kept together
    (`kept`); none of them when the user may not see the unit's indicators."""
    if not _may_view(user, unit):
        return UnitFacts(None, False, None)
    return kept(
        f"unit-facts:{unit.pk}",
        lambda: UnitFacts(_latest_data_year(unit), _has_demo_values(unit), _boundary_change(unit)),
    )


@dataclass
class TargetStatus:
    """One target of an indicator at a unit and how it stands (forecast.Judgement)."""

    year: int
    target: Decimal | None
    comparison: str
    judgement: forecast.Judgement

    @property
    def status(self) -> str:
        return self.judgement.status

    @property
    def prediction(self) -> forecast.Prediction | None:
        return self.judgement.prediction

    @property
    def projection(self) -> float | None:
        """The forecast's point value at the target year (None without a forecast)."""
        return self.prediction.value if self.prediction else None

    @property
    def low(self) -> float | None:
        return self.prediction.low if self.prediction else None

    @property
    def high(self) -> float | None:
        return self.prediction.high if self.prediction else None

    @property
    def required(self) -> float | None:
        """Where the value should stand in the latest value's year (the path to the target)."""
        return self.judgement.required

    @property
    def required_year(self) -> int | None:
        return self.judgement.latest[0] if self.judgement.required is not None else None

    @property
    def on_path(self) -> bool | None:
        return self.judgement.is_on_path

    @property
    def years(self) -> int:
        return self.judgement.years

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
class Coverage:
    """How many units the figure of a unit is made of (for "số liệu của 12/24 xã")."""

    territorial_with_data: int
    territorial_total: int
    territorial_kind: str  # the children's kind (commune, district, province) or ""
    bodies_with_data: list[str]  # names of the bodies (departments, mass organisations)
    own: bool  # the unit's own value counts (a survey of the district itself)


@dataclass
class IndicatorRow:
    """One indicator at one unit: values by year, targets, forecasts and statuses."""

    indicator: Indicator
    unit: OrgUnit
    series: dict[int, Figure]
    local_target: LocalTarget | None
    statuses: list[TargetStatus] = field(default_factory=list)
    # Other catalogue entries measuring the same thing (QĐ 2282-1 is NQ28-1.1): shown once.
    same_as: list[Indicator] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def codes(self) -> list[str]:
        return [self.indicator.code, *(i.code for i in self.same_as)]

    @property
    def latest_year(self) -> int | None:
        years = [y for y, f in self.series.items() if f.value is not None]
        return max(years) if years else None

    @property
    def remapped_years(self) -> list[int]:
        """Years whose figure comes from the units this unit was formed from."""
        return sorted(y for y, f in self.series.items() if f.remapped)

    @property
    def estimated_years(self) -> list[int]:
        """Years whose figure a split unit's share entered: estimates."""
        return sorted(y for y, f in self.series.items() if f.estimated)

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
        """The trend chart (binhdang.charts.Chart): values, targets, the path to each target,
        the forecast and its 95% prediction interval."""
        from binhdang.charts import trend_chart

        targets = {s.year: float(s.target) for s in self.statuses if s.target is not None}
        values = self.values
        projection, band, paths = [], [], []
        trend = None if self.indicator.is_yes_no else forecast.linear_trend(values)
        judged = [s for s in self.statuses if s.prediction is not None]
        if trend is not None and judged and len(values) >= forecast.MIN_YEARS:
            last = max(values)
            end = max(s.year for s in judged)
            percent = _is_percent(self.indicator)
            for year in range(last, end + 1):
                p = forecast.predict(trend, year, percent=percent)
                projection.append((year, p.value))
                band.append((year, p.low, p.high))
        for s in self.statuses:
            base = s.judgement.base
            if (
                base is not None
                and s.target is not None
                and s.judgement.prediction is not None
                and not forecast.meets(base[1], float(s.target), s.comparison)
            ):
                paths.append(((base[0], base[1]), (s.year, float(s.target))))
        boundary = None
        if self.remapped_years:
            cut = remapping.boundary_date(self.unit)
            boundary = (
                cut.year - 0.5,
                gettext("%(date)s: new administrative units") % {"date": f"{cut:%d/%m/%Y}"},
            )
        return trend_chart(
            self.indicator.name,
            sorted(values.items()),
            boundary=boundary,
            estimated_years=self.estimated_years,
            target_points=targets,
            projection=projection,
            band=band,
            paths=paths,
            unit_label=self.indicator.unit_label,
            lower_is_better=self.indicator.lower_is_better,
        )

    def chart_png(self, dpi: int = 150) -> bytes:
        return self.chart().png(dpi=dpi)


def _is_percent(indicator: Indicator) -> bool:
    return indicator.unit_label.strip() == "%"


def _statuses(indicator: Indicator, series: dict[int, Figure], margin) -> list[TargetStatus]:
    values = {y: float(f.value) for y, f in series.items() if f.value is not None}
    out = []
    targets = indicator.national_targets()
    for year in TARGET_YEARS:
        target, comparison = targets.get(year, (None, ">="))
        judgement = forecast.judge(
            values,
            target,
            comparison,
            year,
            margin_percent=margin,
            percent=_is_percent(indicator),
            yes_no=indicator.is_yes_no,
        )
        out.append(TargetStatus(year, target, comparison, judgement))
    return out


def _level_from_kinds(kinds_nearest_first) -> str:
    for kind in kinds_nearest_first:
        if kind == Kind.PROVINCE:
            return Level.PROVINCE
        if kind == Kind.DISTRICT:
            return Level.DISTRICT
        if kind in COMMUNE_LEVEL_KINDS:
            return Level.COMMUNE
    return Level.NATIONAL


def unit_level(unit: OrgUnit) -> str:
    """The administrative level of a unit (a body takes the level of the committee it belongs
    to); a unit above every province is national."""
    return _level_from_kinds(u.kind for u in sorted(unit.ancestors(), key=lambda a: -a.level))


def unit_levels(units) -> dict[int, str]:
    """`unit_level` of each of `units`, {pk: level}, read in one query for all of them."""
    chains = {u.pk: [int(p) for p in u.path.strip("/").split("/") if p] for u in units}
    ids = {i for chain in chains.values() for i in chain}
    kinds = dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "kind")) if ids else {}
    return {
        pk: _level_from_kinds(kinds.get(i) for i in reversed(chain)) for pk, chain in chains.items()
    }


def applicable(rows: list["IndicatorRow"], level: str) -> list["IndicatorRow"]:
    """The rows of indicators reported at `level`, each measure once: a second catalogue entry
    that counts the same thing against the same targets joins the first as `same_as`."""
    kept: list[IndicatorRow] = []
    for row in rows:
        if not row.indicator.applies_at(level):
            continue
        twin = next((k for k in kept if k.indicator.same_measure(row.indicator)), None)
        if twin is not None:
            twin.same_as.append(row.indicator)
            if twin.local_target is None:
                twin.local_target = row.local_target
        else:
            kept.append(row)
    return kept


def not_applicable(indicators: list[Indicator], level: str) -> list[Indicator]:
    return [i for i in indicators if not i.applies_at(level)]


def _coverages(unit: OrgUnit, year: int, rows: list["IndicatorRow"]) -> None:
    """Fill each row's coverage for `year`: which units under `unit` the figure comes from, in
    one query over the values and one over the units."""
    if not rows:
        return
    territorial_children = list(
        OrgUnit.objects.filter(parent=unit, kind__in=TERRITORIAL_KINDS)
        .active(on=date(year, 12, 31))
        .values_list("pk", "kind", "path")
    )
    element_ids = set()
    for row in rows:
        element_ids.add(row.indicator.numerator_id)
        if row.indicator.denominator_id:
            element_ids.add(row.indicator.denominator_id)
    reported = (
        DataValue.objects.filter(
            org_unit__path__startswith=unit.path, year=year, sub_period="",
            element_id__in=element_ids,
        )
        .values_list("element_id", "disaggregation", "org_unit_id", "org_unit__path",
                     "org_unit__kind", "org_unit__name")
        .distinct()
    )  # fmt: skip
    by_part: dict[tuple, dict[int, tuple[str, str, str]]] = {}
    for element_id, option, unit_id, path, kind, name in reported:
        by_part.setdefault((element_id, option), {})[unit_id] = (path, kind, name)
    # A unit's path is "/<root>/.../<unit>/<child>/...": the child's id follows the unit's.
    depth = unit.level + 2
    territorial_ids = {pk for pk, _kind, _path in territorial_children}
    kinds = {kind for _pk, kind, _path in territorial_children}
    child_kind = ""
    if kinds:
        child_kind = "commune" if kinds <= COMMUNE_LEVEL_KINDS else sorted(kinds)[0]
    for row in rows:
        ind = row.indicator
        units = dict(by_part.get((ind.numerator_id, ind.numerator_disaggregation), {}))
        if ind.kind == Indicator.Kind.RATIO:
            den = by_part.get((ind.denominator_id, ind.denominator_disaggregation), {})
            units = {k: v for k, v in units.items() if k in den}
        if not ind.aggregates:
            row.coverage = Coverage(0, 0, "", [], unit.pk in units)
            continue
        children_with, bodies = set(), []
        for unit_id, (path, kind, name) in units.items():
            if unit_id == unit.pk:
                continue
            parts = path.split("/")
            child = int(parts[depth]) if len(parts) > depth and parts[depth] else None
            if child in territorial_ids:
                children_with.add(child)
            elif kind not in TERRITORIAL_KINDS:
                bodies.append(name)
        row.coverage = Coverage(
            len(children_with), len(territorial_children), child_kind, sorted(bodies),
            unit.pk in units,
        )  # fmt: skip


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
    user,
    unit: OrgUnit,
    year: int | None = None,
    indicators: list[Indicator] | None = None,
    margin: Decimal | None = None,
) -> list[IndicatorRow]:
    """The dashboard table of `unit` (in the user's scope, else 404): every active indicator
    with its values up to `year` (all years when None), targets, projections and statuses
    (decided with `margin`, the settings' when None)."""
    unit = unit_for_view(user, unit.pk)
    indicators = indicators if indicators is not None else active_indicators()
    if margin is None:
        margin = IndicatorSettings.current().margin_percent
    return _indicator_rows(unit, year, indicators, margin)


def _indicator_rows(unit, year, indicators, margin) -> list[IndicatorRow]:
    series = unit_series(indicators, unit)
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
class LevelRows:
    """The indicators of a unit at its level: each measure once (rows, with coverage), and the
    catalogue entries left out because they are reported at a higher level only."""

    level: str
    rows: list[IndicatorRow]
    left_out: list[Indicator]
    margin: Decimal  # the settings' margin the statuses were decided with


def level_rows(user, unit: OrgUnit, year: int) -> LevelRows:
    """What the dashboard and the reports show for `unit` and `year` (404 out of scope),
    kept across requests (`kept`)."""
    unit = unit_for_view(user, unit.pk)
    return kept(f"level-rows:{unit.pk}:{year}", lambda: _level_rows(unit, year))


def _level_rows(unit: OrgUnit, year: int) -> LevelRows:
    indicators = active_indicators()
    level = unit_level(unit)
    margin = IndicatorSettings.current().margin_percent
    rows = applicable(_indicator_rows(unit, year, indicators, margin), level)
    _coverages(unit, year, rows)
    return LevelRows(level, rows, not_applicable(indicators, level), margin)


@dataclass
class IndicatorSummary:
    """What a consolidated report embeds: per indicator reported at the unit's level the
    figures, targets, forecasts, statuses and coverage (rows; each has `.chart_png()`), the
    indicators left out as reported higher up only, and the lead units' assessments."""

    unit: OrgUnit
    year: int
    rows: list[IndicatorRow]
    assessments: list[AssessmentRow]
    is_demo: bool
    left_out: list[Indicator] = field(default_factory=list)
    margin: Decimal = Decimal("10")
    level: str = Level.DISTRICT


def indicator_summary(user, unit: OrgUnit, year: int) -> IndicatorSummary:
    """Indicator status, assessments and charts of `unit` for a report of `year` (404 when the
    user may not see the unit)."""
    shown = level_rows(user, unit, year)
    codes = {code for row in shown.rows for code in row.codes}
    return IndicatorSummary(
        unit=unit,
        year=year,
        rows=shown.rows,
        assessments=[
            a for a in assessments_for_round_year(user, unit, year) if a.indicator_code in codes
        ],
        is_demo=has_demo_values(user, unit),
        left_out=shown.left_out,
        margin=shown.margin,
        level=shown.level,
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
    """Indicators led by a unit where the user may assess, reported at that unit's level,
    without an assessment for `year`."""
    if user.is_superuser or not has_permission(user, INDICATOR_ASSESS):
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
    # An indicator reported higher up only is not the lead unit's to assess at its level.
    led = list(led)
    levels = unit_levels({i.lead_unit_id: i.lead_unit for i in led}.values())
    return [(i, i.lead_unit) for i in led if i.applies_at(levels[i.lead_unit_id])]

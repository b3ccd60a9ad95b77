"""Indicators API: the catalogue, a unit's values, roll-ups and statuses, scoped like the
pages (a unit outside the caller's scope is a 404)."""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from binhdang.accounts.scoping import has_permission
from binhdang.indicators.permissions import INDICATOR_VIEW

from . import selectors
from .aggregation import Figure

router = Router(tags=["indicators"])
PREFIX = "indicators"


class IndicatorOut(Schema):
    code: str
    name: str
    kind: str
    unit_label: str
    direction: str
    programme: str
    objective: str
    target_number: str
    numerator: str
    numerator_disaggregation: str
    denominator: str | None
    denominator_disaggregation: str
    factor: Decimal
    baseline_year: int | None
    baseline_value: Decimal | None
    target_2025: Decimal | None
    target_2025_comparison: str
    target_2030: Decimal | None
    target_2030_comparison: str
    unconfirmed: bool
    aggregates: bool
    lead_unit_id: int | None


class ValueOut(Schema):
    data_element: str
    org_unit_id: int
    period: str
    disaggregation: str
    value: Decimal
    source: str
    updated_at: datetime


class FigureOut(Schema):
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    # Taken from the units this unit was formed from; an estimate where a split unit's share
    # entered it.
    remapped: bool = False
    estimated: bool = False


class RollupRowOut(Schema):
    unit_id: int
    unit_name: str
    figure: FigureOut | None


class StatusOut(Schema):
    year: int
    target: Decimal | None
    comparison: str
    projection: float | None
    # The 95% prediction interval of the forecast, and where the path from the baseline to the
    # target asks the value to stand in the latest value's year.
    projection_low: float | None = None
    projection_high: float | None = None
    path_value: float | None = None
    path_year: int | None = None
    status: str


class IndicatorStatusOut(Schema):
    code: str
    values: dict[int, FigureOut]
    statuses: list[StatusOut]


def _figure(f: Figure | None) -> dict | None:
    if f is None:
        return None
    return {
        "numerator": f.numerator,
        "denominator": f.denominator,
        "value": f.value,
        "remapped": f.remapped,
        "estimated": f.estimated,
    }


def _indicator_dict(i) -> dict:
    return {
        **{k: getattr(i, k) for k in IndicatorOut.model_fields if hasattr(i, k)},
        "numerator": i.numerator.code,
        "denominator": i.denominator.code if i.denominator else None,
    }


@router.get("/catalogue", response=list[IndicatorOut], summary="Indicators and their targets")
def catalogue(request):
    if not has_permission(request.user, INDICATOR_VIEW):
        return []
    return [_indicator_dict(i) for i in selectors.catalogue()]


@router.get("/units/{unit_id}/values", response=list[ValueOut], summary="A unit's own values")
def unit_values(request, unit_id: int, year: int):
    unit = selectors.unit_for_view(request.user, unit_id)
    return [
        {
            "data_element": v.element.code,
            "org_unit_id": v.org_unit_id,
            "period": v.period,
            "disaggregation": v.disaggregation,
            "value": v.value,
            "source": v.source,
            "updated_at": v.updated_at,
        }
        for v in selectors.unit_values(request.user, unit, year)
    ]


@router.get(
    "/units/{unit_id}/rollup/{code}",
    response=list[RollupRowOut],
    summary="An indicator for each unit under a unit (subtree sums)",
)
def unit_rollup(request, unit_id: int, code: str, year: int, sort: str = "name"):
    unit = selectors.unit_for_view(request.user, unit_id)
    indicator = selectors.indicator_by_code(code)
    rows = selectors.children_comparison(request.user, unit, indicator, year, sort)
    return [
        {"unit_id": r.unit.pk, "unit_name": r.unit.name, "figure": _figure(r.figure)} for r in rows
    ]


@router.get(
    "/units/{unit_id}/status",
    response=list[IndicatorStatusOut],
    summary="Every indicator at a unit: values by year, projections and status",
)
def unit_status(request, unit_id: int, year: int | None = None):
    unit = selectors.unit_for_view(request.user, unit_id)
    rows = selectors.indicator_rows(request.user, unit, year)
    return [
        {
            "code": r.indicator.code,
            "values": {y: _figure(f) for y, f in r.series.items()},
            "statuses": [
                {
                    "year": s.year,
                    "target": s.target,
                    "comparison": s.comparison,
                    "projection": s.projection,
                    "projection_low": s.low,
                    "projection_high": s.high,
                    "path_value": s.required,
                    "path_year": s.required_year,
                    "status": s.status,
                }
                for s in r.statuses
            ],
        }
        for r in rows
    ]


@router.get("/indicators/{code}", response=IndicatorOut, summary="One indicator")
def indicator(request, code: str):
    if not has_permission(request.user, INDICATOR_VIEW):
        raise Http404
    return _indicator_dict(selectors.indicator_by_code(code))

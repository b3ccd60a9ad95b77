"""Figures counted from the register (core.registry.Figure): for each unit, over its OWN
models, in one aggregate query each.

The date each is counted by:
- active_models and communes_with_model: a model counts when it was established on or before
  the window's end (or has no date) and is not suspended or closed by then (its current
  status dated `status_since` after the window's end still counts it as active);
- people_supported, people_supported_women, people_supported_ethnic, referrals, activities:
  a month's or quarter's record counts in the window that holds its LAST day (a period is
  counted once it is complete, so December goes to the window that holds 31/12).
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from .models import ModelStatus, PeriodRecord, ServiceModel


def _active_condition(end: date | None) -> Q:
    if end is None:
        return Q(status=ModelStatus.ACTIVE)
    established = Q(established_on__isnull=True) | Q(established_on__lte=end)
    stopped = ~Q(status=ModelStatus.ACTIVE) & (
        Q(status_since__isnull=True) | Q(status_since__lte=end)
    )
    return established & ~stopped


def _models_count(unit_ids, end, expression) -> dict[int, Decimal]:
    rows = (
        ServiceModel.objects.filter(_active_condition(end), org_unit_id__in=list(unit_ids))
        .values("org_unit")
        .annotate(n=expression)
    )
    return {r["org_unit"]: Decimal(r["n"]) for r in rows}


def active_models(
    unit_ids: Sequence[int], start: date | None, end: date | None
) -> dict[int, Decimal]:
    return _models_count(unit_ids, end, Count("pk"))


def communes_with_model(
    unit_ids: Sequence[int], start: date | None, end: date | None
) -> dict[int, Decimal]:
    return _models_count(unit_ids, end, Count("commune", distinct=True))


def _period_sum(field: str):
    def compute(
        unit_ids: Sequence[int], start: date | None, end: date | None
    ) -> dict[int, Decimal]:
        qs = PeriodRecord.objects.filter(service_model__org_unit_id__in=list(unit_ids))
        if start is not None:
            qs = qs.filter(period_end__gte=start)
        if end is not None:
            qs = qs.filter(period_end__lte=end)
        rows = qs.values("service_model__org_unit").annotate(n=Sum(field))
        return {r["service_model__org_unit"]: Decimal(r["n"] or 0) for r in rows}

    compute.__name__ = f"sum_{field}"
    return compute


people_supported = _period_sum("supported_total")
people_supported_women = _period_sum("supported_women")
people_supported_ethnic = _period_sum("supported_ethnic")
referrals = _period_sum("referrals")
activities = _period_sum("activities")

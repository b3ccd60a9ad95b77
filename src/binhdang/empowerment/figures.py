"""Figures counted from the support records (core.registry.Figure): for each unit, over its
OWN records dated (`given_on`) within the window, in one aggregate query each."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from .models import Support


def _sum(field: str):
    def compute(
        unit_ids: Sequence[int], start: date | None, end: date | None
    ) -> dict[int, Decimal]:
        qs = Support.objects.filter(org_unit_id__in=list(unit_ids))
        if start is not None:
            qs = qs.filter(given_on__gte=start)
        if end is not None:
            qs = qs.filter(given_on__lte=end)
        rows = qs.values("org_unit").annotate(n=Sum(field))
        return {r["org_unit"]: Decimal(r["n"] or 0) for r in rows}

    compute.__name__ = f"sum_{field}"
    return compute


beneficiaries = _sum("beneficiaries_total")
beneficiaries_women = _sum("women")
beneficiaries_ethnic = _sum("ethnic")
beneficiaries_poor = _sum("poor")
beneficiaries_violence_victims = _sum("violence_victims")
amount = _sum("amount")

"""The figures the course records give the round's number fields: courses held, trainees,
women trainees; one aggregate query each, over the given units' own courses whose start
date lies in the window."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Course


def _aggregate(expression):
    def compute(unit_ids: Sequence[int], start: date | None, end: date | None):
        qs = Course.objects.filter(org_unit_id__in=list(unit_ids))
        if start is not None:
            qs = qs.filter(starts_on__gte=start)
        if end is not None:
            qs = qs.filter(starts_on__lte=end)
        rows = qs.order_by().values("org_unit").annotate(value=expression)
        return {r["org_unit"]: Decimal(r["value"] or 0) for r in rows}

    return compute


def records_url(unit_id: int, start: date | None, end: date | None) -> str:
    query = {"unit": unit_id}
    if start is not None:
        query["date_from"] = start.isoformat()
    if end is not None:
        query["date_to"] = end.isoformat()
    return reverse("training:list") + "?" + urlencode(query)


compute_courses = _aggregate(Count("id"))
compute_trainees = _aggregate(Sum("participants_total"))
compute_trainees_women = _aggregate(Sum("participants_women"))

FIGURES = (
    ("training.courses", _("Training courses held (from the course records)"), compute_courses, "lớp", 30),
    ("training.trainees", _("Trainees (from the course records)"), compute_trainees, "lượt người", 31),
    ("training.trainees_women", _("Women trainees (from the course records)"), compute_trainees_women, "lượt người", 32),
)  # fmt: skip


def register() -> None:
    from binhdang.core.registry import Figure, register_figure

    for key, label, compute, uom, order in FIGURES:
        register_figure(
            Figure(
                key=key,
                label=label,
                compute=compute,
                records_url=records_url,
                unit_of_measure=uom,
                order=order,
            )
        )

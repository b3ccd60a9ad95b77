"""The budget's figure for the round's number fields (s30 FIELDS code "budget")."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binhdang.core.registry import Figure

from .selectors import spent_millions_by_unit


def _records_url(unit_id: int, start, end) -> str:
    url = f"{reverse('budget:list')}?unit={unit_id}"
    if start is not None and end is not None and start.year == end.year:
        url += f"&year={start.year}"
    elif end is not None:
        url += f"&year={end.year}"
    return url


SPENT = Figure(
    key="budget.spent",
    label=_("Budget spent (from the budget lines)"),
    compute=spent_millions_by_unit,
    records_url=_records_url,
    unit_of_measure="triệu đồng",
    order=90,
)

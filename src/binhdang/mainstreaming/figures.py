"""The mainstreaming figure: documents drafted in which gender equality was mainstreamed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binhdang.core.registry import Figure

from .selectors import assessed_by_unit


def _records_url(unit_id: int, start, end) -> str:
    url = f"{reverse('mainstreaming:list')}?unit={unit_id}&assessed=yes"
    if end is not None:
        url += f"&year={end.year}"
    return url


ASSESSED = Figure(
    key="mainstreaming.assessed",
    label=_("Drafted documents mainstreaming gender equality (from the records)"),
    compute=assessed_by_unit,
    records_url=_records_url,
    unit_of_measure="văn bản",
    order=92,
)

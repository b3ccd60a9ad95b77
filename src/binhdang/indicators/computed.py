"""Values of data elements computed from programme records: the figures of the shell's
registry (`core.registry.Figure`) whose `data_element` is an element's code, for a unit's
own records of a calendar year. The entry page shows them beside the fields; the unit
confirms them with `services.record_computed_values`."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from binhdang.core import registry

from .models import DataElement


@dataclass(frozen=True)
class Computed:
    value: Decimal
    label: str
    url: str


def computed_values(unit, year: int) -> dict[tuple[str, str], Computed]:
    """(element code, disaggregation) -> the value computed from the unit's own records of
    `year`. A figure the unit has no record for is left out (not read as 0)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    out: dict[tuple[str, str], Computed] = {}
    measured = [f for f in registry.figures() if f.data_element]
    if not measured:
        return out
    elements = {
        e.code: e
        for e in DataElement.objects.filter(
            code__in={f.data_element for f in measured}, is_active=True
        )
    }
    for figure in measured:
        key = (figure.data_element, figure.disaggregation or "total")
        element = elements.get(figure.data_element)
        if key in out or element is None or key[1] not in element.options:
            continue
        value = figure.compute([unit.pk], start, end).get(unit.pk)
        if value is None:
            continue
        url = figure.records_url(unit.pk, start, end) if figure.records_url else ""
        out[key] = Computed(Decimal(value), str(figure.label), url)
    return out

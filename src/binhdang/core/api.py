"""What the record apps' APIs (`<app>/api.py`) share: ids bounded as the database stores
them, a unit given by reference, the answer to a refused write, and the lookups of a write:
the unit the caller records for (404 otherwise, as for any object out of scope) and a chosen
row among those the caller may choose."""

from django.db.models import QuerySet
from django.http import Http404
from ninja import Schema

MAX_ID = 2**62  # larger ids cannot exist and would overflow the database integer


class UnitRef(Schema):
    id: int
    name: str


class ErrorOut(Schema):
    detail: str


def unit_ref(unit) -> dict | None:
    return {"id": unit.pk, "name": unit.name} if unit is not None else None


def recording_unit(units: QuerySet, pk: int):
    """The unit `pk` among `units` (those the caller records for); Http404 otherwise."""
    unit = units.filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def chosen(choices: QuerySet, pk: int | None):
    """The row `pk` among `choices`, or None (no pk given, or not one the caller may choose:
    the caller tells the two apart)."""
    return choices.filter(pk=pk).first() if pk else None

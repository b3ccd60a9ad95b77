from datetime import date

from ninja import Router, Schema

from .selectors import search_units, subtree, unit_for, visible_units

router = Router(tags=["org units"])
PREFIX = "orgunits"


class OrgUnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    level: int
    admin_set: str
    valid_from: date | None
    valid_to: date | None


@router.get("/", response=list[OrgUnitOut], summary="Search units in scope")
def list_units(request, q: str = "", limit: int = 50):
    limit = max(1, min(limit, 500))
    if q:
        return list(search_units(request.user, q, limit))
    return list(visible_units(request.user).order_by("path")[:limit])


@router.get("/{unit_id}", response=OrgUnitOut, summary="One unit")
def get_unit(request, unit_id: int):
    return unit_for(request.user, unit_id)


@router.get(
    "/{unit_id}/subtree", response=list[OrgUnitOut], summary="A unit and all units under it"
)
def get_subtree(request, unit_id: int, limit: int = 1000):
    unit = unit_for(request.user, unit_id)
    return list(subtree(request.user, unit).order_by("path")[: max(1, min(limit, 20000))])

from ninja import Router

from .selectors import visit_units

router = Router(tags=["field visits"])
PREFIX = "visits"


@router.get("/units", response=list[str], summary="Units whose field visits you record")
def units(request):
    return [unit.name for unit in visit_units(request.user)]

"""/api/v1/empowerment/: support given to women, scoped exactly like the pages (out of scope
is 404)."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status

from binhdang.core.api import MAX_ID, ErrorOut, UnitRef

from . import selectors, services
from .models import Programme, SupportKind

router = Router(tags=["economic empowerment"])
PREFIX = "empowerment"


class SupportOut(Schema):
    id: int
    org_unit: UnitRef
    programme: Programme
    project_name: str
    kind: SupportKind
    title: str
    commune: UnitRef | None
    given_on: date
    beneficiaries_total: int
    women: int
    ethnic: int
    poor: int
    violence_victims: int
    other_vulnerable: int
    amount: Decimal
    note: str


class SupportIn(Schema):
    org_unit_id: int
    programme: Programme
    kind: SupportKind
    title: str
    given_on: date
    beneficiaries_total: int
    women: int = 0
    ethnic: int = 0
    poor: int = 0
    violence_victims: int = 0
    other_vulnerable: int = 0
    amount: Decimal = Decimal(0)
    project_name: str = ""
    commune_id: int | None = None
    note: str = ""


def _unit(u) -> dict | None:
    return {"id": u.pk, "name": u.name} if u is not None else None


def _out(s) -> dict:
    return {
        "id": s.pk,
        "org_unit": _unit(s.org_unit),
        "programme": s.programme,
        "project_name": s.project_name,
        "kind": s.kind,
        "title": s.title,
        "commune": _unit(s.commune),
        "given_on": s.given_on,
        "beneficiaries_total": s.beneficiaries_total,
        "women": s.women,
        "ethnic": s.ethnic,
        "poor": s.poor,
        "violence_victims": s.violence_victims,
        "other_vulnerable": s.other_vulnerable,
        "amount": s.amount,
        "note": s.note,
    }


@router.get("/", response=list[SupportOut], summary="Support records the caller may read")
def list_supports(
    request,
    unit: int | None = Query(None, ge=1, le=MAX_ID),
    programme: Programme | None = None,
    kind: SupportKind | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    filters = selectors.SupportFilters(
        unit=unit, programme=programme or "", kind=kind or "", date_from=date_from, date_to=date_to
    )
    qs = selectors.search_supports(request.user, filters)
    return [_out(s) for s in qs[offset : offset + limit]]


@router.get("/{support_id}", response=SupportOut, summary="One support record")
def get_support(request, support_id: int = Path(..., ge=1, le=MAX_ID)):
    return _out(selectors.support_for(request.user, support_id))


@router.post(
    "/",
    response={201: SupportOut, 400: ErrorOut},
    summary="Record a support given by a unit the caller records for",
)
def create_support(request, payload: SupportIn):
    org_unit = selectors.recording_units(request.user).filter(pk=payload.org_unit_id).first()
    if org_unit is None:
        raise Http404
    commune = None
    if payload.commune_id is not None:
        commune = selectors.commune_by_id(payload.commune_id)
        if commune is None:
            return Status(400, {"detail": _("The commune chosen does not exist.")})
    data = services.SupportData(
        org_unit=org_unit,
        commune=commune,
        **payload.dict(exclude={"org_unit_id", "commune_id"}),
    )
    try:
        support = services.support_create(actor=request.user, data=data)
    except services.EmpowermentError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _out(support))

"""/api/v1/servicemodels/: the register, scoped exactly like the pages (out of scope is 404);
the contact is masked for those who do not refer cases."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status

from binhdang.core.api import MAX_ID, ErrorOut, UnitRef

from . import selectors, services
from .models import ModelKind, ModelStatus

router = Router(tags=["service models"])
PREFIX = "servicemodels"


class ServiceModelOut(Schema):
    id: int
    name: str
    kind: ModelKind
    org_unit: UnitRef
    commune: UnitRef
    village: str
    contact_person: str
    contact_phone: str
    contact_address: str
    established_on: date | None
    decision_number: str
    decision_date: date | None
    status: ModelStatus
    status_since: date | None
    members_women: int
    members_men: int
    capacity: int | None


class ServiceModelIn(Schema):
    org_unit_id: int
    commune_id: int
    name: str
    kind: ModelKind
    village: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    established_on: date | None = None
    decision_number: str = ""
    decision_date: date | None = None
    members_women: int = 0
    members_men: int = 0
    capacity: int | None = None
    note: str = ""


class CommuneRiskOut(Schema):
    commune: UnitRef
    population: int | None
    ethnic_minority_area: bool
    gbv_detected: Decimal | None
    rate_per_1000: Decimal | None
    active_models: int
    has_trusted_address: bool
    high_risk: bool
    needs_model: bool


def _unit(u) -> dict:
    return {"id": u.pk, "name": u.name}


def _out(user, m) -> dict:
    return {
        "id": m.pk,
        "name": m.name,
        "kind": m.kind,
        "org_unit": _unit(m.org_unit),
        "commune": _unit(m.commune),
        "village": m.village,
        **selectors.contact_of(user, m),
        "established_on": m.established_on,
        "decision_number": m.decision_number,
        "decision_date": m.decision_date,
        "status": m.status,
        "status_since": m.status_since,
        "members_women": m.members_women,
        "members_men": m.members_men,
        "capacity": m.capacity,
    }


@router.get("/", response=list[ServiceModelOut], summary="Service models the caller may read")
def list_models(
    request,
    unit: int | None = Query(None, ge=1, le=MAX_ID),
    commune: int | None = Query(None, ge=1, le=MAX_ID),
    kind: ModelKind | None = None,
    status: ModelStatus | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    filters = selectors.ModelFilters(
        unit=unit, commune=commune, kind=kind or "", status=status or ""
    )
    qs = selectors.search_models(request.user, filters)
    return [_out(request.user, m) for m in qs[offset : offset + limit]]


@router.get(
    "/replication",
    response=list[CommuneRiskOut],
    summary="Communes of the caller's scope with their models and risk signals",
)
def replication(request, year: int = Query(..., ge=2000, le=2100)):
    rows = selectors.replication_rows(request.user, year)
    return [
        {
            "commune": _unit(r.commune),
            "population": r.population,
            "ethnic_minority_area": r.ethnic_minority_area,
            "gbv_detected": r.gbv_detected,
            "rate_per_1000": r.rate,
            "active_models": r.models,
            "has_trusted_address": r.has_trusted_address,
            "high_risk": r.high_risk,
            "needs_model": r.needs_model,
        }
        for r in rows
    ]


@router.get("/{model_id}", response=ServiceModelOut, summary="One service model")
def get_model(request, model_id: int = Path(..., ge=1, le=MAX_ID)):
    return _out(request.user, selectors.model_for(request.user, model_id))


@router.post(
    "/",
    response={201: ServiceModelOut, 400: ErrorOut},
    summary="Register a service model of a unit the caller records for",
)
def create_model(request, payload: ServiceModelIn):
    units = selectors.recording_units(request.user)
    org_unit = units.filter(pk=payload.org_unit_id).first()
    if org_unit is None:
        raise Http404
    commune = selectors.commune_by_id(payload.commune_id)
    if commune is None:
        return Status(400, {"detail": _("The commune chosen does not exist.")})
    data = services.ServiceModelData(
        org_unit=org_unit,
        commune=commune,
        **payload.dict(exclude={"org_unit_id", "commune_id"}),
    )
    try:
        model = services.service_model_create(actor=request.user, data=data)
    except services.ServiceModelError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _out(request.user, model))

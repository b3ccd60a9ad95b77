"""/api/v1/communication/: activities, campaigns and role models, scoped like the pages
(out of scope is 404). Counts in JSON are numbers; text numbers follow formats.numbers."""

from datetime import date

from ninja import Field, Path, Query, Router, Schema, Status

from binhdang.core.api import MAX_ID, ErrorOut, UnitRef, chosen, recording_unit, unit_ref

from . import selectors, services
from .errors import CommunicationError
from .models import Channel, CostSource, RoleModelKind, Topic

router = Router(tags=["communication"])
PREFIX = "communication"


class ActivityOut(Schema):
    id: int
    org_unit: UnitRef
    title: str
    starts_on: date
    ends_on: date | None
    channel: Channel
    topics: list[Topic]
    place: UnitRef | None
    place_detail: str
    task_id: int | None
    campaign_id: int | None
    is_session: bool
    audience_total: int
    audience_women: int
    audience_ethnic: int
    leaflets: int
    banners: int
    broadcasts: int
    articles: int
    other_products: int
    other_products_note: str
    cost: int = Field(..., description="VND")
    cost_source: str
    result: str


class ActivityIn(Schema):
    org_unit_id: int = Field(..., ge=1, le=MAX_ID)
    title: str = Field(..., max_length=300)
    starts_on: date
    ends_on: date | None = None
    channel: Channel
    topics: list[Topic] = []
    place_id: int | None = Field(None, ge=1, le=MAX_ID)
    place_detail: str = Field("", max_length=200)
    task_id: int | None = Field(None, ge=1, le=MAX_ID)
    campaign_id: int | None = Field(None, ge=1, le=MAX_ID)
    audience_total: int | str = 0
    audience_women: int | str = 0
    audience_ethnic: int | str = 0
    leaflets: int | str = 0
    banners: int | str = 0
    broadcasts: int | str = 0
    articles: int | str = 0
    other_products: int | str = 0
    other_products_note: str = Field("", max_length=200)
    cost: int | str = 0
    cost_source: CostSource = CostSource.NONE
    result: str = Field("", max_length=20_000)


class CampaignOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    starts_on: date
    ends_on: date
    org_unit: UnitRef | None


class RoleModelOut(Schema):
    id: int
    org_unit: UnitRef
    kind: RoleModelKind
    name: str
    ethnicity: str
    commune: UnitRef | None
    village: str
    role: str
    recognised_on: date | None
    recognised_by: str


class RoleModelIn(Schema):
    org_unit_id: int = Field(..., ge=1, le=MAX_ID)
    kind: RoleModelKind
    name: str = Field(..., max_length=200)
    ethnicity: str = Field("", max_length=60)
    commune_id: int | None = Field(None, ge=1, le=MAX_ID)
    village: str = Field("", max_length=200)
    role: str = Field(..., max_length=5000)
    recognised_on: date | None = None
    recognised_by: str = Field("", max_length=300)


def _activity(a) -> dict:
    return {
        "id": a.pk,
        "org_unit": unit_ref(a.org_unit),
        "title": a.title,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "channel": a.channel,
        "topics": a.topic_list,
        "place": unit_ref(a.place),
        "place_detail": a.place_detail,
        "task_id": a.task_id,
        "campaign_id": a.campaign_id,
        "is_session": a.is_session,
        **{
            f: getattr(a, f)
            for f in (
                "audience_total",
                "audience_women",
                "audience_ethnic",
                "leaflets",
                "banners",
                "broadcasts",
                "articles",
                "other_products",
                "other_products_note",
                "cost",
                "cost_source",
                "result",
            )
        },  # fmt: skip
    }


def _campaign(c) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "year": c.year,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "org_unit": unit_ref(c.org_unit),
    }


def _role_model(r) -> dict:
    return {
        "id": r.pk,
        "org_unit": unit_ref(r.org_unit),
        "kind": r.kind,
        "name": r.name,
        "ethnicity": r.ethnicity,
        "commune": unit_ref(r.commune),
        "village": r.village,
        "role": r.role,
        "recognised_on": r.recognised_on,
        "recognised_by": r.recognised_by,
    }


@router.get("/activities", response=list[ActivityOut], summary="Activities the caller reads")
def list_activities(
    request,
    unit: int | None = Query(None, ge=1, le=MAX_ID),
    year: int | None = Query(None, ge=1900, le=2200),
    channel: Channel | None = None,
    topic: Topic | None = None,
    campaign: int | None = Query(None, ge=1, le=MAX_ID),
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    filters = selectors.ActivityFilters(
        unit=unit, year=year, channel=channel or "", topic=topic or "", campaign=campaign,
        date_from=date_from, date_to=date_to,
    )  # fmt: skip
    qs = selectors.search_activities(request.user, filters)
    return [_activity(a) for a in qs[offset : offset + limit]]


@router.get("/activities/{activity_id}", response=ActivityOut, summary="One activity")
def get_activity(request, activity_id: int = Path(..., ge=1, le=MAX_ID)):
    return _activity(selectors.activity_for(request.user, activity_id))


@router.post(
    "/activities",
    response={201: ActivityOut, 400: ErrorOut},
    summary="Record an activity of a unit the caller records for",
)
def create_activity(request, payload: ActivityIn):
    unit = recording_unit(selectors.editable_units(request.user), payload.org_unit_id)
    data = payload.dict()
    data["org_unit"] = unit
    data["place"] = chosen(selectors.place_choices(request.user), payload.place_id)
    data["task"] = chosen(selectors.task_choices(request.user), payload.task_id)
    data["campaign"] = chosen(selectors.visible_campaigns(request.user), payload.campaign_id)
    for key, found in (("place_id", data["place"]), ("task_id", data["task"]),
                       ("campaign_id", data["campaign"])):  # fmt: skip
        if getattr(payload, key) and found is None:
            return Status(400, {"detail": str(_unknown(key))})
    try:
        activity = services.activity_create(actor=request.user, data=data)
    except CommunicationError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _activity(selectors.activity_for(request.user, activity.pk)))


def _unknown(key: str):
    from django.utils.translation import gettext as _

    return {
        "place_id": _("The place must be a commune, ward or township."),
        "task_id": _("Choose a task of a directive you can read."),
        "campaign_id": _("Choose a campaign from the list."),
        "commune_id": _("The place must be a commune, ward or township."),
    }[key]


@router.get("/campaigns", response=list[CampaignOut], summary="Campaigns the caller sees")
def list_campaigns(request, year: int | None = Query(None, ge=1900, le=2200)):
    qs = selectors.visible_campaigns(request.user).select_related("org_unit")
    if year:
        qs = qs.filter(year=year)
    return [_campaign(c) for c in qs[:500]]


@router.get("/campaigns/{campaign_id}", response=CampaignOut, summary="One campaign")
def get_campaign(request, campaign_id: int = Path(..., ge=1, le=MAX_ID)):
    return _campaign(selectors.campaign_for(request.user, campaign_id))


@router.get("/role-models", response=list[RoleModelOut], summary="Role models the caller reads")
def list_role_models(
    request,
    unit: int | None = Query(None, ge=1, le=MAX_ID),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    qs = selectors.search_role_models(request.user, unit=unit)
    return [_role_model(r) for r in qs[offset : offset + limit]]


@router.get("/role-models/{role_model_id}", response=RoleModelOut, summary="One role model")
def get_role_model(request, role_model_id: int = Path(..., ge=1, le=MAX_ID)):
    return _role_model(selectors.role_model_for(request.user, role_model_id))


@router.post(
    "/role-models",
    response={201: RoleModelOut, 400: ErrorOut},
    summary="Record a role model for a unit the caller records for",
)
def create_role_model(request, payload: RoleModelIn):
    unit = recording_unit(selectors.editable_units(request.user), payload.org_unit_id)
    data = payload.dict()
    data["org_unit"] = unit
    data["commune"] = chosen(selectors.place_choices(request.user), payload.commune_id)
    if payload.commune_id and data["commune"] is None:
        return Status(400, {"detail": str(_unknown("commune_id"))})
    try:
        found = services.role_model_create(actor=request.user, data=data)
    except CommunicationError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _role_model(selectors.role_model_for(request.user, found.pk)))

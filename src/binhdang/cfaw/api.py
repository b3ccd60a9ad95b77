"""/api/v1/cfaw/: the committees, their members on a date and kiện toàn decisions; members,
programme items and meetings as records (`/{kind}`: members, programme, meetings), scoped
exactly like the pages."""

from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status

from binhdang.core.api import MAX_ID
from binhdang.leadership.api_records import Problem, UnitRef, add_routes

from . import selectors, services
from .types import TYPES

router = Router(tags=["cfaw"])
PREFIX = "cfaw"


class MemberOut(Schema):
    id: int
    full_name: str
    post: str
    from_body: str
    sex: str
    starts_on: date
    ends_on: date | None


class CommitteeOut(Schema):
    id: int
    name: str
    level: str
    unit: UnitRef


class CommitteeDetail(CommitteeOut):
    on: date
    members: list[MemberOut]


class NewMemberIn(Schema):
    full_name: str
    post: str
    from_body: str
    sex: str
    job_title: str = ""


class DecisionIn(Schema):
    number: str
    signed_on: date
    signer: str = ""
    summary: str = ""
    leave: list[int] = []
    join: list[NewMemberIn] = []


class DecisionOut(Schema):
    id: int
    number: str
    signed_on: date


def _committee_out(c) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "level": c.level,
        "unit": {"id": c.org_unit_id, "name": c.org_unit.name},
    }


def _committee(request, committee_id: int):
    if not 0 < committee_id <= MAX_ID:
        raise Http404
    return selectors.committee_for(request.user, committee_id)


@router.get("/committees", response=list[CommitteeOut], summary="Committees in your scope")
def committees(request):
    if not selectors.committee_units(request.user).exists():
        raise Http404
    return [_committee_out(c) for c in selectors.committees(request.user)[:1000]]


@router.get(
    "/committees/{committee_id}",
    response=CommitteeDetail,
    summary="A committee with its members on a date (today by default)",
)
def committee(request, committee_id: int, on: date | None = None):
    c = _committee(request, committee_id)
    on = on or timezone.localdate()
    members = services.members_on(c, on)
    return {**_committee_out(c), "on": on, "members": list(members)}


@router.post(
    "/committees/{committee_id}/decisions",
    response={201: DecisionOut, 422: Problem},
    summary="Record a kiện toàn decision: close and open memberships at once",
)
def decision_create(request, committee_id: int, payload: DecisionIn):
    c = _committee(request, committee_id)
    if not services.may_manage(request.user, c.org_unit):
        raise Http404
    try:
        decision = services.reconstitute(
            actor=request.user,
            committee=c,
            number=payload.number,
            signed_on=payload.signed_on,
            signer=payload.signer,
            summary=payload.summary,
            leave=payload.leave,
            join=[services.NewMember(**m.dict()) for m in payload.join],
        )
    except services.CommitteeError as exc:
        return Status(422, {"detail": str(exc), "errors": exc.errors})
    return Status(
        201, {"id": decision.pk, "number": decision.number, "signed_on": decision.signed_on}
    )


def _resolve(kind: str):
    rtype = TYPES.get(kind)
    if rtype is None:
        raise Http404
    return rtype


add_routes(router, TYPES, _resolve, "cfaw")

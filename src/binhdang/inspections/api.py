"""/api/v1/inspections/: inspections and checks, complaints and denunciations, scoped exactly
like the pages (out of scope is 404). A complaint never carries its complainant's identity;
the identity has its own operation, for the complaint's handlers, each call audited."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status

from binhdang.audit.services import record_access
from binhdang.core.api import MAX_ID, UnitRef

from . import deadlines, selectors, services
from .models import Acceptance, Channel, ComplaintKind, Complexity, InspectionKind, Outcome

router = Router(tags=["inspections"])
PREFIX = "inspections"


class FollowUpOut(Schema):
    id: int
    text: str
    responsible_unit: UnitRef | None
    due_on: datetime.date | None
    status: str
    done_on: datetime.date | None


class InspectionOut(Schema):
    id: int
    org_unit: UnitRef
    kind: InspectionKind
    title: str
    plan: str
    inspected_units: list[UnitRef]
    started_on: datetime.date
    ended_on: datetime.date | None
    scope_law: bool
    scope_strategy: bool
    scope_dv: bool
    findings: str
    recommendations: str
    follow_ups: list[FollowUpOut]


class InspectionIn(Schema):
    org_unit_id: int
    kind: InspectionKind = InspectionKind.CHECK
    title: str
    plan: str = ""
    inspected_unit_ids: list[int]
    started_on: datetime.date
    ended_on: datetime.date | None = None
    scope_law: bool = False
    scope_strategy: bool = False
    scope_dv: bool = False
    findings: str = ""
    recommendations: str = ""


class DeadlineOut(Schema):
    step: str
    label: str
    due: datetime.date
    article: str


class ComplaintOut(Schema):
    id: int
    org_unit: UnitRef
    kind: ComplaintKind
    received_on: datetime.date
    channel: Channel
    respondent: str
    content: str
    complexity: Complexity
    remote_area: bool
    acceptance: Acceptance
    decided_on: datetime.date | None
    verified_on: datetime.date | None
    concluded_on: datetime.date | None
    outcome: Outcome
    next_deadline: DeadlineOut | None


class IdentityOut(Schema):
    name: str
    contact: str
    address: str


class Error(Schema):
    detail: str


def _unit(u) -> dict:
    return {"id": u.pk, "name": u.name}


def _inspection(i) -> dict:
    return {
        **{k: getattr(i, k) for k in (
            "kind", "title", "plan", "started_on", "ended_on", "scope_law", "scope_strategy",
            "scope_dv", "findings", "recommendations")},
        "id": i.pk,
        "org_unit": _unit(i.org_unit),
        "inspected_units": [_unit(u) for u in i.inspected_units.all()],
        "follow_ups": [
            {"id": f.pk, "text": f.text, "due_on": f.due_on, "status": f.status,
             "done_on": f.done_on,
             "responsible_unit": _unit(f.responsible_unit) if f.responsible_unit else None}
            for f in i.follow_ups.select_related("responsible_unit")
        ],
    }  # fmt: skip


def _complaint(c) -> dict:
    deadline = deadlines.next_deadline(c)
    return {
        **{k: getattr(c, k) for k in (
            "kind", "received_on", "channel", "respondent", "content", "complexity",
            "remote_area", "acceptance", "decided_on", "verified_on", "concluded_on",
            "outcome")},
        "id": c.pk,
        "org_unit": _unit(c.org_unit),
        "next_deadline": {"step": deadline.step, "label": deadline.label, "due": deadline.due,
                          "article": deadline.article} if deadline else None,
    }  # fmt: skip


@router.get("/", response=list[InspectionOut], summary="Inspections and checks")
def list_inspections(request, year: int | None = Query(None, ge=2000, le=2100)):
    if not selectors.viewable_inspection_units(request.user).exists():
        raise Http404
    found = selectors.search_inspections(request.user, selectors.InspectionFilters(year=year))
    return [_inspection(i) for i in found[:2000]]


@router.get("/complaints", response=list[ComplaintOut], summary="Complaints and denunciations")
def list_complaints(
    request,
    year: int | None = Query(None, ge=2000, le=2100),
    open_only: bool = False,
):
    if not selectors.viewable_complaint_units(request.user).exists():
        raise Http404
    filters = selectors.ComplaintFilters(year=year, open_only=open_only)
    return [_complaint(c) for c in selectors.search_complaints(request.user, filters)[:2000]]


@router.get("/complaints/{complaint_id}", response=ComplaintOut, summary="One complaint")
def get_complaint(request, complaint_id: int = Path(..., ge=1, le=MAX_ID)):
    return _complaint(selectors.complaint_for(request.user, complaint_id))


@router.get(
    "/complaints/{complaint_id}/identity",
    response=IdentityOut,
    summary="The complainant's identity, for the complaint's handlers (audited)",
)
def get_identity(request, complaint_id: int = Path(..., ge=1, le=MAX_ID)):
    complaint = selectors.complaint_for(request.user, complaint_id)
    identity = selectors.identity_for(request.user, complaint)
    record_access(
        actor=request.user,
        obj=complaint,
        org_unit=complaint.org_unit,
        request=request,
        action="complaint.identity.read",
    )
    return {"name": identity.name, "contact": identity.contact, "address": identity.address}


@router.get("/{inspection_id}", response=InspectionOut, summary="One inspection")
def get_inspection(request, inspection_id: int = Path(..., ge=1, le=MAX_ID)):
    return _inspection(selectors.inspection_for(request.user, inspection_id))


@router.post("/", response={201: InspectionOut, 400: Error}, summary="Record an inspection")
def create_inspection(request, payload: InspectionIn):
    user = request.user
    unit = selectors.inspection_units(user).filter(pk=payload.org_unit_id).first()
    if unit is None:
        raise Http404
    inspectable = selectors.inspectable_units(user)
    inspected = list(inspectable.filter(pk__in=payload.inspected_unit_ids))
    if len(inspected) != len(set(payload.inspected_unit_ids)):
        return Status(400, {"detail": _("Choose the inspected units among those you may name.")})
    values = payload.dict()
    values.pop("org_unit_id")
    values.pop("inspected_unit_ids")
    try:
        inspection = services.inspection_create(
            actor=user,
            data=services.InspectionData(org_unit=unit, inspected_units=inspected, **values),
        )
    except services.InspectionError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _inspection(selectors.inspection_for(user, inspection.pk)))

"""/api/v1/directives/: the register, scoped exactly like the pages (out of scope is 404)."""

from datetime import date

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status

from binhdang.core.api import MAX_ID, ErrorOut, UnitRef

from . import selectors, services
from .models import AssignmentStatus, Directive, DirectiveStatus, DirectiveType, Progress

router = Router(tags=["directives"])
PREFIX = "directives"


class DirectiveSummary(Schema):
    id: int
    doc_type: DirectiveType
    number_symbol: str
    issued_on: date
    issuing_unit: UnitRef
    subject: str
    status: DirectiveStatus
    implements_id: int | None


class LegalBasisOut(Schema):
    text: str
    footnote_marker: str
    cited_directive_id: int | None = Field(
        None, description="Present only when the caller may see the cited directive."
    )


class TaskOut(Schema):
    id: int
    number: str
    parent_id: int | None
    title: str
    text: str
    due_on: date | None
    recurrence: str
    window: str = Field("", description="dd/mm – dd/mm for a yearly task")
    lead_units: list[UnitRef]
    cooperating_units: list[UnitRef]


class DirectiveDetail(DirectiveSummary):
    place: str
    drafting_unit: UnitRef | None
    signing_authority: str
    signer_title: str
    signer_name: str
    addressees: list[str]
    recipient_units: list[UnitRef]
    recipient_groups: list[str]
    legal_bases: list[LegalBasisOut]
    intro: str
    closing: str
    distribution_list: list[str]
    tasks: list[TaskOut]
    implemented_by: list[int]


class AssignmentOut(Schema):
    id: int
    directive_id: int
    directive_number_symbol: str
    task_id: int
    task_number: str
    org_unit: UnitRef
    role: str
    status: AssignmentStatus = Field(..., description="The status the unit recorded.")
    progress: Progress = Field(
        ...,
        description="How far the unit has got as the pages show it: for a task that asks for "
        "the unit's report, the state of that report in the linked reporting round.",
    )
    due_on: date | None
    overdue: bool


class StatusIn(Schema):
    status: AssignmentStatus
    note: str = ""


def _unit(u) -> dict:
    return {"id": u.pk, "name": u.name}


def _summary(d: Directive) -> dict:
    return {
        "id": d.pk,
        "doc_type": d.doc_type,
        "number_symbol": d.number_symbol,
        "issued_on": d.issued_on,
        "issuing_unit": _unit(d.issuing_unit),
        "subject": d.subject,
        "status": d.status,
        "implements_id": d.implements_id,
    }


def _task(t) -> dict:
    return {
        "id": t.pk,
        "number": t.number,
        "parent_id": t.parent_id,
        "title": t.title,
        "text": t.text,
        "due_on": t.due_on,
        "recurrence": t.recurrence,
        "window": t.window_display(),
        "lead_units": [_unit(u) for u in t.lead_units.all()],
        "cooperating_units": [_unit(u) for u in t.cooperating_units.all()],
    }


def _assignment(a) -> dict:
    return {
        "id": a.pk,
        "directive_id": a.task.directive_id,
        "directive_number_symbol": a.task.directive.number_symbol,
        "task_id": a.task_id,
        "task_number": a.task.number,
        "org_unit": _unit(a.org_unit),
        "role": a.role,
        "status": a.status,
        "progress": a.shown_progress,
        "due_on": a.task.due_on,
        "overdue": a.is_overdue(),
    }


@router.get("/assignments", response=list[AssignmentOut], summary="The caller's units' tasks")
def my_assignments(
    request, open_only: bool = False, unit: int | None = Query(None, ge=1, le=MAX_ID)
):
    qs = selectors.my_task_assignments(request.user, unit=unit, open_only=open_only)
    return [_assignment(a) for a in qs[:1000]]


@router.post(
    "/assignments/{assignment_id}/status",
    response={200: AssignmentOut, 400: ErrorOut},
    summary="Update a unit's status on a task, with a progress note",
)
def update_assignment_status(
    request, payload: StatusIn, assignment_id: int = Path(..., ge=1, le=MAX_ID)
):
    assignment = selectors.assignment_for(request.user, assignment_id)
    if not selectors.can_update_assignment(request.user, assignment):
        raise Http404
    try:
        assignment = services.task_assignment_update_status(
            actor=request.user, assignment=assignment, status=payload.status, note=payload.note
        )
    except services.DirectiveError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _assignment(selectors.assignment_for(request.user, assignment.pk)))


@router.get("/", response=list[DirectiveSummary], summary="The register, filtered")
def list_directives(
    request,
    q: str = Query("", max_length=200),
    year: int | None = Query(None, ge=1900, le=2200),
    issuing_unit: int | None = Query(None, ge=1, le=MAX_ID),
    doc_type: DirectiveType | None = None,
    status: DirectiveStatus | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    filters = selectors.DirectiveFilters(
        year=year, issuing_unit=issuing_unit, doc_type=doc_type, status=status, text=q
    )
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    qs = selectors.search_directives(request.user, filters)
    return [_summary(d) for d in qs[offset : offset + limit]]


@router.get("/{directive_id}", response=DirectiveDetail, summary="One directive in full")
def get_directive(request, directive_id: int = Path(..., ge=1, le=MAX_ID)):
    d = selectors.directive_for(request.user, directive_id)
    bases = selectors.legal_bases(request.user, d)
    return {
        **_summary(d),
        "place": d.place,
        "drafting_unit": _unit(d.drafting_unit) if d.drafting_unit else None,
        "signing_authority": d.signing_authority,
        "signer_title": d.signer_title,
        "signer_name": d.signer_name,
        "addressees": d.addressee_list(),
        "recipient_units": [_unit(u) for u in d.recipient_units.all()],
        "recipient_groups": [g.name for g in d.recipient_groups.all()],
        "legal_bases": [
            {
                "text": b.text,
                "footnote_marker": b.footnote_marker,
                "cited_directive_id": b.visible_link.pk if b.visible_link else None,
            }
            for b in bases
        ],
        "intro": d.intro,
        "closing": d.closing,
        "distribution_list": d.distribution_lines(),
        "tasks": [_task(t) for t in selectors.directive_tasks(request.user, d)],
        "implemented_by": [x.pk for x in selectors.chain_down(request.user, d)],
    }


@router.get("/{directive_id}/tasks", response=list[TaskOut], summary="A directive's task tree")
def get_tasks(request, directive_id: int = Path(..., ge=1, le=MAX_ID)):
    d = selectors.directive_for(request.user, directive_id)
    return [_task(t) for t in selectors.directive_tasks(request.user, d)]


@router.get(
    "/{directive_id}/assignments",
    response=list[AssignmentOut],
    summary="Assignments of a directive the caller may see",
)
def get_directive_assignments(request, directive_id: int = Path(..., ge=1, le=MAX_ID)):
    d = selectors.directive_for(request.user, directive_id)
    return [_assignment(a) for a in selectors.directive_assignments(request.user, d)]

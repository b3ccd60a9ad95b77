"""/api/v1/reporting/: rounds, completeness, submissions and attachments, scoped like the pages
(out of scope is 404). Domain errors come back as 400 (invalid), 409 (stale version or wrong
state) with {"detail": message, "errors": {...}, "version": n}."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from . import selectors, services
from .models import ReportingRound, Submission

router = Router(tags=["reporting"])
PREFIX = "reporting"


class UnitRef(Schema):
    id: int
    name: str


class RoundOut(Schema):
    id: int
    slug: str
    title: str
    directive_id: int | None
    owner_unit: UnitRef
    standing_office: UnitRef
    report_type: str = Field(description="periodic | thematic | ad_hoc (Decree 09/2019/NĐ-CP)")
    period_type: str = Field(description="the frequency: year | half | quarter | month")
    period_year: int
    period_number: int | None
    cutoff_from: date = Field(description="first day of the data the reports count")
    cutoff_to: date = Field(description="last day of the data the reports count (included)")
    opens_on: date
    deadline: date
    report_template: str = Field(description="the outline and data forms of the report")
    delivery_method: str = Field(description="how reports are sent")
    soft_copy_email: str
    requires_head_approval: bool
    status: str


class SectionOut(Schema):
    id: int
    number: str
    title: str
    task_id: int | None
    parts: list[str]


class FieldOut(Schema):
    id: int
    code: str
    label: str
    unit_of_measure: str
    value_type: str
    section_id: int | None
    part_of_id: int | None
    numerator_id: int | None
    denominator_id: int | None
    data_element_code: str
    disaggregation: str
    computed_from: str  # the figure counted from the records ("" when the units type it)


class RoundDetail(RoundOut):
    sections: list[SectionOut]
    fields: list[FieldOut]


class Counts(Schema):
    expected: int
    on_time: int
    late: int
    returned: int
    awaiting_approval: int
    draft: int
    missing: int
    accepted: int


class GroupCounts(Counts):
    unit_group_id: int | None
    unit_group_name: str | None


class UnitStatus(Schema):
    unit_id: int
    unit_name: str
    unit_group: str | None
    status: str  # on_time | late | returned | awaiting_approval | draft | missing
    submission_status: str | None
    first_submitted_at: datetime | None
    accepted_at: datetime | None


class CompletenessOut(Schema):
    totals: Counts
    groups: list[GroupCounts]
    units: list[UnitStatus]


class AnswerOut(Schema):
    section_id: int
    part: str
    text: str


class ValueOut(Schema):
    code: str
    value: Decimal


class AttachmentOut(Schema):
    id: int
    original_name: str
    kind: str
    size: int
    on_behalf: bool
    uploaded_at: datetime


class SubmissionOut(Schema):
    id: int | None
    round: str
    unit: UnitRef
    status: str
    version: int
    is_late: bool | None
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    # When it was last saved; a report not yet sent, read outside its unit, shows this and
    # `text_hidden` but no answers, values or unit attachments.
    updated_at: datetime | None = None
    text_hidden: bool = False
    answers: list[AnswerOut]
    values: list[ValueOut]
    attachments: list[AttachmentOut]


class DraftIn(Schema):
    version: int
    answers: dict[str, str] = {}  # "<section_id>:<part>" -> text
    # field code -> a JSON number (1234.5), or text written the Vietnamese way ("1.234,5");
    # empty or null clears.
    values: dict[str, int | float | str | None] = {}
    # field code -> why the number differs from the one counted from the records
    explanations: dict[str, str] = {}


class VersionIn(Schema):
    version: int | None = None


class ReturnIn(Schema):
    comments: dict[int, str] = {}  # section id -> comment
    general: str = ""
    version: int | None = None  # the version the reviewer read: 409 when a newer one exists


class ReasonIn(Schema):
    reason: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] = {}
    version: int | None = None


def _round_out(r: ReportingRound) -> dict:
    return {
        **{
            k: getattr(r, k)
            for k in RoundOut.model_fields
            if k not in {"owner_unit", "standing_office", "cutoff_from", "cutoff_to"}
        },
        **dict(zip(("cutoff_from", "cutoff_to"), r.cutoff_window, strict=True)),
        "owner_unit": {"id": r.owner_unit_id, "name": r.owner_unit.name},
        "standing_office": {"id": r.standing_office_id, "name": r.standing_office.name},
    }


def _submission_out(user, reporting_round, unit, submission: Submission | None) -> dict:
    if submission is None:
        return {
            "id": None, "round": reporting_round.slug, "unit": {"id": unit.pk, "name": unit.name},
            "status": "not_started", "version": 0, "is_late": None, "first_submitted_at": None,
            "submitted_at": None, "accepted_at": None, "answers": [], "values": [],
            "attachments": [],
        }  # fmt: skip
    content = selectors.submission_content(user, submission)
    fields = {f.pk: f.code for f in selectors.form_fields(user, reporting_round)}
    return {
        "id": submission.pk,
        "round": reporting_round.slug,
        "unit": {"id": unit.pk, "name": unit.name},
        "status": submission.status,
        "version": submission.version,
        "is_late": submission.is_late,
        "first_submitted_at": submission.first_submitted_at,
        "submitted_at": submission.submitted_at,
        "accepted_at": submission.accepted_at,
        "updated_at": submission.updated_at,
        "text_hidden": content.hidden,
        "answers": [
            {"section_id": section_id, "part": part, "text": text}
            for (section_id, part), text in content.answers.items()
        ],
        "values": [
            {"code": fields[field_id], "value": value}
            for field_id, value in content.values.items()
            if field_id in fields
        ],
        "attachments": content.attachments,
    }


def _error(exc: services.ReportingError, current=None):
    if isinstance(exc, services.StaleDraft):
        return Status(409, {"detail": str(exc), "version": exc.current_version})
    if isinstance(exc, services.InvalidSubmission):
        return Status(400, {"detail": str(exc), "errors": exc.errors})
    return Status(409, {"detail": str(exc)})


def _unit(request, slug: str, unit_id: int):
    reporting_round, unit = selectors.round_and_unit(request.user, slug, unit_id)
    return reporting_round, unit, selectors.submission_of(request.user, reporting_round, unit)


def _existing(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _unit(request, slug, unit_id)
    if submission is None:
        raise Http404
    return reporting_round, unit, submission


@router.get("/rounds", response=list[RoundOut], summary="Rounds you may see")
def list_rounds(request, limit: int = 100):
    rounds = selectors.visible_rounds(request.user).order_by("-deadline", "-id")
    return [_round_out(r) for r in rounds[: max(1, min(limit, 500))]]


@router.get("/rounds/{slug}", response=RoundDetail, summary="A round and its report form")
def get_round(request, slug: str):
    reporting_round = selectors.round_for(request.user, slug)
    sections, _loose = selectors.form_of(request.user, reporting_round)
    return {
        **_round_out(reporting_round),
        "sections": [
            {
                "id": s.pk,
                "number": s.number,
                "title": s.title,
                "task_id": s.task_id,
                "parts": [p for p, _label in s.part_list()],
            }
            for s in sections
        ],  # fmt: skip
        "fields": list(selectors.round_fields(request.user, reporting_round)),
    }


@router.get(
    "/rounds/{slug}/completeness",
    response=CompletenessOut,
    summary="Completeness and timeliness (the round's issuer and standing office)",
)
def get_completeness(request, slug: str, bucket: str = "", group: str = "", q: str = ""):
    reporting_round = selectors.round_for(request.user, slug)
    data = selectors.completeness(request.user, reporting_round, bucket=bucket, group=group, q=q)
    return {
        "totals": data.totals,
        "groups": [{**g, "unit_group_name": g["unit_group__name"]} for g in data.groups],
        "units": [
            {
                "unit_id": row["org_unit_id"],
                "unit_name": row["org_unit__name"],
                "unit_group": row["unit_group__name"],
                "status": selectors.row_bucket(row),
                "submission_status": row["submission__status"],
                "first_submitted_at": row["submission__first_submitted_at"],
                "accepted_at": row["submission__accepted_at"],
            }
            for row in data.rows
        ],
    }


@router.get("/rounds/{slug}/units/{unit_id}", response=SubmissionOut, summary="A unit's submission")
def get_submission(request, slug: str, unit_id: int):
    return _submission_out(request.user, *_unit(request, slug, unit_id))


@router.put(
    "/rounds/{slug}/units/{unit_id}/draft",
    response={200: SubmissionOut, 400: ErrorOut, 409: ErrorOut},
    summary="Save the draft (send the version you loaded; 409 when newer work exists)",
)
def save_draft(request, slug: str, unit_id: int, payload: DraftIn):
    reporting_round, unit, submission = _unit(request, slug, unit_id)
    if not selectors.can_edit_for(request.user, unit):
        raise Http404
    try:
        submission = services.submission_save(
            actor=request.user,
            reporting_round=reporting_round,
            org_unit=unit,
            submission=submission,
            data={
                "answers": payload.answers,
                "values": payload.values,
                "explanations": payload.explanations,
            },
            expected_version=payload.version,
        )
    except services.ReportingError as exc:
        return _error(exc)
    return Status(200, _submission_out(request.user, reporting_round, unit, submission))


def _action(request, slug, unit_id, call):
    reporting_round, unit, submission = _existing(request, slug, unit_id)
    try:
        call(submission)
    except services.ReportingError as exc:
        return _error(exc)
    return Status(200, _submission_out(request.user, reporting_round, unit, submission))


ACTION = {200: SubmissionOut, 400: ErrorOut, 409: ErrorOut}


@router.post("/rounds/{slug}/units/{unit_id}/submit", response=ACTION, summary="Send the report")
def submit(request, slug: str, unit_id: int, payload: VersionIn):
    return _action(
        request, slug, unit_id,
        lambda s: services.submission_submit(
            actor=request.user, submission=s, expected_version=payload.version
        ),
    )  # fmt: skip


@router.post(
    "/rounds/{slug}/units/{unit_id}/approve", response=ACTION, summary="Unit head approves"
)
def approve(request, slug: str, unit_id: int):
    return _action(
        request,
        slug,
        unit_id,
        lambda s: services.submission_approve(actor=request.user, submission=s),
    )


@router.post(
    "/rounds/{slug}/units/{unit_id}/return",
    response=ACTION,
    summary="Standing office returns it with comments per section",
)
def return_submission(request, slug: str, unit_id: int, payload: ReturnIn):
    return _action(
        request, slug, unit_id,
        lambda s: services.submission_return(
            actor=request.user, submission=s, comments=payload.comments,
            general=payload.general, expected_version=payload.version,
        ),
    )  # fmt: skip


@router.post(
    "/rounds/{slug}/units/{unit_id}/accept",
    response=ACTION,
    summary="Accept and lock (?version=n: the version read; 409 when a newer one exists)",
)
def accept(request, slug: str, unit_id: int, version: int | None = None):
    return _action(
        request,
        slug,
        unit_id,
        lambda s: services.submission_accept(
            actor=request.user, submission=s, expected_version=version
        ),
    )


@router.post(
    "/rounds/{slug}/units/{unit_id}/reopen", response=ACTION, summary="Reopen (reason required)"
)
def reopen(request, slug: str, unit_id: int, payload: ReasonIn):
    return _action(
        request, slug, unit_id,
        lambda s: services.submission_reopen(actor=request.user, submission=s, reason=payload.reason),
    )  # fmt: skip


@router.get(
    "/rounds/{slug}/units/{unit_id}/attachments",
    response=list[AttachmentOut],
    summary="Files attached to a submission",
)
def list_attachments(request, slug: str, unit_id: int):
    _round, _unit_obj, submission = _unit(request, slug, unit_id)
    return selectors.submission_content(request.user, submission).attachments


@router.post(
    "/rounds/{slug}/units/{unit_id}/attachments",
    response={200: AttachmentOut, 400: ErrorOut, 409: ErrorOut},
    summary="Attach a .docx, .xlsx or .pdf (the standing office: an e-mailed copy)",
)
def upload_attachment(
    request, slug: str, unit_id: int, file: File[UploadedFile], kind: Form[str] = "supporting"
):
    reporting_round, unit, submission = _unit(request, slug, unit_id)
    user = request.user
    if not (selectors.can_edit_for(user, unit) or selectors.can_review(user, reporting_round)):
        raise Http404
    try:
        if submission is None:
            submission = services.submission_start(
                actor=user, reporting_round=reporting_round, org_unit=unit
            )
        attachment = services.attachment_add(
            actor=user, submission=submission, uploaded=file, kind=kind
        )
    except services.ReportingError as exc:
        error = _error(exc)
        if error.status_code == 409 and not isinstance(exc, services.StaleDraft):
            return Status(400, error.value)
        return error
    return Status(200, attachment)

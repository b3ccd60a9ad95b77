"""Reads of reporting rounds and submissions, always given the user.

Who sees what:
- the round's issuer and standing office (ROUND_VIEW on `owner_unit` or `standing_office`,
  which includes their superiors by subtree scope) see the whole round and every submission;
- a unit expected to answer sees the round and its own submission (SUBMISSION_VIEW on that
  unit), never another unit's;
- anyone else: 404. Draft rounds are seen only by those who may manage them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from binhdang.accounts.models import Membership
from binhdang.accounts.permissions import (
    REPORT_CONSOLIDATE,
    ROUND_MANAGE,
    ROUND_VIEW,
    SUBMISSION_APPROVE,
    SUBMISSION_EDIT,
    SUBMISSION_REVIEW,
    SUBMISSION_VIEW,
    Role,
    roles_with,
)
from binhdang.accounts.scoping import has_permission, units_for
from binhdang.formats.numbers import NumberError, format_number, input_value, parse_id, parse_number
from binhdang.formats.text import fold
from binhdang.orgunits.models import OrgUnit

from .models import (
    ALL_PARTS,
    ExpectedUnit,
    NarrativePart,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionStatus,
    ValueType,
)

# ---------------------------------------------------------------- permission questions


def _on_round(user, permission: str, reporting_round: ReportingRound) -> bool:
    return has_permission(user, permission, reporting_round.owner_unit) or has_permission(
        user, permission, reporting_round.standing_office
    )


def can_oversee(user, reporting_round: ReportingRound) -> bool:
    """Sees the whole round: completeness and every unit's submission."""
    return _on_round(user, ROUND_VIEW, reporting_round)


def can_manage(user, reporting_round: ReportingRound) -> bool:
    return _on_round(user, ROUND_MANAGE, reporting_round)


def can_review(user, reporting_round: ReportingRound) -> bool:
    return _on_round(user, SUBMISSION_REVIEW, reporting_round)


def can_edit_for(user, unit: OrgUnit) -> bool:
    """May write the unit's own report: its reporters and head, or (for a territorial unit
    reporting upward) a standing office member placed on exactly that unit."""
    if has_permission(user, SUBMISSION_EDIT, unit):
        return True
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.filter(
            user=user, org_unit=unit, role__in=roles_with(REPORT_CONSOLIDATE)
        ).exists()
        and unit.is_territorial
    )


def can_approve_for(user, unit: OrgUnit) -> bool:
    return has_permission(user, SUBMISSION_APPROVE, unit)


def can_view_unit(user, reporting_round: ReportingRound, unit: OrgUnit) -> bool:
    return can_oversee(user, reporting_round) or has_permission(user, SUBMISSION_VIEW, unit)


# ---------------------------------------------------------------- rounds


def visible_rounds(user) -> QuerySet[ReportingRound]:
    """Rounds the user may open: those they issue or follow, and those their units answer."""
    oversee = units_for(user, ROUND_VIEW)
    manage = units_for(user, ROUND_MANAGE)
    own = units_for(user, SUBMISSION_VIEW)
    answered = ExpectedUnit.objects.filter(round=OuterRef("pk"), org_unit__in=own)
    qs = ReportingRound.objects.filter(
        Q(owner_unit__in=oversee) | Q(standing_office__in=oversee) | Exists(answered)
    )
    # Draft rounds are work in progress of their standing office.
    return qs.filter(
        ~Q(status=RoundStatus.DRAFT) | Q(owner_unit__in=manage) | Q(standing_office__in=manage)
    ).select_related("owner_unit", "standing_office", "directive")


def round_for(user, slug: str) -> ReportingRound:
    """One visible round, or 404."""
    reporting_round = visible_rounds(user).filter(slug=slug).first()
    if reporting_round is None:
        raise Http404
    return reporting_round


def my_units_in_round(user, reporting_round: ReportingRound) -> QuerySet[OrgUnit]:
    """The expected units of the round the user answers for: units they may write a report
    for, and the unit of their own membership (a district answering its province's round).
    Units they only oversee are in the completeness table, not here."""
    if not user.is_authenticated:
        return OrgUnit.objects.none()
    own = Q(org_unit__in=units_for(user, SUBMISSION_EDIT)) | Q(
        org_unit__in=Membership.objects.filter(user=user).values("org_unit")
    )
    return OrgUnit.objects.filter(
        pk__in=ExpectedUnit.objects.filter(own, round=reporting_round).values("org_unit")
    ).order_by("name")


def my_unit_rows(user, reporting_round: ReportingRound) -> list[dict]:
    """[{"unit", "submission"}] for the user's own units in the round, in two queries."""
    units = list(my_units_in_round(user, reporting_round))
    submissions = {
        s.org_unit_id: s
        for s in Submission.objects.filter(round=reporting_round, org_unit__in=units)
    }
    return [{"unit": u, "submission": submissions.get(u.pk)} for u in units]


def unit_in_round(user, reporting_round: ReportingRound, unit_id: int) -> OrgUnit:
    """An expected unit of the round that the user may see, or 404."""
    row = (
        ExpectedUnit.objects.filter(round=reporting_round, org_unit_id=unit_id)
        .select_related("org_unit")
        .first()
    )
    if row is None or not can_view_unit(user, reporting_round, row.org_unit):
        raise Http404
    return row.org_unit


def submission_of(reporting_round: ReportingRound, unit: OrgUnit) -> Submission | None:
    """The unit's submission (the caller has already checked the unit is visible)."""
    return Submission.objects.filter(round=reporting_round, org_unit=unit).first()


def form_of(reporting_round: ReportingRound):
    """(sections with their numeric fields, fields without a section), in order."""
    sections = list(reporting_round.sections.prefetch_related("fields").order_by("position"))
    loose = list(reporting_round.fields.filter(section__isnull=True).order_by("position"))
    return sections, loose


# ---------------------------------------------------------------- completeness

BUCKETS = ["on_time", "late", "returned", "awaiting_approval", "draft", "missing"]


def _bucket_q(bucket: str, prefix: str = "submission__") -> Q:
    status = f"{prefix}status"
    late = f"{prefix}is_late"
    return {
        "on_time": Q(**{f"{status}__in": ["submitted", "accepted"], late: False}),
        "late": Q(**{f"{status}__in": ["submitted", "accepted"], late: True}),
        "returned": Q(**{status: SubmissionStatus.RETURNED}),
        "awaiting_approval": Q(**{status: SubmissionStatus.AWAITING_APPROVAL}),
        "draft": Q(**{status: SubmissionStatus.DRAFT}),
        "missing": Q(**{f"{prefix[:-2]}__isnull": True}),
    }[bucket]


def _counts() -> dict:
    counts = {b: Count("pk", filter=_bucket_q(b)) for b in BUCKETS}
    counts["expected"] = Count("pk")
    counts["accepted"] = Count("pk", filter=Q(submission__status=SubmissionStatus.ACCEPTED))
    return counts


@dataclass
class Completeness:
    totals: dict
    groups: list[dict]
    rows: QuerySet
    filtered_count: int = 0
    group_choices: list = field(default_factory=list)


SORTS = {
    "name": ("org_unit__name",),
    "-name": ("-org_unit__name",),
    "status": ("submission__status", "org_unit__name"),
    "submitted": ("submission__first_submitted_at", "org_unit__name"),
    "-submitted": ("-submission__first_submitted_at", "org_unit__name"),
    "group": ("unit_group__name", "org_unit__name"),
}


def completeness(
    user,
    reporting_round: ReportingRound,
    *,
    bucket: str = "",
    group: str = "",
    q: str = "",
    sort: str = "name",
) -> Completeness:
    """Counts per round and per unit group, and the filtered per-unit rows (a lazy queryset
    of dicts), all computed in the database. 404 unless the user oversees the round."""
    if not can_oversee(user, reporting_round):
        raise Http404
    base = ExpectedUnit.objects.filter(round=reporting_round)
    totals = base.aggregate(**_counts())
    groups = list(
        base.values("unit_group_id", "unit_group__name")
        .annotate(**_counts())
        .order_by("unit_group__name")
    )
    rows = base
    if bucket in BUCKETS:
        rows = rows.filter(_bucket_q(bucket))
    elif bucket == "accepted":
        rows = rows.filter(submission__status=SubmissionStatus.ACCEPTED)
    elif bucket == "to_review":
        rows = rows.filter(submission__status=SubmissionStatus.SUBMITTED)
    if group == "none":
        rows = rows.filter(unit_group__isnull=True)
    elif (group_id := parse_id(group)) is not None:
        rows = rows.filter(unit_group_id=group_id)
    for word in fold(q).split():
        rows = rows.filter(org_unit__search_text__contains=word)
    rows = rows.order_by(*SORTS.get(sort, SORTS["name"])).values(
        "org_unit_id",
        "org_unit__name",
        "org_unit__code",
        "unit_group__name",
        "submission__status",
        "submission__is_late",
        "submission__first_submitted_at",
        "submission__submitted_at",
        "submission__accepted_at",
        "submission__returned_at",
        "submission__updated_at",
    )
    return Completeness(
        totals=totals,
        groups=groups,
        rows=rows,
        group_choices=[(g["unit_group_id"], g["unit_group__name"]) for g in groups],
    )


def row_bucket(row: dict) -> str:
    status = row["submission__status"]
    if status is None:
        return "missing"
    if status in ("submitted", "accepted"):
        return "late" if row["submission__is_late"] else "on_time"
    return status


# ---------------------------------------------------------------- work lists


def rounds_to_answer(user) -> QuerySet[ExpectedUnit]:
    """Open rounds the user's units must answer (reporters and heads), with their status."""
    units = units_for(user, SUBMISSION_EDIT)
    return (
        ExpectedUnit.objects.filter(round__status=RoundStatus.OPEN, org_unit__in=units)
        .select_related("round", "org_unit", "submission")
        .order_by("round__deadline")
    )


def rounds_to_review(user) -> QuerySet[ReportingRound]:
    """Open rounds with submissions waiting for the user's review, with the count."""
    units = units_for(user, SUBMISSION_REVIEW)
    return (
        ReportingRound.objects.filter(status=RoundStatus.OPEN)
        .filter(Q(owner_unit__in=units) | Q(standing_office__in=units))
        .annotate(
            waiting=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED))
        )
        .filter(waiting__gt=0)
        .order_by("deadline")
    )


def unit_contacts(unit_ids) -> QuerySet:
    """Active users who report for or head these units (membership on exactly the unit)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__org_unit_id__in=list(unit_ids),
            memberships__role__in=[Role.REPORTER, Role.UNIT_HEAD],
        )
        .distinct()
    )


def office_contacts(reporting_round: ReportingRound) -> QuerySet:
    """Standing office members of the round (placed on its standing office or owner unit)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__org_unit_id__in=[
                reporting_round.standing_office_id,
                reporting_round.owner_unit_id,
            ],
            memberships__role=Role.STANDING_OFFICE,
        )
        .distinct()
    )


def accepted_submissions(reporting_round: ReportingRound) -> QuerySet[Submission]:
    """Accepted submissions of a round with answers, values and attachments prefetched: what
    consolidation builds on. Not user-scoped: the caller checks `can_oversee` first."""
    return (
        Submission.objects.filter(round=reporting_round, status=SubmissionStatus.ACCEPTED)
        .select_related("org_unit", "expected_row__unit_group")
        .prefetch_related("answers__section", "values__field", "attachments")
        .order_by("org_unit__name")
    )


# ---------------------------------------------------------------- a draft saved elsewhere


@dataclass
class Conflict:
    """One answer or number whose text on the server (`theirs`, saved elsewhere) differs from
    the text the user just tried to save (`mine`). `key` is the form field name."""

    key: str
    label: str
    theirs: str
    mine: str
    is_number: bool = False
    shown_theirs: str = ""


def draft_conflicts(submission: Submission, data: dict) -> list[Conflict]:
    """What differs between the stored draft and `data` (the form's answers and values as
    services.submission_save_draft takes them), in the order of the form. Keys of another
    round's form are ignored. The caller has checked the user may edit the submission."""
    reporting_round = submission.round
    parts = dict(NarrativePart.choices)
    answers = {(a.section_id, a.part): a.text for a in submission.answers.all()}
    stored = {v.field_id: v.value for v in submission.values.all()}
    posted_answers = data.get("answers") or {}
    posted_values = data.get("values") or {}
    sections, loose = form_of(reporting_round)
    conflicts = []

    def number_conflict(numeric):
        if numeric.code not in posted_values or numeric.is_computed:
            return
        mine = str(posted_values[numeric.code] or "").strip()
        theirs = stored.get(numeric.pk)
        try:
            typed = parse_number(
                mine,
                integer=numeric.value_type == ValueType.INT,
                percent=numeric.value_type == ValueType.PERCENT,
            )
        except NumberError:
            typed = mine  # unreadable: shown as typed, never equal to a stored number
        if typed == theirs:
            return
        conflicts.append(
            Conflict(
                key=f"v_{numeric.code}",
                label=numeric.label,
                theirs=input_value(theirs),
                shown_theirs=format_number(theirs) if theirs is not None else "",
                mine=mine,
                is_number=True,
            )
        )

    for section in sections:
        for part in section.parts or ALL_PARTS:
            key = f"{section.pk}:{part}"
            if key not in posted_answers or part not in parts:
                continue
            mine = str(posted_answers[key] or "").replace("\r\n", "\n")
            theirs = answers.get((section.pk, part), "")
            if mine.strip() != theirs.strip():
                conflicts.append(
                    Conflict(
                        key=f"a_{section.pk}_{part}",
                        label=f"{section.number}. {section.title} · {parts[part]}",
                        theirs=theirs,
                        shown_theirs=theirs,
                        mine=mine,
                    )
                )
        for numeric_field in section.fields.all():
            number_conflict(numeric_field)
    for numeric_field in loose:
        number_conflict(numeric_field)
    return conflicts


# ---------------------------------------------------------------- indicator values


@dataclass
class IndicatorProblem:
    """A number of a report that an indicator rule refuses, and why."""

    code: str
    label: str
    value: str
    messages: list[str]
    input: str = ""

    @property
    def key(self) -> str:
        return f"v_{self.code}"


def _linked_values(submission: Submission) -> dict:
    return {
        (v.field.data_element_code, v.field.disaggregation or "total"): v
        for v in submission.values.select_related("field").exclude(field__data_element_code="")
    }


def indicator_problems_from(submission: Submission, result) -> list[IndicatorProblem]:
    """The refused values of an indicators CheckResult, as the report's fields."""
    if result is None or not getattr(result, "errors", None):
        return []
    linked = _linked_values(submission)
    problems = []
    for key, messages in result.errors.items():
        row = linked.get(key)
        if row is None:
            problems.append(IndicatorProblem(code="", label=key[0], value="", messages=messages))
            continue
        problems.append(
            IndicatorProblem(
                code=row.field.code,
                label=row.field.label,
                value=format_number(row.value),
                input=input_value(row.value),
                messages=list(messages),
            )
        )
    positions = {f.code: f.position for f in submission.round.fields.all()}
    return sorted(problems, key=lambda p: positions.get(p.code, -1))


def indicator_problems(user, submission: Submission) -> list[IndicatorProblem]:
    """The report's numbers that the indicators app would refuse to record now (its rules
    see the report's values over the values already stored for the unit and period). On
    acceptance the indicators app records all of them or none. Empty for a user who may not
    review the round, and when no field is linked to a data element."""
    from binhdang.indicators.services import _sub_period  # the one rule for DHIS2 periods
    from binhdang.indicators.validation import check_values

    reporting_round = submission.round
    if not can_review(user, reporting_round):
        return []
    linked = _linked_values(submission)
    if not linked:
        return []
    result = check_values(
        submission.org_unit,
        reporting_round.period_year,
        {key: row.value for key, row in linked.items()},
        sub_period=_sub_period(reporting_round),
    )
    return indicator_problems_from(submission, result)

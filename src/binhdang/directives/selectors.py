"""Reads of the directive register, always given the user and scoped through `units_for`.

Who sees a directive:
- anyone holding DIRECTIVE_VIEW on its issuing unit (the People's Committee that issued it and
  the offices above it with a subtree membership), drafts included;
- once issued, any unit it is addressed to, directly or through a unit group, and any unit
  assigned one of its tasks.
Everything else is a 404 for the caller.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binhdang.accounts.models import MEMBERSHIPS_GENERATION
from binhdang.accounts.scoping import (
    has_permission,
    home_and_ancestor_unit_ids,
    home_units,
    placed_on,
    units_for,
)
from binhdang.directives.permissions import DIRECTIVE_MANAGE, DIRECTIVE_VIEW, TASK_UPDATE
from binhdang.formats.text import fold
from binhdang.memo import kept
from binhdang.orgunits.models import (
    GROUPS_GENERATION,
    UNITS_GENERATION,
    OrgUnit,
    UnitGroup,
    closed_units_condition,
)
from binhdang.reporting.models import ReportingRound, RoundStatus, Submission, SubmissionStatus

from .models import (
    NOT_OVERDUE,
    AssignmentRole,
    AssignmentStatus,
    Directive,
    DirectiveAttachment,
    DirectiveStatus,
    LegalBasis,
    Progress,
    Task,
    TaskAssignment,
)


def _groups_reaching(user, units: QuerySet[OrgUnit]) -> list[int]:
    """Ids of the unit groups (among those a directive is addressed to) containing any of
    `units`. Only groups that can reach the user are examined: a rule group reaches units
    under its root, so its root must be one of the user's units or above one of them; a
    member list must name one of them. That keeps the loop to the groups of the user's own
    People's Committees, however many the country has."""
    if user.is_superuser:
        return []  # a superuser reads every directive through its issuing unit already
    above = home_and_ancestor_unit_ids(user)
    candidates = (
        UnitGroup.objects.filter(addressed_directives__isnull=False)
        .filter(Q(rule_root_id__in=above) | Q(rule_root__in=units) | Q(members__in=units))
        .distinct()
        .select_related("rule_root")
    )
    return [g.pk for g in candidates if g.resolve().filter(pk__in=units.values("pk")).exists()]


def _kept_groups_reaching(user, units: QuerySet[OrgUnit]) -> list[int]:
    """`_groups_reaching` for the units the user sees directives of, kept in the shared cache
    (when every process shares it) under the generations of the memberships, the unit tree
    and the groups' contents: the next request after any of them changes works it out again.
    A group kept that is no longer addressed by a directive matches nothing."""
    if not settings.BINHDANG_SHARED_CACHE or not user.is_active or user.is_superuser:
        return _groups_reaching(user, units)
    return kept(
        f"directives:groups:{user.pk}",
        (MEMBERSHIPS_GENERATION, UNITS_GENERATION, GROUPS_GENERATION),
        lambda: _groups_reaching(user, units),
        GROUPS_SECONDS,
    )


GROUPS_SECONDS = 3600


def visible_directives(user) -> QuerySet[Directive]:
    """Every directive `user` may read (see the module docstring); fails closed."""
    view_units = units_for(user, DIRECTIVE_VIEW)
    groups = (
        _kept_groups_reaching(user, view_units)
        if user is not None and user.is_authenticated
        else []
    )
    released = Q(status__in=[DirectiveStatus.ISSUED, DirectiveStatus.CLOSED])
    assigned = TaskAssignment.objects.filter(
        task__directive=OuterRef("pk"), org_unit__in=view_units
    )
    addressed = Directive.objects.filter(
        Q(recipient_units__in=view_units) | Q(recipient_groups__in=groups)
    ).values("pk")
    return Directive.objects.filter(
        Q(issuing_unit__in=view_units) | (released & (Q(pk__in=addressed) | Exists(assigned)))
    )


def directive_for(user, pk: int) -> Directive:
    """One visible directive with its issuing and drafting units, or 404."""
    directive = get_object_or_404(
        visible_directives(user).select_related("issuing_unit", "drafting_unit", "implements"),
        pk=pk,
    )
    directive._visible_to = user.pk
    return directive


def _require_directive(user, directive: Directive) -> None:
    """404 unless `user` may read the directive (remembered on one from `directive_for`)."""
    if user.pk is not None and getattr(directive, "_visible_to", None) == user.pk:
        return
    if not visible_directives(user).filter(pk=directive.pk).exists():
        from django.http import Http404

        raise Http404
    directive._visible_to = user.pk


def citable_directives(user, directive: Directive | None = None) -> QuerySet[Directive]:
    """Directives a directive of `user` may cite: the visible ones that are not drafts, other
    than `directive` itself."""
    qs = visible_directives(user).exclude(status=DirectiveStatus.DRAFT)
    if directive is not None:
        qs = qs.exclude(pk=directive.pk)
    return qs


def can_carry_down(user, directive: Directive) -> bool:
    """Whether `user` may issue a directive implementing this one at another People's
    Committee of theirs (an issued directive, and a committee other than its issuer)."""
    return (
        directive.status != DirectiveStatus.DRAFT
        and issuing_unit_choices(user).exclude(pk=directive.issuing_unit_id).exists()
    )


def managed_directive_for(user, pk: int) -> Directive:
    """A directive `user` may edit (DIRECTIVE_MANAGE on its issuing unit), or 404."""
    directive = directive_for(user, pk)
    if not can_manage(user, directive):
        from django.http import Http404

        raise Http404
    return directive


def can_manage(user, directive: Directive) -> bool:
    return has_permission(user, DIRECTIVE_MANAGE, directive.issuing_unit)


def manageable_units(user) -> QuerySet[OrgUnit]:
    """Units `user` may issue directives for (DIRECTIVE_MANAGE)."""
    return units_for(user, DIRECTIVE_MANAGE)


def issuing_unit_choices(user) -> QuerySet[OrgUnit]:
    """People's Committees (territorial units) `user` may issue for: those of the user's own
    memberships (a district standing office issues for its district, not for its communes);
    a system administrator may issue for any."""
    from binhdang.orgunits.models import TERRITORIAL_KINDS

    qs = placed_on(user, manageable_units(user).filter(kind__in=TERRITORIAL_KINDS))
    return qs.order_by("level", "name")


def assignable_units(user) -> QuerySet[OrgUnit]:
    """Units a directive of `user` may address or assign: the units `user` manages down to
    one level under the highest of them (a district addresses its communes and bodies, a
    province its districts and departments), so the choice lists stay short."""
    managed = manageable_units(user)
    top = managed.order_by("level").values_list("level", flat=True).first()
    if top is None:
        return managed
    return managed.filter(level__lte=top + 1).order_by("level", "kind", "name")


def assignable_groups(user) -> QuerySet[UnitGroup]:
    return UnitGroup.objects.filter(owner__in=manageable_units(user)).order_by("name")


@dataclass
class DirectiveFilters:
    year: int | None = None
    issuing_unit: int | None = None
    doc_type: str = ""
    status: str = ""
    text: str = ""


def search_directives(user, filters: DirectiveFilters) -> QuerySet[Directive]:
    """The register for `user`, filtered; text is matched accent-insensitively word by word."""
    qs = visible_directives(user)
    if filters.year:
        qs = qs.filter(issued_on__year=filters.year)
    if filters.issuing_unit:
        qs = qs.filter(issuing_unit_id=filters.issuing_unit)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.status:
        qs = qs.filter(status=filters.status)
    for word in fold(filters.text).split():
        qs = qs.filter(search_text__contains=word)
    return (
        qs.select_related("issuing_unit")
        .annotate(task_count=Count("tasks", distinct=True))
        .order_by("-issued_on", "-id")
    )


def register_years(user) -> list[int]:
    return sorted(
        {d.year for d in visible_directives(user).dates("issued_on", "year")}, reverse=True
    )


def register_issuers(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(pk__in=visible_directives(user).values("issuing_unit")).order_by(
        "level", "name"
    )


def _report_rounds():
    """The reporting rounds (opened at least once) a task asks its units to answer: a round of
    the task's directive whose deadline is the task's due date. That is how a dispatch asks for
    the year's report ("gửi báo cáo ... trước ngày 05/12/2023") and how the standing office
    opens the round that collects it, so no extra link has to be kept in step by hand."""
    return ReportingRound.objects.filter(
        directive_id=OuterRef("task__directive_id"), deadline=OuterRef("task__due_on")
    ).exclude(status=RoundStatus.DRAFT)


def _report_status():
    """The status of the assignment's unit's submission in the latest round its task asks it
    to answer (`_report_rounds`), or None."""
    return Subquery(
        Submission.objects.filter(
            round__directive_id=OuterRef("task__directive_id"),
            round__deadline=OuterRef("task__due_on"),
            org_unit_id=OuterRef("org_unit_id"),
        )
        .exclude(round__status=RoundStatus.DRAFT)
        .order_by("-round__opens_on", "-pk")
        .values("status")[:1]
    )


_REPORT_PROGRESS = {
    SubmissionStatus.ACCEPTED: Progress.DONE,
    SubmissionStatus.SUBMITTED: Progress.REPORTED,
    SubmissionStatus.RETURNED: Progress.RETURNED,
}


def progress_of(status: str, asks_report: bool, report_status: str | None) -> str:
    """`with_progress`'s `progress` of one assignment, from its recorded status, whether its
    task asks for a report and the status of the unit's report."""
    if not asks_report:
        return status
    if report_status is None:
        return Progress.NOT_STARTED
    return _REPORT_PROGRESS.get(report_status, Progress.IN_PROGRESS)


def with_progress(qs: QuerySet[TaskAssignment], today: date | None = None):
    """Annotate `progress` (a `Progress` value) and `overdue` on assignments, in the database.

    A task that asks for a report (see `_report_rounds`) takes its progress from the unit's
    submission in that round, so the register and the round agree: accepted -> done, sent
    and waiting for review -> reported, returned -> returned, a draft or the head's approval
    pending -> in progress, nothing -> not started. Other tasks show the status the unit
    recorded. Overdue: past the due date and neither done, reported nor returned."""
    today = today or timezone.localdate()
    return (
        qs.annotate(asks_report=Exists(_report_rounds()), report_status=_report_status())
        .annotate(
            progress=Case(
                When(asks_report=False, then=F("status")),
                When(report_status=SubmissionStatus.ACCEPTED, then=Value(Progress.DONE)),
                When(report_status=SubmissionStatus.SUBMITTED, then=Value(Progress.REPORTED)),
                When(report_status=SubmissionStatus.RETURNED, then=Value(Progress.RETURNED)),
                When(report_status__isnull=False, then=Value(Progress.IN_PROGRESS)),
                default=Value(Progress.NOT_STARTED),
                output_field=CharField(),
            )
        )
        .annotate(
            overdue=Case(
                When(Q(task__due_on__lt=today) & ~Q(progress__in=NOT_OVERDUE), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def _progress_counts() -> dict:
    """Counts per `progress` (after `with_progress`), for `.values(...).annotate(...)`.
    A returned report counts as in progress: the unit is correcting it."""
    return {
        "total": Count("pk"),
        "not_started": Count("pk", filter=Q(progress=Progress.NOT_STARTED)),
        "in_progress": Count(
            "pk", filter=Q(progress__in=[Progress.IN_PROGRESS, Progress.RETURNED])
        ),
        "reported": Count("pk", filter=Q(progress=Progress.REPORTED)),
        "done": Count("pk", filter=Q(progress=Progress.DONE)),
        "overdue": Count("pk", filter=Q(overdue=True)),
    }


def visible_assignments(user) -> QuerySet[TaskAssignment]:
    """Assignments of visible directives: all of them for those who see the issuing unit, only
    their own units' for the units it is addressed to."""
    view_units = units_for(user, DIRECTIVE_VIEW)
    directives = visible_directives(user)
    return TaskAssignment.objects.filter(task__directive__in=directives).filter(
        Q(task__directive__issuing_unit__in=view_units) | Q(org_unit__in=view_units)
    )


def assignment_for(user, pk: int) -> TaskAssignment:
    """One visible assignment, or 404."""
    return get_object_or_404(
        with_progress(visible_assignments(user)).select_related(
            "task", "task__directive", "task__directive__issuing_unit", "org_unit"
        ),
        pk=pk,
    )


def can_update_assignment(user, assignment: TaskAssignment) -> bool:
    """Units update their own; the issuing office may record for any of its directive's units."""
    if assignment.task.directive.status != DirectiveStatus.ISSUED:
        return False
    return has_permission(user, TASK_UPDATE, assignment.org_unit) or has_permission(
        user, DIRECTIVE_MANAGE, assignment.task.directive.issuing_unit
    )


def _own_assignments(user) -> QuerySet[TaskAssignment]:
    """`visible_assignments` of issued directives addressed to the units `user` belongs to,
    without `visible_directives`' query: an own unit on which the user holds DIRECTIVE_VIEW
    sees every issued directive assigning it a task (and its own assignment of it); another
    own unit's assignments are visible only through the issuing unit."""
    view, other = [], []
    for unit in home_units(user):
        (view if has_permission(user, DIRECTIVE_VIEW, unit) else other).append(unit.pk)
    reach = Q(org_unit_id__in=view)
    if other:
        reach |= Q(
            org_unit_id__in=other,
            task__directive__issuing_unit__in=units_for(user, DIRECTIVE_VIEW),
        )
    return TaskAssignment.objects.filter(reach, task__directive__status=DirectiveStatus.ISSUED)


def my_task_assignments(
    user, *, unit: int | None = None, open_only: bool = False
) -> QuerySet[TaskAssignment]:
    """Assignments of the units `user` belongs to (their memberships' own units), of issued
    directives, soonest due first, with `progress` and `overdue` annotated (`with_progress`);
    `open_only` leaves out what is done."""
    qs = _own_assignments(user)
    if unit:
        qs = qs.filter(org_unit_id=unit)
    qs = with_progress(qs)
    if open_only:
        qs = qs.exclude(progress=Progress.DONE)
    return qs.select_related("task", "task__directive", "org_unit").order_by(
        "task__due_on", "task__directive__issued_on", "task__position"
    )


def open_assignments_of_own_units(user, limit: int) -> list[TaskAssignment]:
    """`my_task_assignments(user, open_only=True)[:limit]` for "my work", with `progress`
    and `overdue` worked out here from the two facts they follow (`progress_of`) rather
    than by the database's nested expressions, which cost more to build than to run."""
    today = timezone.localdate()
    qs = (
        _own_assignments(user)
        .annotate(asks_report=Exists(_report_rounds()), report_status=_report_status())
        # Done without a report asked is left out here; done by an accepted report, below.
        .filter(~Q(status=AssignmentStatus.DONE) | Q(asks_report=True))
        .select_related("task", "task__directive", "org_unit")
        .order_by("task__due_on", "task__directive__issued_on", "task__position", "pk")
    )
    found: list[TaskAssignment] = []
    start = 0
    while True:
        page = list(qs[start : start + limit])
        for a in page:
            a.progress = progress_of(a.status, a.asks_report, a.report_status)
            if a.progress != Progress.DONE:
                due = a.task.due_on
                a.overdue = bool(due and due < today and a.progress not in NOT_OVERDUE)
                found.append(a)
        if len(found) >= limit or len(page) < limit:
            return found[:limit]
        start += limit


def directive_tasks(user, directive: Directive) -> list[Task]:
    """The task tree in order, each with its lead and cooperating units prefetched; 404
    unless `user` may read the directive."""
    _require_directive(user, directive)
    return list(
        directive.tasks.order_by("position").prefetch_related(
            "lead_units", "cooperating_units", "children"
        )
    )


@dataclass
class TaskRow:
    task: Task
    assignments: list[TaskAssignment] = field(default_factory=list)


def directive_task_rows(user, directive: Directive) -> list[TaskRow]:
    """Tasks with the assignments `user` may see (all for the issuer's side, own otherwise)."""
    assignments = (
        with_progress(visible_assignments(user).filter(task__directive=directive))
        .select_related("org_unit")
        .order_by("role", "org_unit__path")
    )
    by_task: dict[int, list[TaskAssignment]] = {}
    # Lead units first, as a dispatch names them ("chủ trì", then "phối hợp").
    for a in sorted(assignments, key=lambda a: (a.role != AssignmentRole.LEAD, a.org_unit.path)):
        by_task.setdefault(a.task_id, []).append(a)
    return [
        TaskRow(task=t, assignments=by_task.get(t.pk, [])) for t in directive_tasks(user, directive)
    ]


def legal_bases(user, directive: Directive) -> list[LegalBasis]:
    """Legal bases; a link to another directive is kept only when `user` may see it."""
    visible = set(
        visible_directives(user)
        .filter(pk__in=directive.legal_bases.values("cited_directive"))
        .values_list("pk", flat=True)
    )
    rows = list(directive.legal_bases.select_related("cited_directive"))
    for row in rows:
        row.visible_link = row.cited_directive if row.cited_directive_id in visible else None
    return rows


def chain_up(user, directive: Directive) -> list[Directive]:
    """The directives this one implements, nearest first, as far as `user` can see."""
    out = []
    visible = visible_directives(user)
    current = directive
    seen = {directive.pk}
    while current.implements_id and current.implements_id not in seen:
        seen.add(current.implements_id)
        parent = visible.select_related("issuing_unit").filter(pk=current.implements_id).first()
        if parent is None:
            break
        out.append(parent)
        current = parent
    return out


def chain_down(user, directive: Directive) -> QuerySet[Directive]:
    """The visible directives that implement this one."""
    return (
        visible_directives(user)
        .filter(implements=directive)
        .select_related("issuing_unit")
        .order_by("issued_on")
    )


def directive_attachments(user, directive: Directive) -> QuerySet[DirectiveAttachment]:
    directive_for(user, directive.pk)
    return directive.attachments.select_related("uploaded_by")


def attachment_for(user, pk: int) -> DirectiveAttachment:
    """An attachment of a visible directive, or 404."""
    return get_object_or_404(
        DirectiveAttachment.objects.filter(directive__in=visible_directives(user)), pk=pk
    )


@dataclass
class Matrix:
    tasks: list[Task]
    rows: list[tuple[OrgUnit, list[TaskAssignment | None]]]
    task_totals: list[dict]


def assignment_matrix(user, directive: Directive) -> Matrix:
    """Units x tasks with each cell the unit's assignment (or None), for the issuing side.

    Only leaf tasks with assignments appear as columns; per-task totals are counted in the
    database, with the same `progress` as the cells (`with_progress`)."""
    today = timezone.localdate()
    assignments = list(
        with_progress(
            visible_assignments(user).filter(task__directive=directive), today
        ).select_related("org_unit", "task")
    )
    task_ids = {a.task_id for a in assignments}
    tasks = [t for t in directive.tasks.order_by("position") if t.pk in task_ids]
    units: dict[int, OrgUnit] = {}
    cells: dict[tuple[int, int], TaskAssignment] = {}
    for a in assignments:
        units[a.org_unit_id] = a.org_unit
        cells[(a.org_unit_id, a.task_id)] = a
    ordered = sorted(units.values(), key=lambda u: (u.is_territorial, u.kind, u.name))
    rows = [(u, [cells.get((u.pk, t.pk)) for t in tasks]) for u in ordered]
    totals_qs = (
        with_progress(visible_assignments(user).filter(task__directive=directive), today)
        .values("task_id")
        .annotate(**_progress_counts())
    )
    by_task = {row["task_id"]: row for row in totals_qs}
    return Matrix(tasks=tasks, rows=rows, task_totals=[by_task[t.pk] for t in tasks])


def assignments_by_unit(user, *, directive: int | None = None, year: int | None = None):
    """Per unit, how many assignments of the directives `user` manages are in each state,
    counted in the database."""
    today = timezone.localdate()
    qs = TaskAssignment.objects.filter(
        task__directive__issuing_unit__in=manageable_units(user),
        task__directive__status=DirectiveStatus.ISSUED,
    )
    if directive:
        qs = qs.filter(task__directive_id=directive)
    if year:
        qs = qs.filter(task__directive__issued_on__year=year)
    return (
        with_progress(qs, today)
        .values("org_unit_id", "org_unit__name", "org_unit__kind")
        .annotate(lead=Count("pk", filter=Q(role=AssignmentRole.LEAD)), **_progress_counts())
        .order_by("org_unit__kind", "org_unit__name")
    )


def managed_assignments_of_unit(user, unit_pk: int) -> QuerySet[TaskAssignment]:
    """A unit's assignments in the directives `user` manages (the "by unit" drill-down)."""
    qs = TaskAssignment.objects.filter(
        task__directive__issuing_unit__in=manageable_units(user),
        task__directive__status=DirectiveStatus.ISSUED,
        org_unit_id=unit_pk,
    )
    return (
        with_progress(qs)
        .select_related("task", "task__directive", "org_unit")
        .order_by("task__directive__issued_on", "task__position")
    )


def directive_assignments(user, directive: Directive) -> QuerySet[TaskAssignment]:
    """The directive's assignments `user` may see, with `progress`, in task order."""
    return (
        with_progress(visible_assignments(user).filter(task__directive=directive))
        .select_related("task", "task__directive", "org_unit")
        .order_by("task__position", "org_unit__name")
    )


def managed_issued_directives(user) -> QuerySet[Directive]:
    """Issued directives of the units `user` manages (the "by unit" filter's choices)."""
    return search_directives(user, DirectiveFilters()).filter(
        issuing_unit__in=manageable_units(user), status=DirectiveStatus.ISSUED
    )


def progress_notes(user, assignment: TaskAssignment):
    """The progress notes of an assignment `user` may see, or 404."""
    if not visible_assignments(user).filter(pk=assignment.pk).exists():
        from django.http import Http404

        raise Http404
    return assignment.progress_notes.select_related("author")


def prefetch_detail(qs: QuerySet[Directive]) -> QuerySet[Directive]:
    return qs.prefetch_related(
        "recipient_units",
        "recipient_groups",
        Prefetch("attachments", queryset=DirectiveAttachment.objects.order_by("uploaded_at")),
    )


def task_unit_ids(directive: Directive) -> list[int]:
    """Ids of the lead and cooperating units of the directive's tasks."""
    through_lead = Task.lead_units.through.objects.filter(task__directive=directive)
    through_coop = Task.cooperating_units.through.objects.filter(task__directive=directive)
    return list(
        {
            *through_lead.values_list("orgunit_id", flat=True),
            *through_coop.values_list("orgunit_id", flat=True),
        }
    )


@dataclass
class ClosedUnitFlag:
    """Open work addressed to a unit that closed, and the units that took over from it."""

    assignment: TaskAssignment
    successors: list[OrgUnit]


def assignments_to_closed_units(user, directive: Directive | None = None):
    """Open assignments (not done) of issued directives `user` manages whose unit closed
    (`OrgUnit.objects.closed`): the work the issuing office re-addresses."""
    qs = (
        TaskAssignment.objects.filter(
            task__directive__issuing_unit__in=manageable_units(user),
            task__directive__status=DirectiveStatus.ISSUED,
        )
        .filter(closed_units_condition(prefix="org_unit__"))
        .exclude(status=AssignmentStatus.DONE)
    )
    if directive is not None:
        qs = qs.filter(task__directive=directive)
    return qs.select_related("task", "task__directive", "org_unit").order_by(
        "task__directive__issued_on", "task__position", "org_unit__name"
    )


def closed_unit_flags(user, directive: Directive | None = None) -> list[ClosedUnitFlag]:
    """`assignments_to_closed_units` with each unit's successors (`orgunits.succession`)."""
    from binhdang.orgunits.succession import successor_candidates

    cache: dict[int, list[OrgUnit]] = {}
    flags = []
    for assignment in assignments_to_closed_units(user, directive)[:500]:
        unit = assignment.org_unit
        if unit.pk not in cache:
            cache[unit.pk] = successor_candidates(unit)
        flags.append(ClosedUnitFlag(assignment, cache[unit.pk]))
    return flags


def closed_recipients(directive: Directive) -> QuerySet[OrgUnit]:
    """The directive's addressees that closed since (shown with a mark on its page)."""
    return directive.recipient_units.filter(pk__in=OrgUnit.objects.closed().values("pk"))


def readdressable_assignment(user, pk: int) -> TaskAssignment:
    """An assignment of a directive `user` manages (re-addressed by its issuing office); 404
    otherwise."""
    return get_object_or_404(
        TaskAssignment.objects.filter(
            task__directive__issuing_unit__in=manageable_units(user)
        ).select_related("task", "org_unit"),
        pk=pk,
    )


def units_by_ids(values) -> list[OrgUnit]:
    """The units named by the ids of a form (bad ids are ignored)."""
    from binhdang.formats.numbers import parse_id

    ids = [i for i in (parse_id(v) for v in values) if i is not None]
    return list(OrgUnit.objects.filter(pk__in=ids))

"""Every change to the directive register: each in one transaction, each audited.

Errors a user can act on are raised as `DirectiveError` with a translated message.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission, units_for
from binhdang.audit.services import diff, record
from binhdang.core.uploads import UploadRejected, check_upload, inspect_stored
from binhdang.formats.text import TextError, clean_text, fold
from binhdang.orgunits.models import OrgUnit, UnitGroup
from binhdang.orgunits.succession import closed_refusal

from .models import (
    ATTACHMENT_EXTENSIONS,
    AssignmentRole,
    AssignmentStatus,
    AttachmentKind,
    Directive,
    DirectiveAttachment,
    DirectiveStatus,
    LegalBasis,
    Recurrence,
    Task,
    TaskAssignment,
    TaskProgressNote,
)
from .permissions import DIRECTIVE_MANAGE
from .selectors import can_update_assignment, task_unit_ids

NUMBER_RE = re.compile(r"^\d+(\.\d+)*$")

DIRECTIVE_FIELDS = [
    "doc_type",
    "number_symbol",
    "issued_on",
    "place",
    "issuing_unit",
    "drafting_unit",
    "subject",
    "signing_authority",
    "signer_title",
    "signer_name",
    "implements",
    "addressee_lines",
    "intro",
    "closing",
    "distribution_list",
]


# The longest progress note a unit may write, on the page and through the API alike.
NOTE_MAX_LENGTH = 4000


class DirectiveError(Exception):
    """A change that cannot be made; `str(exc)` is a message for the user."""


def _clean(text: str, *, max_length: int | None = None) -> str:
    """Text as stored: NFC, without control characters (which PostgreSQL and Word refuse)."""
    try:
        return clean_text(text or "", max_length=max_length)
    except TextError as exc:
        raise DirectiveError(exc.message) from exc


def _clean_values(values: dict) -> dict:
    return {k: _clean(v) if isinstance(v, str) else v for k, v in values.items()}


@dataclass
class TaskData:
    number: str
    title: str = ""
    text: str = ""
    due_on: date | None = None
    recurrence: str = Recurrence.NONE
    window: tuple[int, int, int, int] | None = None  # start day, start month, end day, end month
    lead_units: list[OrgUnit] = field(default_factory=list)
    cooperating_units: list[OrgUnit] = field(default_factory=list)


def _clean_tasks(tasks: Iterable[TaskData]) -> list[TaskData]:
    return [
        replace(t, number=_clean(t.number), title=_clean(t.title), text=_clean(t.text))
        for t in tasks
    ]


@dataclass
class LegalBasisData:
    text: str = ""
    cited_directive: Directive | None = None
    footnote_marker: str = ""


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


def _check_manage(actor, unit: OrgUnit) -> None:
    if not has_permission(actor, DIRECTIVE_MANAGE, unit):
        raise DirectiveError(_("You may not issue directives for %(unit)s.") % {"unit": unit})


def _check_units(actor, units: Iterable[OrgUnit]) -> None:
    allowed = set(units_for(actor, DIRECTIVE_MANAGE).values_list("pk", flat=True))
    outside = [u.name for u in units if u.pk not in allowed]
    if outside:
        raise DirectiveError(
            _("These units are outside your scope: %(units)s.") % {"units": ", ".join(outside)}
        )


def _check_current(units: Iterable[OrgUnit], on) -> None:
    """Refuse units closed by the directive's date (a commune merged on 1/7/2025 receives no
    directive of 2026); a directive of 2023 entered in the register still names the units of
    its day."""
    refusal = closed_refusal([u for u in units if u is not None], on)
    if refusal is not None:
        raise DirectiveError(refusal)


def _units_of(data: dict, recipient_units, tasks) -> list[OrgUnit]:
    units = [data.get("issuing_unit"), data.get("drafting_unit"), *(recipient_units or ())]
    for t in tasks or ():
        units += [*t.lead_units, *t.cooperating_units]
    return [u for u in units if u is not None]


def _search_text(directive: Directive, tasks: Iterable[Task] = ()) -> str:
    parts = [
        directive.number_symbol,
        directive.subject,
        directive.place,
        directive.issuing_unit.name if directive.issuing_unit_id else "",
        directive.get_doc_type_display(),
        directive.intro,
        directive.closing,
    ]
    for task in tasks:
        parts += [task.number, task.title, task.text]
    return fold(" ".join(p for p in parts if p))


def _refresh_search_text(directive: Directive) -> None:
    directive.search_text = _search_text(directive, directive.tasks.order_by("position"))
    Directive.objects.filter(pk=directive.pk).update(search_text=directive.search_text)


def _validate_tasks(tasks: list[TaskData]) -> None:
    seen = set()
    for t in tasks:
        number = t.number.strip().rstrip(".")
        if not NUMBER_RE.match(number):
            raise DirectiveError(
                _("Task number %(number)s is not like 1, 1.1 or 2.3.") % {"number": t.number}
            )
        if number in seen:
            raise DirectiveError(_("Task number %(number)s is repeated.") % {"number": number})
        seen.add(number)
        if not (t.title.strip() or t.text.strip()):
            raise DirectiveError(_("Task %(number)s has no text.") % {"number": number})
        if t.recurrence == Recurrence.YEARLY:
            if not t.window:
                raise DirectiveError(
                    _("Task %(number)s recurs every year: give its window (from and to).")
                    % {"number": number}
                )
            for day, month in ((t.window[0], t.window[1]), (t.window[2], t.window[3])):
                try:
                    date(2024, month, day)  # a leap year accepts 29/02
                except (TypeError, ValueError) as exc:
                    raise DirectiveError(
                        _("Task %(number)s has an impossible window date.") % {"number": number}
                    ) from exc


def _save_tasks(directive: Directive, tasks: list[TaskData]) -> dict:
    """Replace the task tree with `tasks`, matching existing tasks by number so assignments
    and progress notes survive an edit. Returns a summary for the audit entry."""
    _validate_tasks(tasks)
    existing = {t.number: t for t in directive.tasks.all()}
    wanted = {t.number.strip().rstrip("."): t for t in tasks}
    removed = [n for n in existing if n not in wanted]
    if removed:
        in_use = TaskProgressNote.objects.filter(
            assignment__task__in=[existing[n] for n in removed]
        ).exists()
        if in_use:
            raise DirectiveError(
                _("Tasks %(numbers)s already have progress reported and cannot be removed.")
                % {"numbers": ", ".join(sorted(removed, key=_number_key))}
            )
        directive.tasks.filter(number__in=removed).delete()
    ordered = sorted(wanted, key=_number_key)
    saved: dict[str, Task] = {}
    for position, number in enumerate(ordered, start=1):
        data = wanted[number]
        parent_number = number.rsplit(".", 1)[0] if "." in number else None
        task = existing.get(number) or Task(directive=directive, number=number)
        task.parent = saved.get(parent_number) if parent_number else None
        task.position = position
        task.title = data.title.strip()
        task.text = data.text.strip()
        task.due_on = data.due_on
        task.recurrence = data.recurrence or Recurrence.NONE
        if task.recurrence == Recurrence.YEARLY and data.window:
            (
                task.window_start_day,
                task.window_start_month,
                task.window_end_day,
                task.window_end_month,
            ) = data.window
        else:
            task.window_start_day = task.window_start_month = None
            task.window_end_day = task.window_end_month = None
        task.save()
        task.lead_units.set(data.lead_units)
        task.cooperating_units.set([u for u in data.cooperating_units if u not in data.lead_units])
        saved[number] = task
    return {"tasks": ordered, "removed": removed}


def _save_legal_bases(directive: Directive, bases: list[LegalBasisData]) -> None:
    directive.legal_bases.all().delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(
            directive=directive,
            position=i,
            cited_directive=b.cited_directive,
            text=b.text.strip(),
            footnote_marker=b.footnote_marker.strip(),
        )
        for i, b in enumerate(bases, start=1)
        if b.text.strip() or b.cited_directive
    )


def directive_create(
    *,
    actor,
    data: dict,
    tasks: list[TaskData] = (),
    legal_bases: list[LegalBasisData] = (),
    recipient_units: Iterable[OrgUnit] = (),
    recipient_groups: Iterable[UnitGroup] = (),
) -> Directive:
    """Create a draft directive for `data["issuing_unit"]`, which `actor` must manage.

    `data` holds the fields of DIRECTIVE_FIELDS; tasks are numbered 1, 1.1, ... and get their
    parent and order from the number. Raises DirectiveError."""
    issuing_unit = data["issuing_unit"]
    _check_manage(actor, issuing_unit)
    data, tasks = _clean_values(data), _clean_tasks(tasks)
    recipient_units, recipient_groups = list(recipient_units), list(recipient_groups)
    _check_units(actor, recipient_units)
    for t in tasks:
        _check_units(actor, [*t.lead_units, *t.cooperating_units])
    _check_current(_units_of(data, recipient_units, tasks), data.get("issued_on"))
    with transaction.atomic():
        directive = Directive(
            created_by=actor if actor and actor.is_authenticated else None,
            status=DirectiveStatus.DRAFT,
            **{k: v for k, v in data.items() if k in DIRECTIVE_FIELDS},
        )
        directive.save()
        directive.recipient_units.set(recipient_units)
        directive.recipient_groups.set(recipient_groups)
        _save_legal_bases(directive, list(legal_bases))
        summary = _save_tasks(directive, list(tasks))
        _refresh_search_text(directive)
        record(
            actor=actor,
            action="directive.create",
            obj=directive,
            org_unit=issuing_unit,
            changes={"number_symbol": directive.number_symbol, **summary},
        )
    return directive


def directive_update(
    *,
    actor,
    directive: Directive,
    data: dict,
    tasks: list[TaskData] | None = None,
    legal_bases: list[LegalBasisData] | None = None,
    recipient_units: Iterable[OrgUnit] | None = None,
    recipient_groups: Iterable[UnitGroup] | None = None,
) -> Directive:
    """Change a directive's fields (and, when given, its tasks, legal bases and recipients).

    `actor` must manage both the current and the new issuing unit. When the directive is
    already issued, task assignments follow the new task units. Raises DirectiveError."""
    _check_manage(actor, directive.issuing_unit)
    if "issuing_unit" in data:
        _check_manage(actor, data["issuing_unit"])
    if recipient_units is not None:
        recipient_units = list(recipient_units)
        _check_units(actor, recipient_units)
    for t in tasks or ():
        _check_units(actor, [*t.lead_units, *t.cooperating_units])
    values = _clean_values({k: v for k, v in data.items() if k in DIRECTIVE_FIELDS})
    if tasks is not None:
        tasks = _clean_tasks(tasks)
    already = set(task_unit_ids(directive)) | {
        directive.issuing_unit_id,
        directive.drafting_unit_id,
        *directive.recipient_units.values_list("pk", flat=True),
    }
    _check_current(
        [u for u in _units_of(data, recipient_units, tasks) if u.pk not in already],
        values.get("issued_on") or directive.issued_on,
    )
    if values.get("implements") is not None and values["implements"].pk == directive.pk:
        raise DirectiveError(_("A directive cannot implement itself."))
    with transaction.atomic():
        directive = Directive.objects.select_for_update().get(pk=directive.pk)
        changes = diff(directive, values)
        for k, v in values.items():
            setattr(directive, k, v)
        directive.save()
        if recipient_units is not None:
            directive.recipient_units.set(recipient_units)
        if recipient_groups is not None:
            directive.recipient_groups.set(list(recipient_groups))
        if legal_bases is not None:
            _save_legal_bases(directive, list(legal_bases))
        if tasks is not None:
            changes["tasks"] = _save_tasks(directive, list(tasks))
        if directive.status == DirectiveStatus.ISSUED:
            changes["assignments"] = _sync_assignments(directive)
        _refresh_search_text(directive)
        record(
            actor=actor,
            action="directive.update",
            obj=directive,
            org_unit=directive.issuing_unit,
            changes=changes,
        )
    return directive


def _sync_assignments(directive: Directive) -> dict:
    """Make the assignments match the tasks' lead and cooperating units. An assignment whose
    unit was taken off a task is removed only while it has no progress; otherwise it stays,
    so reported work is never lost."""
    wanted: dict[tuple[int, int], str] = {}
    for task in directive.tasks.prefetch_related("lead_units", "cooperating_units"):
        for unit in task.cooperating_units.all():
            wanted[(task.pk, unit.pk)] = AssignmentRole.COOPERATING
        for unit in task.lead_units.all():
            wanted[(task.pk, unit.pk)] = AssignmentRole.LEAD
    existing = {
        (a.task_id, a.org_unit_id): a
        for a in TaskAssignment.objects.filter(task__directive=directive)
    }
    created = [
        TaskAssignment(task_id=task_id, org_unit_id=unit_id, role=role)
        for (task_id, unit_id), role in wanted.items()
        if (task_id, unit_id) not in existing
    ]
    TaskAssignment.objects.bulk_create(created)
    changed = 0
    for key, assignment in existing.items():
        if key in wanted and assignment.role != wanted[key]:
            assignment.role = wanted[key]
            assignment.save(update_fields=["role"])
            changed += 1
    stale = [
        a.pk
        for key, a in existing.items()
        if key not in wanted and a.status == AssignmentStatus.NOT_STARTED
    ]
    removed = (
        TaskAssignment.objects.filter(pk__in=stale, progress_notes__isnull=True).delete()[0]
        if stale
        else 0
    )
    return {"created": len(created), "role_changed": changed, "removed": removed}


def directive_issue(*, actor, directive: Directive, notify_units: bool = True) -> Directive:
    """Mark a draft as issued and create one TaskAssignment per (task, lead or cooperating
    unit); notify the members of the assigned units. Needs a number and at least one task
    unit or recipient. Raises DirectiveError."""
    _check_manage(actor, directive.issuing_unit)
    with transaction.atomic():
        directive = Directive.objects.select_for_update().get(pk=directive.pk)
        if directive.status != DirectiveStatus.DRAFT:
            raise DirectiveError(_("Only a draft can be issued."))
        if not directive.number_symbol.strip():
            raise DirectiveError(_("Give the directive its number and symbol before issuing it."))
        directive.status = DirectiveStatus.ISSUED
        directive.save(update_fields=["status", "updated_at"])
        summary = _sync_assignments(directive)
        record(
            actor=actor,
            action="directive.issue",
            obj=directive,
            org_unit=directive.issuing_unit,
            changes={"status": [DirectiveStatus.DRAFT, DirectiveStatus.ISSUED], **summary},
        )
        if notify_units:
            _notify_assigned(directive)
    return directive


def _notify_assigned(directive: Directive) -> None:
    from binhdang.accounts.scoping import members_of
    from binhdang.notifications.services import notify

    units = TaskAssignment.objects.filter(task__directive=directive).values_list(
        "org_unit", flat=True
    )
    users = members_of(units)
    notify(
        users=users,
        title=_("New directive %(number)s") % {"number": directive.number_symbol},
        body=directive.subject,
        url=reverse("directives:detail", args=[directive.pk]),
        dedupe_key=f"directive-issued:{directive.pk}",
    )


def directive_close(*, actor, directive: Directive) -> Directive:
    """Close an issued directive (no more status updates). Raises DirectiveError."""
    _check_manage(actor, directive.issuing_unit)
    with transaction.atomic():
        directive = Directive.objects.select_for_update().get(pk=directive.pk)
        if directive.status != DirectiveStatus.ISSUED:
            raise DirectiveError(_("Only an issued directive can be closed."))
        directive.status = DirectiveStatus.CLOSED
        directive.save(update_fields=["status", "updated_at"])
        record(
            actor=actor,
            action="directive.close",
            obj=directive,
            org_unit=directive.issuing_unit,
            changes={"status": [DirectiveStatus.ISSUED, DirectiveStatus.CLOSED]},
        )
    return directive


def task_assignment_update_status(
    *,
    actor,
    assignment: TaskAssignment,
    status: str,
    note: str = "",
    on: date | None = None,
) -> TaskAssignment:
    """Set a unit's status on a task and keep a dated progress note.

    `actor` needs TASK_UPDATE on the assignment's unit (or DIRECTIVE_MANAGE on the issuing
    unit); the directive must be issued. A note is required when the status stays the same.
    Raises DirectiveError."""
    if status not in AssignmentStatus.values:
        raise DirectiveError(_("Choose a valid status."))
    if not can_update_assignment(actor, assignment):
        raise DirectiveError(_("You may not update this task."))
    note = _clean(note, max_length=NOTE_MAX_LENGTH).strip()
    with transaction.atomic():
        assignment = TaskAssignment.objects.select_for_update().get(pk=assignment.pk)
        old = assignment.status
        if old == status and not note:
            raise DirectiveError(_("Write what was done, or choose a new status."))
        if old != status:
            assignment.status = status
            assignment.status_changed_at = timezone.now()
            assignment.status_changed_by = actor
            assignment.save(update_fields=["status", "status_changed_at", "status_changed_by"])
        TaskProgressNote.objects.create(
            assignment=assignment,
            date=on or timezone.localdate(),
            text=note,
            status=status,
            author=actor,
        )
        record(
            actor=actor,
            action="task_assignment.status",
            obj=assignment,
            org_unit=assignment.org_unit,
            changes={"status": [old, status], "note": note},
        )
    return assignment


def directive_carry_down(
    *,
    actor,
    parent_directive: Directive,
    issuing_unit: OrgUnit,
    number_symbol: str = "",
    issued_on: date | None = None,
    drafting_unit: OrgUnit | None = None,
    place: str = "",
) -> Directive:
    """Start a draft for `issuing_unit` that implements `parent_directive` (a province
    dispatch carried down by a district): same type and subject, a "Căn cứ" line linking the
    parent, and the parent's tasks copied as a starting point (without units, which belong to
    the other level). `actor` must manage `issuing_unit`. Raises DirectiveError."""
    _check_manage(actor, issuing_unit)
    if issuing_unit.pk == parent_directive.issuing_unit_id:
        raise DirectiveError(_("Choose a unit other than the one that issued the directive."))
    if parent_directive.status == DirectiveStatus.DRAFT:
        raise DirectiveError(_("A draft cannot be carried down; wait until it is issued."))
    basis = _("Pursuant to %(type)s No. %(number)s of %(date)s of %(unit)s on %(subject)s.") % {
        "type": parent_directive.get_doc_type_display(),
        "number": parent_directive.number_symbol,
        "date": parent_directive.issued_on.strftime("%d/%m/%Y"),
        "unit": parent_directive.issuing_unit.name,
        "subject": parent_directive.subject,
    }
    tasks = [
        TaskData(
            number=t.number,
            title=t.title,
            text=t.text,
            due_on=t.due_on,
            recurrence=t.recurrence,
            window=(t.window_start_day, t.window_start_month, t.window_end_day, t.window_end_month)
            if t.recurrence == Recurrence.YEARLY
            else None,
        )
        for t in parent_directive.tasks.order_by("position")
    ]
    with transaction.atomic():
        directive = directive_create(
            actor=actor,
            data={
                "doc_type": parent_directive.doc_type,
                "number_symbol": number_symbol,
                "issued_on": issued_on or timezone.localdate(),
                "place": place,
                "issuing_unit": issuing_unit,
                "drafting_unit": drafting_unit,
                "subject": parent_directive.subject,
                "implements": parent_directive,
            },
            tasks=tasks,
            legal_bases=[LegalBasisData(text=basis, cited_directive=parent_directive)],
        )
        record(
            actor=actor,
            action="directive.carry_down",
            obj=directive,
            org_unit=issuing_unit,
            changes={"implements": parent_directive.pk},
        )
    return directive


def attachment_add(
    *, actor, directive: Directive, uploaded, kind: str = AttachmentKind.ORIGINAL
) -> DirectiveAttachment:
    """Check and store a file (pdf, docx, doc, jpg, png) for `directive`.

    The row is written only after the file is saved, and the file is deleted again if the
    row cannot be written, so no record points at a missing file. Raises DirectiveError with
    the upload check's message."""
    _check_manage(actor, directive.issuing_unit)
    if kind not in AttachmentKind.values:
        raise DirectiveError(_("Choose a valid kind of file."))
    try:
        checked = check_upload(uploaded, ATTACHMENT_EXTENSIONS)
    except UploadRejected as exc:
        raise DirectiveError(str(exc)) from exc
    attachment = DirectiveAttachment(
        directive=directive,
        original_name=checked.name,
        kind=kind,
        size=checked.size,
        uploaded_by=actor,
    )
    with transaction.atomic():
        attachment.file.save(checked.name, uploaded, save=False)
        try:
            attachment.save()
            inspect_stored(actor=actor, record=attachment, org_unit=directive.issuing_unit)
            record(
                actor=actor,
                action="directive.attachment_add",
                obj=directive,
                org_unit=directive.issuing_unit,
                changes={"file": checked.name, "size": checked.size, "kind": kind},
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def attachment_delete(*, actor, attachment: DirectiveAttachment) -> None:
    """Remove an attachment and its file. `actor` must manage the issuing unit."""
    directive = attachment.directive
    _check_manage(actor, directive.issuing_unit)
    with transaction.atomic():
        name = attachment.original_name
        storage_name = attachment.file.name
        attachment.delete()
        record(
            actor=actor,
            action="directive.attachment_delete",
            obj=directive,
            org_unit=directive.issuing_unit,
            changes={"file": name},
        )
        transaction.on_commit(lambda: attachment.file.storage.delete(storage_name))


@transaction.atomic
def assignment_readdress(
    *, actor, assignment: TaskAssignment, to_units: Iterable[OrgUnit] | None = None
) -> list[OrgUnit]:
    """Give an open task assignment of a closed unit to the units that took over from it
    (`orgunits.succession.successor_candidates`, or the chosen ones among them): the
    assignment itself, with its progress notes, goes to the first, the others get one with
    the same role, and the task and the directive name the successors instead. Running it
    again does nothing (the assignment's unit is no longer closed) and returns [].

    404 unless the actor manages the issuing unit; DirectiveError when a successor lies
    outside the actor's scope, none is known, or a chosen unit is not a successor."""
    from django.http import Http404

    from binhdang.orgunits.succession import chosen_successors

    assignment = (
        TaskAssignment.objects.select_for_update(of=("self",))
        .select_related("task", "task__directive", "org_unit")
        .get(pk=assignment.pk)
    )
    task, closed = assignment.task, assignment.org_unit
    if not has_permission(actor, DIRECTIVE_MANAGE, task.directive.issuing_unit):
        raise Http404
    if not OrgUnit.objects.closed().filter(pk=closed.pk).exists():
        return []
    successors, refusal = chosen_successors(closed, to_units)
    if refusal:
        raise DirectiveError(refusal)
    _check_units(actor, successors)
    existing = {
        a.org_unit_id: a for a in TaskAssignment.objects.filter(task=task, org_unit__in=successors)
    }
    first = successors[0]
    if first.pk in existing:
        TaskProgressNote.objects.filter(assignment=assignment).update(assignment=existing[first.pk])
        assignment.delete()
    else:
        assignment.org_unit = first
        assignment.save(update_fields=["org_unit"])
    for unit in successors[1:]:
        if unit.pk not in existing:
            TaskAssignment.objects.create(task=task, org_unit=unit, role=assignment.role)
    units_field = (
        task.lead_units if assignment.role == AssignmentRole.LEAD else task.cooperating_units
    )
    units_field.remove(closed)
    units_field.add(*successors)
    directive = task.directive
    if directive.recipient_units.filter(pk=closed.pk).exists():
        directive.recipient_units.remove(closed)
        directive.recipient_units.add(*successors)
    record(
        actor=actor,
        action="task_assignment.readdress",
        obj=directive,
        org_unit=directive.issuing_unit,
        changes={
            "task": task.number,
            "from": closed.name,
            "to": [u.name for u in successors],
        },
    )
    return successors

"""The register's contribution to "My work": the open tasks of the user's own units."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.accounts.scoping import has_permission
from binhdang.core.registry import MAX_WORK_ITEMS, WorkItem, WorkKind
from binhdang.formats.markup import plain

from .permissions import DIRECTIVE_MANAGE
from .selectors import assignments_to_closed_units, open_assignments_of_own_units

TASKS = WorkKind("tasks", gettext_lazy("Tasks of directives"), order=20)
CLOSED_UNIT_TASKS = WorkKind(
    "tasks-closed-units", gettext_lazy("Tasks addressed to units that no longer exist"), order=22
)


def open_task_assignments(user, limit: int = MAX_WORK_ITEMS) -> list[WorkItem]:
    items = []
    for a in open_assignments_of_own_units(user, limit):
        task = a.task
        items.append(
            WorkItem(
                title=_("Task %(number)s of %(directive)s")
                % {"number": task.number, "directive": task.directive.number_symbol},
                url=reverse("directives:assignment", args=[a.pk]),
                due=task.due_on,
                unit=a.org_unit,
                status=_("Overdue") if a.overdue else a.get_progress_display(),
                status_css=a.status_css,
                detail=Truncator(plain(task.title or task.text)).chars(160),
                sort_key=(task.directive.issued_on.toordinal(), task.position),
                kind=TASKS,
            )
        )
    return items


def tasks_of_closed_units(user, limit: int = MAX_WORK_ITEMS) -> list[WorkItem]:
    """For the issuing office: open tasks of its directives addressed to units that closed,
    each to re-address to the units that took over (on the directive's page)."""
    if not has_permission(user, DIRECTIVE_MANAGE):
        return []  # manages no directive: no query
    items = []
    for a in assignments_to_closed_units(user)[:limit]:
        items.append(
            WorkItem(
                title=_("Task %(number)s of %(directive)s")
                % {"number": a.task.number, "directive": a.task.directive.number_symbol},
                url=reverse("directives:detail", args=[a.task.directive_id]),
                due=a.task.due_on,
                unit=a.org_unit,
                status=_("Unit closed"),
                status_css="warn",
                detail=_("Re-address it to the units that took over, on the directive's page."),
                sort_key=(a.task.directive.issued_on.toordinal(), a.task.position),
                kind=CLOSED_UNIT_TASKS,
            )
        )
    return items

"""The register's contribution to "My work": the open tasks of the user's own units."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.core.registry import MAX_WORK_ITEMS, WorkItem, WorkKind
from binhdang.formats.markup import plain

from .selectors import my_task_assignments

TASKS = WorkKind("tasks", gettext_lazy("Tasks of directives"), order=20)


def open_task_assignments(user, limit: int = MAX_WORK_ITEMS) -> list[WorkItem]:
    items = []
    for a in my_task_assignments(user, open_only=True)[:limit]:
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

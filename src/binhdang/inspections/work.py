"""What inspections and complaints add to "My work": the next step of each open complaint the
user handles, and the open follow-up items of the user's units."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.accounts.scoping import has_permission
from binhdang.core.registry import MAX_WORK_ITEMS, WorkItem, WorkKind

from .permissions import INSPECTION_EDIT
from .selectors import my_due_complaints, my_open_follow_ups

COMPLAINTS = WorkKind(
    "complaints", gettext_lazy("Complaints and denunciations to handle"), order=60
)
FOLLOW_UPS = WorkKind("inspection-follow-ups", gettext_lazy("Follow-up of inspections"), order=62)


def complaint_steps(user, limit: int = MAX_WORK_ITEMS) -> list[WorkItem]:
    items = []
    for due in my_due_complaints(user)[:limit]:
        c, d = due.complaint, due.deadline
        items.append(
            WorkItem(
                title=_("%(kind)s received on %(date)s")
                % {"kind": c.get_kind_display(), "date": c.received_on.strftime("%d/%m/%Y")},
                url=reverse("inspections:complaint_detail", args=[c.pk]),
                due=d.due,
                unit=c.org_unit,
                status=_("Overdue") if due.overdue else d.label,
                status_css="bad" if due.overdue else "warn",
                detail=d.label,
                sort_key=(d.due.toordinal(), c.pk),
                kind=COMPLAINTS,
            )
        )
    return items


def follow_up_items(user, limit: int = MAX_WORK_ITEMS) -> list[WorkItem]:
    if not has_permission(user, INSPECTION_EDIT):
        return []  # records inspections nowhere: no query
    today = timezone.localdate()
    items = []
    for item in my_open_follow_ups(user)[:limit]:
        items.append(
            WorkItem(
                title=Truncator(item.text).chars(120),
                url=reverse("inspections:detail", args=[item.inspection_id]),
                due=item.due_on,
                unit=item.responsible_unit,
                status=_("Overdue") if item.due_on < today else _("Open"),
                status_css="bad" if item.due_on < today else "info",
                detail=item.inspection.title,
                sort_key=(item.due_on.toordinal(), item.pk),
                kind=FOLLOW_UPS,
            )
        )
    return items

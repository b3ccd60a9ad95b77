"""Reminders of complaint deadlines: each handler of an open complaint is told, in the app and
by e-mail, once per deadline, when the deadline of its next step is three days away or less
(a deadline already passed shows as overdue in their work instead). The notice names the step and the date, never the complainant."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from binhdang.accounts.scoping import has_permission
from binhdang.formats.dates import format_date
from binhdang.notifications.services import notify

from .permissions import COMPLAINT_HANDLE
from .selectors import complaints_to_remind


def send_complaint_reminders(today: datetime.date | None = None) -> int:
    """Send what is due; returns how many notifications were created (a reminder already
    sent for the same deadline is not sent again)."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override("vi"):
        for due in complaints_to_remind(today):
            complaint, deadline = due.complaint, due.deadline
            people = [
                u
                for u in complaint.handlers.filter(is_active=True)
                if has_permission(u, COMPLAINT_HANDLE, complaint.org_unit)
            ]
            if not people:
                continue
            when = format_date(deadline.due)
            title = (
                f"Sắp đến hạn {when}: "
                f"{deadline.label.lower()} {complaint.get_kind_display().lower()} "
                f"nhận ngày {format_date(complaint.received_on)}"
            )
            body = (
                f"{complaint.get_kind_display()} tại {complaint.org_unit.name}, bước "
                f"“{deadline.label}”, hạn {when}."
                + (f" Căn cứ: {deadline.article}." if deadline.article else "")
            )
            created = notify(
                users=people,
                title=title[:200],
                body=body,
                url=reverse("inspections:complaint_detail", args=[complaint.pk]),
                dedupe_key=f"complaint:{complaint.pk}:{deadline.step}:{deadline.due.isoformat()}",
            )
            sent += len(created)
    return sent

"""Reminders to units whose report has not arrived: now, by the office, or on the round's schedule."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.notifications.services import notify
from binhdang.orgunits.models import OrgUnit

from .. import selectors
from ..errors import InvalidSubmission
from ..models import (
    TZ,
    ExpectedUnit,
    ReportingRound,
    RoundStatus,
    SubmissionStatus,
)
from .common import _deny


def _not_arrived(reporting_round: ReportingRound):
    """Expected units whose report has not reached (or been sent toward) the office."""
    return ExpectedUnit.objects.filter(round=reporting_round).exclude(
        submission__status__in=[
            SubmissionStatus.AWAITING_APPROVAL,
            SubmissionStatus.SUBMITTED,
            SubmissionStatus.ACCEPTED,
        ]
    )


def _remind(reporting_round: ReportingRound, unit_ids, step: str, title: str, body: str) -> int:
    sent = 0
    url = reverse("reporting:detail", kwargs={"slug": reporting_round.slug})
    for unit_id in unit_ids:
        sent += len(
            notify(
                users=selectors.unit_contacts([unit_id]),
                title=title,
                body=body,
                url=url,
                dedupe_key=f"round:{reporting_round.pk}:step:{step}:unit:{unit_id}",
            )
        )
    return sent


def remind_units_now(
    *, actor, reporting_round: ReportingRound, units: Iterable[OrgUnit], message: str
) -> int:
    """The standing office reminds chosen expected units now, with its own message. Returns
    the number of notifications sent."""
    _deny(selectors.can_manage(actor, reporting_round))
    if reporting_round.status == RoundStatus.CLOSED:
        raise InvalidSubmission({"message": _("This round is closed.")})
    message = (message or "").strip()
    if not message:
        raise InvalidSubmission({"message": _("Write the reminder message.")})
    unit_ids = list(
        ExpectedUnit.objects.filter(
            round=reporting_round, org_unit__in=[u.pk for u in units]
        ).values_list("org_unit_id", flat=True)
    )
    if not unit_ids:
        raise InvalidSubmission({"units": _("Choose at least one unit of this round.")})
    with transaction.atomic():
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        sent = _remind(
            reporting_round,
            unit_ids,
            f"manual-{stamp}",
            _("Reminder: %(round)s") % {"round": reporting_round.title},
            message,
        )
        record(
            actor=actor,
            action="round.remind",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={"units": unit_ids, "message": message, "sent": sent},
        )
    return sent


def due_step(reporting_round: ReportingRound, today: date) -> tuple[str, int] | None:
    """The latest schedule step due on `today`: ("-7", -7) for 7 days before the deadline,
    ("+3", 3) for 3 days after it, or None. Only the latest step is sent, so a sender that
    was down for a week does not send a burst of old reminders."""
    offset = (today - reporting_round.deadline).days
    if today < reporting_round.opens_on:
        return None
    if offset > 0 and reporting_round.remind_every_days_after:
        every = reporting_round.remind_every_days_after
        if offset >= every:
            step = offset // every * every
            return f"+{step}", step
    before = [o for o in reporting_round.reminder_offsets if o <= 0 and o <= offset]
    if before and offset <= 0:
        latest = max(before)
        return f"{latest}", latest
    return None


def send_due_reminders(now: datetime | None = None) -> int:
    """Send every scheduled reminder that is due at `now` to the reporters and heads of units
    that have not sent their report. Idempotent and safe to run concurrently: each (round,
    step, unit, user) notification exists once by the notification dedupe constraint.
    Returns the number of notifications sent."""
    now = now or timezone.now()
    today = now.astimezone(TZ).date()
    sent = 0
    for reporting_round in ReportingRound.objects.filter(status=RoundStatus.OPEN):
        step = due_step(reporting_round, today)
        if step is None:
            continue
        key, days = step
        deadline = reporting_round.deadline.strftime("%d/%m/%Y")
        if days <= 0:
            title = _("Reminder: the report “%(round)s” is due on %(deadline)s") % {
                "round": reporting_round.title,
                "deadline": deadline,
            }
            body = _("Your unit has not sent this report yet. The deadline is %(deadline)s.") % {
                "deadline": deadline
            }
        else:
            title = _("Overdue: the report “%(round)s” was due on %(deadline)s") % {
                "round": reporting_round.title,
                "deadline": deadline,
            }
            body = _(
                "Your unit's report is %(days)s days late. Please send it as soon as possible."
            ) % {"days": days}
        unit_ids = list(_not_arrived(reporting_round).values_list("org_unit_id", flat=True))
        with transaction.atomic():
            count = _remind(reporting_round, unit_ids, key, title, body)
            if count:
                record(
                    actor=None,
                    action="round.remind_scheduled",
                    obj=reporting_round,
                    org_unit=reporting_round.owner_unit,
                    changes={"step": key, "units": len(unit_ids), "sent": count},
                )
        sent += count
    return sent

"""The reporting app's rules on its own records, registered with `accounts.scoping`.

A report is its unit's work until it is sent: before it reaches the standing office (a draft,
a report waiting for the head's approval, a returned report being corrected) its text (the
section answers, the numbers, the unit's attachments, the snapshot taken when a reporter sends
it to the head) is read only by the unit itself, that is the users who write its report
(`scoping.report_writing_units`: its reporters and head). The standing office, the levels
above, leaders and viewers see that the report exists, its status and when it was last saved
(the submission row), and its text once it has arrived (submitted or accepted). A soft copy
the standing office attached on the unit's behalf is the office's own file and stays visible
to it.
"""

from django.db.models import Q

from binhdang.accounts.scoping import register_record_rule, report_writing_units
from binhdang.reporting.permissions import SUBMISSION_VIEW

from .models import (
    ARRIVED,
    SubmissionAnswer,
    SubmissionAttachment,
    SubmissionValue,
    SubmissionVersion,
    VersionEvent,
)


def sent_or_own_unit(user, prefix: str = "") -> Q:
    """Submissions (through `prefix`, e.g. "submission__") whose text `user` may read: sent
    to the standing office, or of a unit whose report the user writes."""
    return Q(**{f"{prefix}status__in": ARRIVED}) | Q(
        **{f"{prefix}org_unit__in": report_writing_units(user)}
    )


def answer_rule(user) -> Q:
    return sent_or_own_unit(user, "submission__")


def attachment_rule(user) -> Q:
    return sent_or_own_unit(user, "submission__") | Q(on_behalf=True)


def version_rule(user) -> Q:
    """Every snapshot from the one that reached the office on: a snapshot taken when a
    reporter sent the report to the head (a round with head approval) stays with the unit."""
    return (
        ~Q(event=VersionEvent.SUBMIT)
        | Q(submission__round__requires_head_approval=False)
        | Q(submission__org_unit__in=report_writing_units(user))
    )


def register() -> None:
    register_record_rule(SubmissionAnswer, SUBMISSION_VIEW, answer_rule)
    register_record_rule(SubmissionValue, SUBMISSION_VIEW, answer_rule)
    register_record_rule(SubmissionAttachment, SUBMISSION_VIEW, attachment_rule)
    register_record_rule(SubmissionVersion, SUBMISSION_VIEW, version_rule)

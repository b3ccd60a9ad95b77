"""A submission's states and the actions that move it between them: the one table.

Every service that changes a submission asks `require(status, action)` first, under the row
lock, and stores the state it returns. A pair missing from TRANSITIONS is refused with the
action's message (a ReportingError, nothing changed). Who may act is decided elsewhere
(accounts.scoping through the selectors); this table only says what the report's state allows.
"""

from django.utils.translation import gettext_lazy

from .errors import ReportingError
from .models import SubmissionStatus as S


class Action:
    SAVE = "save"  # the unit stores its draft
    ATTACH = "attach"  # the unit attaches a file
    ATTACH_ON_BEHALF = "attach_on_behalf"  # the standing office attaches an e-mailed copy
    SUBMIT = "submit"  # sent to the standing office
    SUBMIT_FOR_APPROVAL = "submit_for_approval"  # sent to the unit head first
    APPROVE = "approve"  # the head passes it on to the standing office
    SEND_BACK = "send_back"  # the head returns it to the reporter
    RETURN = "return"  # the standing office returns it for correction
    ACCEPT = "accept"
    CORRECT = "correct"  # the standing office corrects refused numbers
    REOPEN = "reopen"


TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, Action.SAVE): S.DRAFT,
    (S.RETURNED, Action.SAVE): S.RETURNED,
    (S.DRAFT, Action.ATTACH): S.DRAFT,
    (S.RETURNED, Action.ATTACH): S.RETURNED,
    (S.DRAFT, Action.ATTACH_ON_BEHALF): S.DRAFT,
    (S.RETURNED, Action.ATTACH_ON_BEHALF): S.RETURNED,
    (S.AWAITING_APPROVAL, Action.ATTACH_ON_BEHALF): S.AWAITING_APPROVAL,
    (S.SUBMITTED, Action.ATTACH_ON_BEHALF): S.SUBMITTED,
    (S.ACCEPTED, Action.ATTACH_ON_BEHALF): S.ACCEPTED,
    (S.DRAFT, Action.SUBMIT): S.SUBMITTED,
    (S.RETURNED, Action.SUBMIT): S.SUBMITTED,
    (S.DRAFT, Action.SUBMIT_FOR_APPROVAL): S.AWAITING_APPROVAL,
    (S.RETURNED, Action.SUBMIT_FOR_APPROVAL): S.AWAITING_APPROVAL,
    (S.AWAITING_APPROVAL, Action.APPROVE): S.SUBMITTED,
    (S.AWAITING_APPROVAL, Action.SEND_BACK): S.DRAFT,
    (S.SUBMITTED, Action.RETURN): S.RETURNED,
    (S.SUBMITTED, Action.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, Action.CORRECT): S.SUBMITTED,
    (S.ACCEPTED, Action.CORRECT): S.ACCEPTED,
    (S.SUBMITTED, Action.REOPEN): S.RETURNED,
    (S.ACCEPTED, Action.REOPEN): S.RETURNED,
}

# What the user reads when the report's state refuses the action.
REFUSALS = {
    Action.SAVE: gettext_lazy("This report has been sent and can no longer be changed here."),
    Action.ATTACH: gettext_lazy("This report has been sent; files can no longer be added."),
    Action.ATTACH_ON_BEHALF: gettext_lazy(
        "This report has been sent; files can no longer be added."
    ),
    Action.SUBMIT: gettext_lazy("This report has already been sent."),
    Action.SUBMIT_FOR_APPROVAL: gettext_lazy("This report has already been sent."),
    Action.APPROVE: gettext_lazy("This report is not waiting for approval."),
    Action.SEND_BACK: gettext_lazy("This report is not waiting for approval."),
    Action.RETURN: gettext_lazy("Only a submitted report can be returned."),
    Action.ACCEPT: gettext_lazy("Only a submitted report can be accepted."),
    Action.CORRECT: gettext_lazy("Only a submitted or accepted report can be corrected here."),
    Action.REOPEN: gettext_lazy("Only an accepted or submitted report can be reopened."),
}

ACTIONS = tuple(REFUSALS)


class TransitionRefused(ReportingError):
    """The report's state does not allow the action."""

    def __init__(self, status: str, action: str):
        self.status, self.action = status, action
        super().__init__(str(REFUSALS[action]))


def allowed(status: str, action: str) -> bool:
    return (status, action) in TRANSITIONS


def require(status: str, action: str) -> str:
    """The state `action` leads to from `status`; TransitionRefused when it is not allowed."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise TransitionRefused(status, action) from None


def actions_from(status: str) -> list[str]:
    """The actions the state allows, in the order of the table."""
    return [action for (state, action) in TRANSITIONS if state == status]

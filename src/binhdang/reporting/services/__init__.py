"""Every change to rounds and submissions: checked, in a transaction, audited, notified.

Domain errors (`ReportingError` and subclasses) carry a message for the user; views and the
API show it. Permission failures raise Http404 so nothing confirms an object exists.

One module per concern; every service is importable from here
(`from binhdang.reporting import services; services.submission_submit(...)`).
"""

from ..errors import InvalidSubmission, ReportingError, StaleDraft, StaleReview
from .attachments import attachment_add
from .common import ALLOWED_UPLOADS, MAX_VALUE
from .drafts import submission_save, submission_save_draft, submission_start
from .reminders import _not_arrived, due_step, remind_units_now, send_due_reminders
from .review import (
    submission_accept,
    submission_correct_values,
    submission_reopen,
    submission_return,
)
from .rounds import (
    COPIED_FIELD_ATTRS,
    expected_unit_readdress,
    field_add,
    form_field_add,
    form_section_add,
    round_close,
    round_create,
    round_open,
    round_regime_update,
    round_setup,
    section_add,
)
from .sending import submission_approve, submission_send_back, submission_submit
from .versions import snapshot

__all__ = [
    "ALLOWED_UPLOADS",
    "COPIED_FIELD_ATTRS",
    "MAX_VALUE",
    "InvalidSubmission",
    "ReportingError",
    "StaleDraft",
    "StaleReview",
    "_not_arrived",
    "attachment_add",
    "due_step",
    "expected_unit_readdress",
    "field_add",
    "form_field_add",
    "form_section_add",
    "remind_units_now",
    "round_close",
    "round_create",
    "round_open",
    "round_regime_update",
    "round_setup",
    "section_add",
    "send_due_reminders",
    "snapshot",
    "submission_accept",
    "submission_approve",
    "submission_correct_values",
    "submission_reopen",
    "submission_return",
    "submission_save",
    "submission_save_draft",
    "submission_send_back",
    "submission_start",
    "submission_submit",
]

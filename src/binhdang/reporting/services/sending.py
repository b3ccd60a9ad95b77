"""Sending a report: to the unit head for approval or to the standing office; the head's answer."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.core.rows import update
from binhdang.formats.numbers import format_number
from binhdang.notifications.services import notify

from .. import selectors
from ..errors import InvalidSubmission, ReportingError
from ..models import (
    AttachmentKind,
    ReviewComment,
    RoundStatus,
    Submission,
    SubmissionStatus,
    VersionEvent,
)
from ..states import Action, require
from .common import _deny, _submission_url
from .drafts import _check_parts_of
from .versions import _arrive, _finish, _keep_version, _lock, locked_text

# What a report sent has of its own: its text is then an attached file of these kinds.
OWN_FILES = (AttachmentKind.OWN_REPORT, AttachmentKind.EMAILED_COPY)
# What sending changes of the locked row (the rest stays as read under the lock).
SENT_FIELDS = [
    "status", "submitted_at", "first_submitted_at", "is_late", "submitted_by", "version",
    "updated_at",
]  # fmt: skip


def submission_submit(
    *,
    actor,
    submission: Submission,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Submission:
    """Send the report: to the unit head when the round requires approval, else to the
    standing office (timeliness recorded). Required numbers must be filled and "of which"
    numbers within their totals, or InvalidSubmission. Raises StaleDraft on a stale form."""
    _deny(selectors.can_edit_for(actor, submission.org_unit))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(submission, expected_version)
        action = (
            Action.SUBMIT_FOR_APPROVAL if locked.round.requires_head_approval else Action.SUBMIT
        )
        new_status = require(locked.status, action)
        if locked.round.status != RoundStatus.OPEN:
            raise ReportingError(_("This round is not open for reports."))
        # The round's form as this request read it (once), for the checks and the answer.
        if submission.round.pk == locked.round_id:
            locked.round = submission.round
        # The text as stored, read once: for the checks, the version's snapshot and the answer.
        text = locked_text(locked)
        stored = text.values
        errors = _check_parts_of(locked, stored)
        for field in selectors.form_parts(locked.round)[1]:
            if not field.required:
                continue
            if field.pk not in stored and not field.is_computed:
                errors[f"v_{field.code}"] = _("This number is required before sending.")
        errors.update(_unexplained_differences(locked, stored))
        has_text = any(answer != "" for answer in text.answers.values()) or any(
            a.kind in OWN_FILES for a in text.attachments
        )
        if not has_text:
            errors["form"] = _(
                "The report is empty: write at least one section or attach your own report file."
            )
        if errors:
            raise InvalidSubmission(errors)
        old = locked.status
        locked.status = new_status
        if new_status == SubmissionStatus.SUBMITTED:
            _arrive(locked, now)
        locked.submitted_by = actor
        locked.version += 1
        locked.updated_at = timezone.now()
        # Written out (`core.rows.update`), counting what a save of the row counts.
        Submission.changed()
        fields = [Submission._meta.get_field(name) for name in SENT_FIELDS]
        update(Submission, locked.pk, {f.name: getattr(locked, f.attname) for f in fields})
        version = _keep_version(locked, VersionEvent.SUBMIT, actor, text=text)
        record(
            actor=actor,
            action="submission.submit",
            obj=locked,
            org_unit=locked.org_unit,
            changes={
                "status": [old, locked.status],
                "late": locked.is_late,
                "version": version.number,
            },
        )
        url = _submission_url(locked)
        if locked.status == SubmissionStatus.AWAITING_APPROVAL:
            heads = selectors.unit_contacts([locked.org_unit_id], roles=["unit_head"])
            notify(
                users=heads,
                title=_("A report is waiting for your approval: %(round)s")
                % {"round": locked.round.title},
                body=_("%(unit)s prepared its report; please review and approve it.")
                % {"unit": locked.org_unit.name},
                url=url,
                dedupe_key=f"submission:{locked.pk}:approve:{version.number}",
            )
        else:
            _notify_office(locked, version.number)
    _finish(submission, locked)
    # The text read under the lock, for the sender's answer (`selectors.submission_content`).
    submission._saved_text = selectors.SavedText(
        user_id=actor.pk,
        version=submission.version,
        answers=text.answers,
        values=text.values,
        attachments=text.attachments,
    )
    return submission


def _unexplained_differences(submission: Submission, stored: dict) -> dict[str, str]:
    """The fields counted from the records whose number differs from the count, with no
    explanation: {"v_<code>": message}. A blank differs unless the records count nothing."""
    notes = submission.figure_notes or {}
    errors = {}
    counted = selectors.counted_figures(submission.round, submission.org_unit)
    for field in selectors.form_parts(submission.round)[1]:
        figure = counted.get(field.pk)
        if figure is None or notes.get(field.code):
            continue
        value = stored.get(field.pk)
        if (value is None and figure.value != 0) or (value is not None and value != figure.value):
            errors[f"v_{field.code}"] = _(
                "This number differs from the one counted from the records (%(counted)s): "
                "correct it, or say why in the explanation below."
            ) % {"counted": format_number(figure.value)}
    return errors


def _notify_office(locked: Submission, version_number: int) -> None:
    notify(
        users=selectors.office_contact_ids(locked.round),
        title=_("%(unit)s sent its report") % {"unit": locked.org_unit.name},
        body=locked.round.title,
        url=_submission_url(locked) + "review/",
        dedupe_key=f"submission:{locked.pk}:arrived:{version_number}",
        email=False,
    )


def submission_approve(*, actor, submission: Submission, now: datetime | None = None) -> Submission:
    """The unit head approves: the report goes to the standing office (timeliness counts
    from now)."""
    _deny(selectors.can_approve_for(actor, submission.org_unit))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(submission)
        locked.status = require(locked.status, Action.APPROVE)
        _arrive(locked, now)
        locked.approved_at = now
        locked.approved_by = actor
        locked.version += 1
        locked.save()
        version = _keep_version(locked, VersionEvent.APPROVE, actor)
        record(
            actor=actor,
            action="submission.approve",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"status": ["awaiting_approval", "submitted"], "late": locked.is_late},
        )
        _notify_office(locked, version.number)
    return _finish(submission, locked)


def submission_send_back(*, actor, submission: Submission, reason: str) -> Submission:
    """The unit head sends the report back to the reporter (status draft) with a reason."""
    _deny(selectors.can_approve_for(actor, submission.org_unit))
    if not reason.strip():
        raise InvalidSubmission({"reason": _("Say what should be changed.")})
    with transaction.atomic():
        locked = _lock(submission)
        locked.status = require(locked.status, Action.SEND_BACK)
        locked.version += 1
        locked.save()
        ReviewComment.objects.create(submission=locked, text=reason.strip(), author=actor)
        record(actor=actor, action="submission.send_back", obj=locked, org_unit=locked.org_unit,
               changes={"reason": reason.strip()})  # fmt: skip
        notify(
            users=selectors.unit_contacts([locked.org_unit_id], roles=["reporter"]),
            title=_("Your head sent the report back: %(round)s") % {"round": locked.round.title},
            body=reason.strip(),
            url=_submission_url(locked),
            dedupe_key=f"submission:{locked.pk}:sendback:{locked.version}",
        )
    return _finish(submission, locked)

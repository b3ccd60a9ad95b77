"""The standing office's review: return with comments, accept, correct numbers, reopen."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.formats.numbers import format_number, parse_id
from binhdang.indicators.services import IndicatorError, record_values_from_submission
from binhdang.notifications.services import notify

from .. import selectors
from ..errors import InvalidSubmission, StaleReview
from ..models import (
    ReviewComment,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    VersionEvent,
)
from ..states import Action, require
from .common import _deny, _submission_url, log
from .drafts import _check_parts_of, _clean
from .versions import _finish, _keep_version, _lock


def submission_return(
    *,
    actor,
    submission: Submission,
    comments: dict,
    general: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Submission:
    """The standing office returns a submitted report with comments per section
    ({section_id: text}) and/or a general comment; at least one is required. The unit's
    reporters and head are notified. Raises StaleReview when the report is not at
    `expected_version` (the version the reviewer read)."""
    _deny(selectors.can_review(actor, submission.round))
    cleaned = {
        int(k): str(v).strip()
        for k, v in comments.items()
        if parse_id(k) is not None and str(v or "").strip()
    }
    general = (general or "").strip()
    if not cleaned and not general:
        raise InvalidSubmission(
            {"form": _("Write at least one comment so the unit knows what to correct.")}
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = _reviewed(submission, expected_version)
        new_status = require(locked.status, Action.RETURN)
        sections = {s.pk for s in locked.round.sections.all()}
        locked.status = new_status
        locked.returned_at = now
        locked.version += 1
        locked.save()
        version = _keep_version(locked, VersionEvent.RETURN, actor, note=general)
        ReviewComment.objects.bulk_create(
            [
                ReviewComment(
                    submission=locked, section_id=sid, text=text, author=actor, version=version
                )
                for sid, text in cleaned.items()
                if sid in sections
            ]
            + (
                [ReviewComment(submission=locked, text=general, author=actor, version=version)]
                if general
                else []
            )
        )
        record(
            actor=actor,
            action="submission.return",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"status": ["submitted", "returned"], "comments": len(cleaned) + bool(general)},
        )
        first = general or next(iter(cleaned.values()))
        notify(
            users=selectors.unit_contacts([locked.org_unit_id]),
            title=_("Your report was returned for correction: %(round)s")
            % {"round": locked.round.title},
            body=first,
            url=_submission_url(locked),
            dedupe_key=f"submission:{locked.pk}:return:{version.number}",
        )
    return _finish(submission, locked)


def _reviewed(submission: Submission, expected_version: int | None) -> Submission:
    """The locked submission, refused with StaleReview when it is not the version the
    reviewer read (`None`: a caller that does not track versions, as the API before 1.1)."""
    locked = _lock(submission)
    if expected_version is not None and locked.version != expected_version:
        raise StaleReview(locked.version)
    return locked


def submission_accept(
    *,
    actor,
    submission: Submission,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Submission:
    """The standing office accepts a submitted report; it is then locked, and its values
    linked to indicator data elements are recorded by the indicators app. Raises
    StaleReview when the report is not at `expected_version` (the version the reviewer read).
    When an indicator rule refuses the values, none is recorded (the indicators app records
    all or nothing): `submission.indicator_problems` then lists them
    (selectors.indicator_problems), else it is empty."""
    _deny(selectors.can_review(actor, submission.round))
    now = now or timezone.now()
    submission.indicator_problems = []
    with transaction.atomic():
        locked = _reviewed(submission, expected_version)
        locked.status = require(locked.status, Action.ACCEPT)
        locked.accepted_at = now
        locked.accepted_by = actor
        locked.version += 1
        locked.save()
        version = _keep_version(locked, VersionEvent.ACCEPT, actor)
        record(
            actor=actor,
            action="submission.accept",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"status": ["submitted", "accepted"]},
        )
        notify(
            users=selectors.unit_contacts([locked.org_unit_id]),
            title=_("Your report was accepted: %(round)s") % {"round": locked.round.title},
            url=_submission_url(locked),
            dedupe_key=f"submission:{locked.pk}:accept:{version.number}",
            email=False,
        )
        # The indicators app may refuse a value (a field linked to an unknown data element);
        # that must not stop the standing office from accepting the report.
        submission.indicator_problems = _record_indicators(locked, actor)
    return _finish(submission, locked)


def _record_indicators(locked: Submission, actor) -> list[selectors.IndicatorProblem]:
    """Record the accepted report's linked values as indicator values; the problems when an
    indicator rule refuses them (nothing recorded then, and the acceptance stands)."""
    # The indicators app may refuse a value (a rule broken, an unknown data element); that
    # must not stop the standing office from accepting the report.
    try:
        with transaction.atomic():
            record_values_from_submission(submission=locked, actor=actor)
    except IndicatorError as exc:
        log.warning("indicator values of submission %s not recorded: %s", locked.pk, exc)
        problems = selectors.indicator_problems_from(locked, getattr(exc, "result", None))
        record(
            actor=actor,
            action="submission.indicators_not_recorded",
            obj=locked,
            org_unit=locked.org_unit,
            changes={
                "error": str(exc),
                "values": {p.code: p.messages for p in problems},
            },
        )
        return problems or [
            selectors.IndicatorProblem(code="", label="", value="", messages=[str(exc)])
        ]
    return []


def submission_correct_values(
    *, actor, submission: Submission, values: dict, expected_version: int
) -> Submission:
    """The standing office corrects numbers of a submitted or accepted report that an
    indicator rule refuses (`values` = {field code: typed text}, checked as the unit's own
    entry is). A version is kept with the old and new numbers, the unit is told, and an
    accepted report's values are recorded again: `submission.indicator_problems` lists what
    is still refused. Raises StaleReview on another version, InvalidSubmission (nothing
    changed) on a bad or missing value, ReportingError in another state."""
    _deny(selectors.can_review(actor, submission.round))
    reporting_round = submission.round
    wanted = {str(code): text for code, text in (values or {}).items()}
    _answers, cleaned, errors = _clean(reporting_round, {"values": wanted})
    codes = dict(reporting_round.fields.values_list("pk", "code"))
    for field_id, value in cleaned.items():
        if value is None:
            errors[f"v_{codes[field_id]}"] = _("Enter the corrected number.")
    if errors:
        raise InvalidSubmission(errors)
    if not cleaned:
        raise InvalidSubmission({"form": _("Enter the corrected numbers.")})
    submission.indicator_problems = []
    with transaction.atomic():
        locked = _reviewed(submission, expected_version)
        locked.status = require(locked.status, Action.CORRECT)
        fields = {f.pk: f for f in reporting_round.fields.all()}
        stored = {v.field_id: v for v in locked.values.all()}
        changes = {}
        for field_id, value in cleaned.items():
            row = stored.get(field_id)
            old = row.value if row is not None else None
            if old == value:
                continue
            code = fields[field_id].code
            changes[code] = [
                None if old is None else f"{old.normalize():f}",
                f"{value.normalize():f}",
            ]
            if row is None:
                SubmissionValue.objects.create(submission=locked, field_id=field_id, value=value)
            else:
                row.value = value
                row.save(update_fields=["value"])
        if not changes:
            raise InvalidSubmission({"form": _("These are already the report's numbers.")})
        errors = _check_parts_of(locked)
        if errors:
            raise InvalidSubmission(errors)
        labels = {f.code: f.label for f in fields.values()}

        def shown(text):
            return format_number(Decimal(text)) if text is not None else "—"

        note = "; ".join(
            f"{labels[code]}: {shown(old)} → {shown(new)}" for code, (old, new) in changes.items()
        )
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        version = _keep_version(locked, VersionEvent.CORRECT, actor, note=note)
        record(
            actor=actor,
            action="submission.correct_values",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"values": changes, "version": version.number},
        )
        notify(
            users=selectors.unit_contacts([locked.org_unit_id]),
            title=_("The standing office corrected numbers of your report: %(round)s")
            % {"round": reporting_round.title},
            body=note,
            url=_submission_url(locked),
            dedupe_key=f"submission:{locked.pk}:correct:{version.number}",
            email=False,
        )
        if locked.status == SubmissionStatus.ACCEPTED:
            submission.indicator_problems = _record_indicators(locked, actor)
    return _finish(submission, locked)


def submission_reopen(*, actor, submission: Submission, reason: str) -> Submission:
    """Unlock an accepted (or submitted) report so the unit can correct it: status returned,
    the reason kept as a comment, a version and an audit entry. A reason is required."""
    _deny(selectors.can_review(actor, submission.round))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidSubmission({"reason": _("A reason is required to reopen a report.")})
    with transaction.atomic():
        locked = _lock(submission)
        old = locked.status
        locked.status = require(locked.status, Action.REOPEN)
        locked.returned_at = timezone.now()
        locked.accepted_at = None
        locked.version += 1
        locked.save()
        version = _keep_version(locked, VersionEvent.REOPEN, actor, note=reason)
        ReviewComment.objects.create(submission=locked, text=reason, author=actor, version=version)
        record(
            actor=actor,
            action="submission.reopen",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"status": [old, "returned"], "reason": reason},
        )
        notify(
            users=selectors.unit_contacts([locked.org_unit_id]),
            title=_("Your report was reopened: %(round)s") % {"round": locked.round.title},
            body=reason,
            url=_submission_url(locked),
            dedupe_key=f"submission:{locked.pk}:reopen:{version.number}",
        )
    return _finish(submission, locked)

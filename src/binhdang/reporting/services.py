"""Every change to rounds and submissions: checked, in a transaction, audited, notified.

Domain errors (`ReportingError` and subclasses) carry a message for the user; views and the
API show it. Permission failures raise Http404 so nothing confirms an object exists.
"""

import logging
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.numbers import NumberError, format_number, parse_id, parse_number
from binhdang.indicators.services import IndicatorError, record_values_from_submission
from binhdang.notifications.services import notify
from binhdang.orgunits.models import OrgUnit, UnitGroup

from . import selectors
from .models import (
    ALL_PARTS,
    TZ,
    AttachmentKind,
    ExpectedUnit,
    FormSection,
    NumericField,
    ReportingRound,
    ReviewComment,
    RoundStatus,
    Submission,
    SubmissionAnswer,
    SubmissionAttachment,
    SubmissionStatus,
    SubmissionValue,
    SubmissionVersion,
    ValueType,
    VersionEvent,
)

log = logging.getLogger(__name__)
ALLOWED_UPLOADS = {"docx", "xlsx", "pdf"}
# A figure of a report fits numeric(18, 4) with room to spare.
MAX_VALUE = Decimal("1e13")


class ReportingError(Exception):
    """A request that cannot be carried out; `str(exc)` is a message for the user."""


class StaleDraft(ReportingError):
    """The stored submission is newer than the version the form was loaded with."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            _(
                "This report was saved elsewhere (another tab or a colleague) after you opened "
                "it. Your text was not saved over it: copy what you need, then reload the page."
            )
        )


class StaleReview(ReportingError):
    """The report changed (a new version was sent) after the reviewer opened it."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            _(
                "This report changed after you opened it (a newer version was sent). Nothing "
                "was done: read the text shown now, then accept or return it."
            )
        )


class InvalidSubmission(ReportingError):
    """Some fields are wrong; `errors` maps a form key to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(_("Please correct the marked fields."))


def _deny(condition: bool) -> None:
    if not condition:
        raise Http404


def _submission_url(submission: Submission) -> str:
    return reverse(
        "reporting:submission",
        kwargs={"slug": submission.round.slug, "unit_id": submission.org_unit_id},
    )


# ---------------------------------------------------------------- rounds


def round_create(
    *,
    actor,
    title: str,
    slug: str,
    owner_unit: OrgUnit,
    standing_office: OrgUnit,
    opens_on: date,
    deadline: date,
    period_year: int,
    period_type: str = "year",
    period_number: int | None = None,
    directive=None,
    soft_copy_email: str = "",
    requires_head_approval: bool = False,
    reminder_offsets: list[int] | None = None,
    remind_every_days_after: int = 3,
    groups: Iterable[UnitGroup] = (),
    units: Iterable[OrgUnit] = (),
) -> ReportingRound:
    """Create a draft round addressed to `groups` and `units`. The actor needs ROUND_MANAGE
    on the owner unit or the standing office. Raises ReportingError on a taken slug or a
    deadline before the opening date."""
    if not (
        selectors.has_permission(actor, selectors.ROUND_MANAGE, owner_unit)
        or selectors.has_permission(actor, selectors.ROUND_MANAGE, standing_office)
    ):
        raise Http404
    if deadline < opens_on:
        raise ReportingError(_("The deadline cannot be before the opening date."))
    with transaction.atomic():
        if ReportingRound.objects.filter(slug=slug).exists():
            raise ReportingError(_("A round with this short name already exists."))
        reporting_round = ReportingRound.objects.create(
            title=title,
            slug=slug,
            owner_unit=owner_unit,
            standing_office=standing_office,
            opens_on=opens_on,
            deadline=deadline,
            period_year=period_year,
            period_type=period_type,
            period_number=period_number,
            directive=directive,
            soft_copy_email=soft_copy_email,
            requires_head_approval=requires_head_approval,
            reminder_offsets=[-7, -2] if reminder_offsets is None else list(reminder_offsets),
            remind_every_days_after=remind_every_days_after,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        reporting_round.addressed_groups.set(list(groups))
        reporting_round.addressed_units.set(list(units))
        record(actor=actor, action="round.create", obj=reporting_round, org_unit=owner_unit)
    return reporting_round


def section_add(
    *,
    reporting_round: ReportingRound,
    number: str,
    title: str,
    task=None,
    guidance: str = "",
    parts: list[str] | None = None,
    position: int | None = None,
) -> FormSection:
    """Add (or update, by number) a narrative section of the round's form."""
    section, _created = FormSection.objects.update_or_create(
        round=reporting_round,
        number=number,
        defaults={
            "title": title,
            "task": task,
            "guidance": guidance,
            "parts": parts or list(ALL_PARTS),
            "position": position if position is not None else reporting_round.sections.count(),
        },
    )
    return section


def field_add(*, reporting_round: ReportingRound, code: str, label: str, **values) -> NumericField:
    """Add (or update, by code) a numeric field of the round's form."""
    values.setdefault("position", reporting_round.fields.count())
    field, _created = NumericField.objects.update_or_create(
        round=reporting_round, code=code, defaults={"label": label, **values}
    )
    return field


def round_open(*, actor, reporting_round: ReportingRound) -> int:
    """Open a draft round: freeze its expected units from the addressed groups (each row
    remembers its group) and single units. Returns the number of expected units. Running it
    on an open round adds units that joined a group since (never removes any)."""
    _deny(actor is None or selectors.can_manage(actor, reporting_round))
    if reporting_round.status == RoundStatus.CLOSED:
        raise ReportingError(_("This round is closed."))
    with transaction.atomic():
        rows: dict[int, int | None] = {}
        for group in reporting_round.addressed_groups.all():
            for unit_id in group.resolve().values_list("pk", flat=True):
                rows.setdefault(unit_id, group.pk)
        for unit_id in reporting_round.addressed_units.values_list("pk", flat=True):
            rows.setdefault(unit_id, None)
        ExpectedUnit.objects.bulk_create(
            [
                ExpectedUnit(round=reporting_round, org_unit_id=u, unit_group_id=g)
                for u, g in rows.items()
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        changes = {"expected_units": len(rows)}
        if reporting_round.status != RoundStatus.OPEN:
            changes["status"] = [reporting_round.status, RoundStatus.OPEN]
            reporting_round.status = RoundStatus.OPEN
            reporting_round.save(update_fields=["status"])
        record(
            actor=actor,
            action="round.open",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes=changes,
        )
    return ExpectedUnit.objects.filter(round=reporting_round).count()


def round_close(*, actor, reporting_round: ReportingRound) -> None:
    _deny(selectors.can_manage(actor, reporting_round))
    with transaction.atomic():
        reporting_round.status = RoundStatus.CLOSED
        reporting_round.save(update_fields=["status"])
        record(actor=actor, action="round.close", obj=reporting_round)


# ---------------------------------------------------------------- drafts


def submission_start(*, actor, reporting_round: ReportingRound, org_unit: OrgUnit) -> Submission:
    """The unit's submission, created empty (version 0) on first use. Only an expected unit
    of an open round, by someone who may write its report. Safe against two first saves."""
    _deny(selectors.can_edit_for(actor, org_unit) or selectors.can_review(actor, reporting_round))
    expected = ExpectedUnit.objects.filter(round=reporting_round, org_unit=org_unit).first()
    _deny(expected is not None)
    existing = Submission.objects.filter(round=reporting_round, org_unit=org_unit).first()
    if existing is not None:
        return existing
    if reporting_round.status != RoundStatus.OPEN:
        raise ReportingError(_("This round is not open for reports."))
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                round=reporting_round, org_unit=org_unit, version=0, updated_by=actor
            )
            ExpectedUnit.objects.filter(pk=expected.pk).update(submission=submission)
            record(actor=actor, action="submission.start", obj=submission, org_unit=org_unit)
    except IntegrityError:
        submission = Submission.objects.get(round=reporting_round, org_unit=org_unit)
    return submission


def _clean(reporting_round: ReportingRound, data: dict) -> tuple[dict, dict, dict]:
    """Validate form data -> ({(section_id, part): text}, {field_id: Decimal|None}, errors).

    `data` = {"answers": {"<section_id>:<part>": text}, "values": {"<field code>": text}};
    keys left out are not touched."""
    sections = {s.pk: s for s in reporting_round.sections.all()}
    fields = {f.code: f for f in reporting_round.fields.all()}
    answers, values, errors = {}, {}, {}
    for key, text in (data.get("answers") or {}).items():
        section_id, _sep, part = str(key).partition(":")
        section = sections.get(parse_id(section_id))
        if section is None or part not in (section.parts or ALL_PARTS):
            continue
        text = str(text or "").replace("\r\n", "\n")
        if len(text) > 50000:
            errors[f"a_{section.pk}_{part}"] = _(
                "This text is too long (at most 50,000 characters)."
            )
            continue
        answers[(section.pk, part)] = text
    for code, text in (data.get("values") or {}).items():
        field = fields.get(str(code))
        if field is None or field.is_computed:
            continue
        try:
            # Typed text follows the one rule of binhdang.formats.numbers; JSON numbers from
            # the API are taken as they are.
            value = parse_number(
                text,
                integer=field.value_type == ValueType.INT,
                percent=field.value_type == ValueType.PERCENT,
                max_abs=MAX_VALUE,
            )
        except NumberError as exc:
            errors[f"v_{field.code}"] = exc.message
            continue
        if value is None:
            values[field.pk] = None
        elif field.min_value is not None and value < field.min_value:
            errors[f"v_{field.code}"] = _("The value cannot be less than %(min)s.") % {
                "min": format_number(field.min_value)
            }
        elif field.max_value is not None and value > field.max_value:
            errors[f"v_{field.code}"] = _("The value cannot be more than %(max)s.") % {
                "max": format_number(field.max_value)
            }
        else:
            values[field.pk] = value
    return answers, values, errors


def _check_parts_of(submission: Submission) -> dict[str, str]:
    """'Of which' fields may not exceed their total (women participants <= participants)."""
    stored = {v.field_id: v.value for v in submission.values.all()}
    errors = {}
    for field in submission.round.fields.filter(part_of__isnull=False).select_related("part_of"):
        part, total = stored.get(field.pk), stored.get(field.part_of_id)
        if part is not None and total is not None and part > total:
            errors[f"v_{field.code}"] = _("Cannot be more than “%(total)s” (%(value)s).") % {
                "total": field.part_of.label,
                "value": f"{total.normalize():f}",
            }
    return errors


def submission_save_draft(
    *, actor, submission: Submission, data: dict, expected_version: int
) -> Submission:
    """Store the given answers and values. Raises StaleDraft when the stored version is not
    `expected_version` (never overwrites newer work), InvalidSubmission (nothing saved) on a
    bad value, ReportingError when the report is no longer editable. Returns the submission
    with its new `version`."""
    _deny(selectors.can_edit_for(actor, submission.org_unit))
    answers, values, errors = _clean(submission.round, data)
    if errors:
        raise InvalidSubmission(errors)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.version != expected_version:
            raise StaleDraft(locked.version)
        if locked.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
            raise ReportingError(_("This report has been sent and can no longer be changed here."))
        # The round and the unit are already loaded (and never change): no second fetch for
        # the audit entry on this, the most frequent write of a deadline day.
        locked.round, locked.org_unit = submission.round, submission.org_unit
        existing = {(a.section_id, a.part): a for a in locked.answers.all()}
        new_answers, changed_answers = [], []
        for (section_id, part), text in answers.items():
            row = existing.get((section_id, part))
            if row is None:
                if text:
                    new_answers.append(
                        SubmissionAnswer(
                            submission=locked, section_id=section_id, part=part, text=text
                        )
                    )
            elif row.text != text:
                row.text = text
                changed_answers.append(row)
        SubmissionAnswer.objects.bulk_create(new_answers)
        SubmissionAnswer.objects.bulk_update(changed_answers, ["text"])
        stored = {v.field_id: v for v in locked.values.all()}
        new_values, changed_values, removed = [], [], []
        for field_id, value in values.items():
            row = stored.get(field_id)
            if value is None:
                if row is not None:
                    removed.append(row.pk)
            elif row is None:
                new_values.append(
                    SubmissionValue(submission=locked, field_id=field_id, value=value)
                )
            elif row.value != value:
                row.value = value
                changed_values.append(row)
        SubmissionValue.objects.bulk_create(new_values)
        SubmissionValue.objects.bulk_update(changed_values, ["value"])
        SubmissionValue.objects.filter(pk__in=removed).delete()
        locked.version += 1
        locked.updated_by = actor
        locked.save(update_fields=["version", "updated_by", "updated_at"])
        record(
            actor=actor,
            action="submission.save_draft",
            obj=locked,
            org_unit=locked.org_unit,
            changes={
                "version": [expected_version, locked.version],
                "answers": len(new_answers) + len(changed_answers),
                "values": len(new_values) + len(changed_values) + len(removed),
            },
        )
    submission.version = locked.version
    submission.updated_at = locked.updated_at
    return submission


# ---------------------------------------------------------------- snapshots


def snapshot(submission: Submission) -> dict:
    """Every answer and value, keyed by section number and field code (stable, readable)."""
    answers = {
        f"{a.section.number}:{a.part}": a.text
        for a in submission.answers.select_related("section").order_by("section__position")
        if a.text
    }
    values = {
        v.field.code: f"{v.value.normalize():f}"
        for v in submission.values.select_related("field").order_by("field__position")
    }
    attachments = [
        f"{a.original_name} ({a.get_kind_display()})" for a in submission.attachments.all()
    ]
    return {"answers": answers, "values": values, "attachments": attachments}


def _keep_version(submission: Submission, event: str, actor, note: str = "") -> SubmissionVersion:
    last = submission.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return SubmissionVersion.objects.create(
        submission=submission,
        number=last + 1,
        event=event,
        data=snapshot(submission),
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _lock(submission: Submission, expected_version: int | None = None) -> Submission:
    locked = (
        Submission.objects.select_for_update()
        .select_related("round", "org_unit")
        .get(pk=submission.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise StaleDraft(locked.version)
    return locked


def _arrive(locked: Submission, moment: datetime) -> None:
    """The report reaches the standing office: timeliness is fixed on the first arrival."""
    locked.status = SubmissionStatus.SUBMITTED
    locked.submitted_at = moment
    if locked.first_submitted_at is None:
        locked.first_submitted_at = moment
        locked.is_late = locked.round.is_late(moment)


def _finish(submission: Submission, locked: Submission) -> Submission:
    for name in (
        "status", "version", "submitted_at", "first_submitted_at", "is_late", "approved_at",
        "returned_at", "accepted_at",
    ):  # fmt: skip
        setattr(submission, name, getattr(locked, name))
    return submission


# ---------------------------------------------------------------- workflow


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
        if locked.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
            raise ReportingError(_("This report has already been sent."))
        if locked.round.status != RoundStatus.OPEN:
            raise ReportingError(_("This round is not open for reports."))
        errors = _check_parts_of(locked)
        filled = set(locked.values.values_list("field_id", flat=True))
        for field in locked.round.fields.filter(required=True):
            if field.pk not in filled and not field.is_computed:
                errors[f"v_{field.code}"] = _("This number is required before sending.")
        has_text = (
            locked.answers.exclude(text="").exists()
            or locked.attachments.filter(
                kind__in=[AttachmentKind.OWN_REPORT, AttachmentKind.EMAILED_COPY]
            ).exists()
        )
        if not has_text:
            errors["form"] = _(
                "The report is empty: write at least one section or attach your own report file."
            )
        if errors:
            raise InvalidSubmission(errors)
        old = locked.status
        if locked.round.requires_head_approval:
            locked.status = SubmissionStatus.AWAITING_APPROVAL
        else:
            _arrive(locked, now)
        locked.submitted_by = actor
        locked.version += 1
        locked.save()
        version = _keep_version(locked, VersionEvent.SUBMIT, actor)
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
    return _finish(submission, locked)


def _notify_office(locked: Submission, version_number: int) -> None:
    notify(
        users=selectors.office_contacts(locked.round),
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
        if locked.status != SubmissionStatus.AWAITING_APPROVAL:
            raise ReportingError(_("This report is not waiting for approval."))
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
        if locked.status != SubmissionStatus.AWAITING_APPROVAL:
            raise ReportingError(_("This report is not waiting for approval."))
        locked.status = SubmissionStatus.DRAFT
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
        if locked.status != SubmissionStatus.SUBMITTED:
            raise ReportingError(_("Only a submitted report can be returned."))
        sections = {s.pk for s in locked.round.sections.all()}
        locked.status = SubmissionStatus.RETURNED
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
        if locked.status != SubmissionStatus.SUBMITTED:
            raise ReportingError(_("Only a submitted report can be accepted."))
        locked.status = SubmissionStatus.ACCEPTED
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
        if locked.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED):
            raise ReportingError(_("Only a submitted or accepted report can be corrected here."))
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
        if locked.status not in (SubmissionStatus.ACCEPTED, SubmissionStatus.SUBMITTED):
            raise ReportingError(_("Only an accepted or submitted report can be reopened."))
        old = locked.status
        locked.status = SubmissionStatus.RETURNED
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


# ---------------------------------------------------------------- attachments


def attachment_add(
    *, actor, submission: Submission, uploaded, kind: str = AttachmentKind.SUPPORTING
) -> SubmissionAttachment:
    """Attach a Word, Excel or PDF file. The unit attaches while the report is editable; the
    standing office may attach a soft copy received by e-mail at any time, recorded as on the
    unit's behalf. Raises ReportingError (UploadRejected's message) and stores nothing on a
    bad file; the row is written only after the file is stored, and the file is removed if
    the transaction fails."""
    by_unit = selectors.can_edit_for(actor, submission.org_unit)
    by_office = selectors.can_review(actor, submission.round)
    _deny(by_unit or by_office)
    if kind not in AttachmentKind.values:
        kind = AttachmentKind.SUPPORTING
    on_behalf = not by_unit
    if on_behalf:
        kind = AttachmentKind.EMAILED_COPY
    try:
        checked = check_upload(uploaded, allowed=ALLOWED_UPLOADS)
    except UploadRejected as exc:
        raise ReportingError(str(exc)) from exc
    stored_name = None
    attachment = SubmissionAttachment(
        submission=submission,
        original_name=checked.name,
        extension=checked.extension,
        size=checked.size,
        kind=kind,
        uploaded_by=actor,
        on_behalf=on_behalf,
    )
    try:
        with transaction.atomic():
            locked = _lock(submission)
            if not on_behalf and locked.status not in (
                SubmissionStatus.DRAFT,
                SubmissionStatus.RETURNED,
            ):
                raise ReportingError(_("This report has been sent; files can no longer be added."))
            attachment.submission = locked
            attachment.file.save(checked.name, uploaded, save=False)
            stored_name = attachment.file.name
            attachment.save()
            if on_behalf:
                locked.on_behalf_by = actor
                locked.on_behalf_note = _("Soft copy received by e-mail, attached by %(user)s") % {
                    "user": actor.get_full_name()
                }
            locked.version += 1
            locked.save(update_fields=["version", "on_behalf_by", "on_behalf_note", "updated_at"])
            submission.version = locked.version
            record(
                actor=actor,
                action="submission.attach",
                obj=locked,
                org_unit=locked.org_unit,
                changes={"file": checked.name, "kind": kind, "on_behalf": on_behalf},
            )
    except BaseException:
        if stored_name:
            attachment.file.storage.delete(stored_name)
        raise
    return attachment


# ---------------------------------------------------------------- reminders


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


# ---------------------------------------------------------------- setting up a round's form

COPIED_FIELD_ATTRS = (
    "unit_of_measure",
    "value_type",
    "min_value",
    "max_value",
    "required",
    "data_element_code",
    "disaggregation",
)


def round_setup(
    *, actor, directive=None, copy_fields_from: ReportingRound | None = None, **values
) -> ReportingRound:
    """Create a draft round (`values` as for `round_create`) with its form, all or nothing:
    one section per top-level task of `directive` (number and title, linked to the task), and
    the numeric fields of `copy_fields_from` (the caller has checked the actor may see it;
    a field keeps its section when the new form has a section of the same number).
    Raises Http404 without ROUND_MANAGE, ReportingError on bad values."""
    with transaction.atomic():
        reporting_round = round_create(actor=actor, directive=directive, **values)
        if directive is not None:
            # Top-level items are numbered without a dot ("1", "2"), as on the paper form.
            top = directive.tasks.exclude(number__contains=".").order_by("position", "id")
            for task in top:
                section_add(
                    reporting_round=reporting_round,
                    number=task.number,
                    title=(task.title or task.text or task.number)[:500],
                    task=task,
                )
        if copy_fields_from is not None:
            sections = {s.number: s for s in reporting_round.sections.all()}
            copied: dict[int, NumericField] = {}
            for field in copy_fields_from.fields.select_related("section").order_by(
                "position", "id"
            ):
                copied[field.pk] = field_add(
                    reporting_round=reporting_round,
                    code=field.code,
                    label=field.label,
                    section=sections.get(field.section.number) if field.section else None,
                    part_of=copied.get(field.part_of_id),
                    numerator=copied.get(field.numerator_id),
                    denominator=copied.get(field.denominator_id),
                    **{name: getattr(field, name) for name in COPIED_FIELD_ATTRS},
                )
        record(
            actor=actor,
            action="round.setup",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={
                "sections": reporting_round.sections.count(),
                "fields": reporting_round.fields.count(),
            },
        )
    return reporting_round


def _editable_form(actor, reporting_round: ReportingRound) -> None:
    _deny(selectors.can_manage(actor, reporting_round))
    if reporting_round.status != RoundStatus.DRAFT:
        raise ReportingError(_("The form can only be changed while the round is a draft."))


def form_section_add(
    *, actor, reporting_round: ReportingRound, number: str, title: str
) -> FormSection:
    """Add (or retitle, by number) a section of a draft round's form. Http404 without
    ROUND_MANAGE on the round; ReportingError once the round is open."""
    _editable_form(actor, reporting_round)
    with transaction.atomic():
        section = section_add(reporting_round=reporting_round, number=number, title=title)
        record(
            actor=actor,
            action="round.section_add",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={"number": number, "title": title},
        )
    return section


def form_field_add(
    *,
    actor,
    reporting_round: ReportingRound,
    code: str,
    label: str,
    unit_of_measure: str = "",
    value_type: str = ValueType.INT,
    section: FormSection | None = None,
) -> NumericField:
    """Add (or update, by code) a numeric field of a draft round's form. Http404 without
    ROUND_MANAGE on the round; ReportingError once the round is open."""
    _editable_form(actor, reporting_round)
    if section is not None and section.round_id != reporting_round.pk:
        raise ReportingError(_("This section belongs to another round."))
    with transaction.atomic():
        field = field_add(
            reporting_round=reporting_round,
            code=code,
            label=label,
            unit_of_measure=unit_of_measure,
            value_type=value_type,
            section=section,
        )
        record(
            actor=actor,
            action="round.field_add",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={"code": code, "label": label},
        )
    return field

"""A unit's draft: created on first use, its answers and values checked and stored."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.core.rows import prepared_cursor, table
from binhdang.formats.numbers import NumberError, format_number, parse_id, parse_number
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import OrgUnit

from .. import selectors
from ..errors import InvalidSubmission, ReportingError, StaleDraft
from ..models import (
    ALL_PARTS,
    ExpectedUnit,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionAnswer,
    SubmissionValue,
    ValueType,
)
from ..states import TRANSITIONS, Action, require
from .common import MAX_VALUE, _deny

# The states a draft may be saved in; saving keeps the state (reporting/states.py).
SAVE_STATES = [state for (state, action), after in TRANSITIONS.items() if action == Action.SAVE]


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
    round_sections, round_fields = selectors.form_parts(reporting_round)
    sections = {s.pk: s for s in round_sections}
    fields = {f.code: f for f in round_fields}
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


MAX_NOTE = 2000


def _clean_notes(reporting_round: ReportingRound, data: dict) -> tuple[dict, dict]:
    """The explanations of figures in `data["explanations"]` ({field code: text}) for the
    round's fields counted from the records -> ({code: text}, errors)."""
    fields = {f.code: f for f in selectors.form_parts(reporting_round)[1] if f.computed_from}
    notes, errors = {}, {}
    for code, text in (data.get("explanations") or {}).items():
        if str(code) not in fields:
            continue
        try:
            notes[str(code)] = clean_text(str(text or "").strip(), max_length=MAX_NOTE)
        except TextError as exc:
            errors[f"x_{code}"] = str(exc)
    return notes, errors


def _store_notes(submission: Submission, notes: dict, expected_version: int) -> bool:
    """Merge `notes` into the submission's explanations (an empty text removes one), the row
    being locked by the caller. True when they changed."""
    if not notes:
        return False
    if submission.version == expected_version:
        current = dict(submission.figure_notes or {})
    else:
        current = dict(
            Submission.objects.values_list("figure_notes", flat=True).get(pk=submission.pk) or {}
        )
    merged = {**current, **notes}
    merged = {code: text for code, text in merged.items() if text}
    if merged == current:
        return False
    Submission.objects.filter(pk=submission.pk).update(figure_notes=merged)
    submission.figure_notes = merged
    return True


def _check_parts_of(submission: Submission, stored: dict | None = None) -> dict[str, str]:
    """'Of which' fields may not exceed their total (women participants <= participants).
    `stored`: the submission's {field id: value} when the caller has read them already."""
    if stored is None:
        stored = {v.field_id: v.value for v in submission.values.all()}
    fields = selectors.form_parts(submission.round)[1]
    by_pk = {f.pk: f for f in fields}
    errors = {}
    for field in fields:
        if field.part_of_id is None:
            continue
        part, total = stored.get(field.pk), stored.get(field.part_of_id)
        if part is not None and total is not None and part > total:
            whole = by_pk.get(field.part_of_id) or field.part_of
            errors[f"v_{field.code}"] = _("Cannot be more than “%(total)s” (%(value)s).") % {
                "total": whole.label,
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
    notes, note_errors = _clean_notes(submission.round, data)
    errors.update(note_errors)
    if errors:
        raise InvalidSubmission(errors)
    now = timezone.now()
    with transaction.atomic():
        if not _take(submission, expected_version, actor, now):
            current = Submission.objects.get(pk=submission.pk)
            if current.version != expected_version:
                raise StaleDraft(current.version, submission)
            require(current.status, Action.SAVE)
            raise StaleDraft(current.version, submission)
        answers_stored, values_stored = selectors.stored_text(submission.pk)
        # What differs from the stored text, written as one upsert per table (new and changed
        # rows alike) and one DELETE of the numbers cleared.
        answer_rows = [
            {"submission": submission.pk, "section": section_id, "part": part, "text": text}
            for (section_id, part), text in answers.items()
            if answers_stored.get((section_id, part), "") != text
        ]
        value_rows = [
            {"submission": submission.pk, "field": field_id, "value": value}
            for field_id, value in values.items()
            if value is not None and values_stored.get(field_id) != value
        ]
        removed = [f for f, value in values.items() if value is None and f in values_stored]
        _upsert(SubmissionAnswer, answer_rows, ("submission", "section", "part"), "text")
        _upsert(SubmissionValue, value_rows, ("submission", "field"), "value")
        if removed:
            SubmissionValue.objects.filter(submission=submission, field_id__in=removed).delete()
        notes_changed = _store_notes(submission, notes, expected_version)
        submission.version = expected_version + 1
        submission.updated_by, submission.updated_at = actor, now
        record(
            actor=actor,
            action="submission.save_draft",
            obj=submission,
            org_unit=submission.org_unit,
            changes={
                "version": [expected_version, submission.version],
                "answers": len(answer_rows),
                "values": len(value_rows) + len(removed),
                **({"explanations": sorted(notes)} if notes_changed else {}),
            },
        )
    # The text as stored now, for the writer's answer (`selectors.submission_content`).
    answers_stored.update({(row["section"], row["part"]): row["text"] for row in answer_rows})
    values_stored.update(
        {row["field"]: selectors.stored_decimal(row["value"]) for row in value_rows}
    )
    for field_id in removed:
        del values_stored[field_id]
    submission._saved_text = selectors.SavedText(
        user_id=actor.pk,
        version=submission.version,
        answers=answers_stored,
        values=values_stored,
    )
    return submission


# The draft save's two writes are written out in SQL: it is the most frequent write of a
# deadline day, and Django compiling them cost more than the database takes to run them
# (loadtest/README.md, seventh pass).


def _take(submission: Submission, expected_version: int, actor, now) -> bool:
    """One UPDATE checks the version and the state, takes the row lock the writes that
    follow hold until commit, and counts the version up (SAVE keeps the state). It writes
    `Submission.uncounted_fields` alone, so it counts no generation on."""
    meta = Submission._meta
    quote = connection.ops.quote_name
    version, by, at, status = (
        quote(meta.get_field(name).column)
        for name in ("version", "updated_by", "updated_at", "status")
    )
    states = ", ".join(["%s"] * len(SAVE_STATES))
    sql = (
        f"UPDATE {table(Submission)} SET {version} = {version} + 1, {by} = %s, {at} = %s"  # noqa: S608 - the model's names
        f" WHERE id = %s AND {version} = %s AND {status} IN ({states})"
    )
    moment = meta.get_field("updated_at").get_db_prep_save(now, connection)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [actor.pk, moment, submission.pk, expected_version, *SAVE_STATES])
        return cursor.rowcount == 1


def _upsert(model, rows: list[dict], unique: tuple[str, ...], update: str) -> None:
    """`rows` ({field name: value}) inserted in one statement, a row whose `unique` fields
    are stored already taking the new `update` value (PostgreSQL and SQLite alike)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in rows[0]]
    names = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(rows))
    conflict = ", ".join(quote(model._meta.get_field(name).column) for name in unique)
    target = quote(model._meta.get_field(update).column)
    sql = (
        f"INSERT INTO {table(model)} ({names}) VALUES {marks}"  # noqa: S608 - the model's names
        f" ON CONFLICT ({conflict}) DO UPDATE SET {target} = excluded.{target}"
    )
    params = [f.get_db_prep_save(row[f.name], connection) for row in rows for f in fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)


def submission_save(
    *,
    actor,
    reporting_round: ReportingRound,
    org_unit: OrgUnit,
    data: dict,
    expected_version: int | None = None,
    submission: Submission | None = None,
) -> Submission:
    """The one way every writer stores a unit's report (the page, its autosave, the API, a
    conflict resolved, the upward report of a consolidated report, the demo): the unit's
    submission, created on first use (`submission_start`), then `data` stored
    (`submission_save_draft`). `submission` is the one the caller already read, if any;
    `expected_version` the version its form was loaded with (None: the one just read, for a
    writer that holds no form). Raises as those two do (a StaleDraft carries the submission).
    Returns the submission with its new version."""
    if submission is None:
        submission = submission_start(
            actor=actor, reporting_round=reporting_round, org_unit=org_unit
        )
    return submission_save_draft(
        actor=actor,
        submission=submission,
        data=data,
        expected_version=submission.version if expected_version is None else expected_version,
    )

"""A submission's kept versions, its row lock, and the fields a state change copies back."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone

from binhdang.core.rows import columns, create, prepared_cursor, table

from .. import selectors
from ..errors import StaleDraft
from ..models import (
    ReportingRound,
    Submission,
    SubmissionAttachment,
    SubmissionVersion,
)
from ..selectors import stored_text


@dataclass
class LockedText:
    """A submission's answers, numbers and attachments as stored, read under its row lock:
    what a state change checks, keeps as the version's snapshot, and answers with."""

    answers: dict  # (section id, part) -> text
    values: dict  # numeric field id -> Decimal
    attachments: list  # SubmissionAttachment, in their order
    snapshot: dict  # `snapshot`


def locked_text(submission: Submission) -> LockedText:
    """The text of a submission read with `_lock`: the answers and the numbers in one query
    (`selectors.stored_text`), placed by their section's and field's number, code and
    position in the round's form (`selectors.form_parts`), the attachments in a second query
    only when it has any."""
    by_answer, by_value = stored_text(submission.pk)
    sections, fields = selectors.form_parts(submission.round)
    sections = {section.pk: section for section in sections}
    fields = {field.pk: field for field in fields}
    # Each stored answer and number is of a section and a field of the round's form (they
    # go with them); the form as read in this request places them, unless it changed since.
    if not all(key[0] in sections for key in by_answer) or not all(f in fields for f in by_value):
        sections = {section.pk: section for section in submission.round.sections.all()}
        fields = {field.pk: field for field in submission.round.fields.all()}
    # In the form's order, and in the order they were first stored within one section.
    shown_answers = {
        f"{sections[section_id].number}:{part}": text
        for _position, _order, (section_id, part), text in sorted(
            (sections[key[0]].position, order, key, text)
            for order, (key, text) in enumerate(by_answer.items())
        )
        if text
    }
    shown_values = {
        fields[field_id].code: f"{value.normalize():f}"
        for _position, _order, field_id, value in sorted(
            (fields[field_id].position, order, field_id, value)
            for order, (field_id, value) in enumerate(by_value.items())
        )
    }
    has_attachments = getattr(submission, "has_attachments", True)
    attachments = list(submission.attachments.all()) if has_attachments else []
    return LockedText(
        answers=by_answer,
        values=by_value,
        attachments=attachments,
        snapshot={
            "answers": shown_answers,
            "values": shown_values,
            "attachments": [f"{a.original_name} ({a.get_kind_display()})" for a in attachments],
        },
    )


def snapshot(submission: Submission) -> dict:
    """Every answer and value, keyed by section number and field code (stable, readable),
    in the form's order, and the attachments."""
    return locked_text(submission).snapshot


def _keep_version(
    submission: Submission, event: str, actor, note: str = "", text: LockedText | None = None
) -> SubmissionVersion:
    """A new version of the submission read with `_lock`, its snapshot taken from `text`
    when the caller has read it under the lock already."""
    last = getattr(submission, "last_version_number", None)
    if last is None:
        last = submission.versions.order_by("-number").values_list("number", flat=True).first() or 0
    values = {
        "submission": submission.pk,
        "number": last + 1,
        "event": event,
        "data": (text or locked_text(submission)).snapshot,
        "note": note,
        "actor": actor.pk if getattr(actor, "is_authenticated", False) else None,
        "created_at": timezone.now(),
    }
    # Written out (`core.rows.create`): every state change of every report keeps one.
    version = create(SubmissionVersion, values)
    submission.last_version_number = version.number
    return version


def _lock(submission: Submission, expected_version: int | None = None) -> Submission:
    """The submission read again and locked until the transaction ends, with the number of
    its last version and whether it has attachments (`_keep_version`, `locked_text`).

    The round's row is held shared, not locked: the units of one round send side by side,
    while a change of the round (closing it writes its row) waits for the sends under way,
    and a send that starts during one waits for it and then reads the round as it left it."""
    _share_round(submission.round_id)
    locked = _locked_row(submission)
    if expected_version is not None and locked.version != expected_version:
        raise StaleDraft(locked.version)
    return locked


def _locked_row(submission: Submission) -> Submission:
    """The submission's row locked (`FOR UPDATE` where the database has it), with its round
    read again, the number of its last version and whether it has attachments: one query,
    written out (`core.rows`), as every state change reads it. Its unit is the caller's."""
    row, reporting_round = columns(Submission, "s"), columns(ReportingRound, "r")
    lock = " FOR UPDATE OF s" if connection.features.has_select_for_update_of else ""
    sql = (
        f"SELECT {row.sql}, {reporting_round.sql},"  # noqa: S608 - the models' names
        f" (SELECT MAX(v.number) FROM {table(SubmissionVersion)} v WHERE v.submission_id = s.id),"
        f" EXISTS(SELECT 1 FROM {table(SubmissionAttachment)} a WHERE a.submission_id = s.id)"
        f" FROM {table(Submission)} s JOIN {table(ReportingRound)} r ON r.id = s.round_id"
        f" WHERE s.id = %s{lock}"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [submission.pk])
        found = cursor.fetchone()
    if found is None:
        raise Submission.DoesNotExist
    locked = row.build(found[: row.width])
    locked.round = reporting_round.build(found[row.width : row.width + reporting_round.width])
    locked.org_unit = submission.org_unit
    locked.last_version_number = found[-2] or 0
    locked.has_attachments = bool(found[-1])
    return locked


def _share_round(round_id: int) -> None:
    """`SELECT ... FOR SHARE` of the round's row until the transaction ends, which Django's
    `select_for_update` cannot ask for. SQLite runs one writing transaction at a time, so it
    needs no row lock."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(ReportingRound._meta.db_table)
    with prepared_cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE", [round_id])  # noqa: S608


def _arrive(locked: Submission, moment: datetime) -> None:
    """The report reaches the standing office: timeliness is fixed on the first arrival."""
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

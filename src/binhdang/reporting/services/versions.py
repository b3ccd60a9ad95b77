"""A submission's kept versions, its row lock, and the fields a state change copies back."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import DecimalField, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..errors import StaleDraft
from ..models import (
    ReportingRound,
    Submission,
    SubmissionAnswer,
    SubmissionAttachment,
    SubmissionValue,
    SubmissionVersion,
)
from ..selectors import stored_decimal


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
    (one UNION ALL, with their section's and field's number, code and position), the
    attachments in a second one only when it has any."""
    number = DecimalField(max_digits=18, decimal_places=4)
    answers = (
        SubmissionAnswer.objects.filter(submission_id=submission.pk)
        .order_by()
        .values_list(
            Value(0), "pk", "section_id", "part", "text", Value(None, output_field=number),
            "section__position", "section__number",
        )
    )  # fmt: skip
    values = (
        SubmissionValue.objects.filter(submission_id=submission.pk)
        .order_by()
        .values_list(
            Value(1), "pk", "field_id", Value(""), Value(""), "value", "field__position",
            "field__code",
        )
    )  # fmt: skip
    # By id, as `selectors.stored_text` gives them; the snapshot in the form's order.
    rows = sorted(answers.union(values, all=True), key=lambda row: (row[0], row[1]))
    by_answer, by_value, shown_answers, shown_values = {}, {}, {}, {}
    for kind, _pk, ref, part, text, value, _position, _label in rows:
        if kind == 0:
            by_answer[(ref, part)] = text
        else:
            by_value[ref] = stored_decimal(value)
    for kind, _pk, _ref, part, text, value, _position, label in sorted(
        rows, key=lambda row: (row[0], row[6], row[1])
    ):
        if kind == 1:
            shown_values[label] = f"{value.normalize():f}"
        elif text:
            shown_answers[f"{label}:{part}"] = text
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
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=last + 1,
        event=event,
        data=(text or locked_text(submission)).snapshot,
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    submission.last_version_number = version.number
    return version


def _lock(submission: Submission, expected_version: int | None = None) -> Submission:
    """The submission read again and locked until the transaction ends, with the number of
    its last version and whether it has attachments (`_keep_version`, `locked_text`).

    The round's row is held shared, not locked: the units of one round send side by side,
    while a change of the round (closing it writes its row) waits for the sends under way,
    and a send that starts during one waits for it and then reads the round as it left it."""
    _share_round(submission.round_id)
    last_version = (
        SubmissionVersion.objects.filter(submission=OuterRef("pk"))
        .order_by("-number")
        .values("number")[:1]
    )
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round", "org_unit")
        .annotate(
            last_version_number=Coalesce(Subquery(last_version), 0),
            has_attachments=Exists(SubmissionAttachment.objects.filter(submission=OuterRef("pk"))),
        )
        .get(pk=submission.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise StaleDraft(locked.version)
    return locked


def _share_round(round_id: int) -> None:
    """`SELECT ... FOR SHARE` of the round's row until the transaction ends, which Django's
    `select_for_update` cannot ask for. SQLite runs one writing transaction at a time, so it
    needs no row lock."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(ReportingRound._meta.db_table)
    with connection.cursor() as cursor:
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

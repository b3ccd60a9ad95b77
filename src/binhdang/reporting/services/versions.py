"""A submission's kept versions, its row lock, and the fields a state change copies back."""

from datetime import datetime

from ..errors import StaleDraft
from ..models import (
    Submission,
    SubmissionVersion,
)


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

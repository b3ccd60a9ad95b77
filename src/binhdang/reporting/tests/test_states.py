"""The table of a submission's states: every allowed move works through its service, every
other is refused with its Vietnamese message and leaves the report as it was."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from binhdang.audit.models import AuditEntry
from binhdang.reporting import services, states
from binhdang.reporting.models import EDITABLE, ReportingRound, Submission, SubmissionStatus
from binhdang.reporting.states import Action

from .factories import PDF_BYTES, fill, make_round

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def in_state(world, status: str) -> Submission:
    """Commune A's report brought to `status` by the services a user would press."""
    reporting_round = make_round(
        world, slug=f"states-{status}", requires_head_approval=status == S.AWAITING_APPROVAL
    )
    submission = fill(world, reporting_round)
    if status != S.DRAFT:
        services.submission_submit(actor=world.reporter_a, submission=submission)
    if status == S.RETURNED:
        services.submission_return(
            actor=world.standing_office, submission=submission, comments={}, general="Bổ sung"
        )
    if status == S.ACCEPTED:
        services.submission_accept(actor=world.standing_office, submission=submission)
    submission = Submission.objects.select_related("round", "org_unit").get(pk=submission.pk)
    assert submission.status == status
    return submission


def pdf():
    return SimpleUploadedFile("ban-mem.pdf", PDF_BYTES, content_type="application/pdf")


def press(world, action: str, submission: Submission) -> None:
    """Ask the service that carries out `action` to do it, as its user would."""
    office, reporter, head = world.standing_office, world.reporter_a, world.head_a
    if action in (Action.SUBMIT, Action.SUBMIT_FOR_APPROVAL):
        wanted = action == Action.SUBMIT_FOR_APPROVAL
        ReportingRound.objects.filter(pk=submission.round_id).update(requires_head_approval=wanted)
        submission.round.refresh_from_db()
    section = submission.round.sections.get(number="1")
    calls = {
        Action.SAVE: lambda: services.submission_save_draft(
            actor=reporter,
            submission=submission,
            expected_version=submission.version,
            data={"answers": {f"{section.pk}:done": "Sửa lại đoạn này"}},
        ),  # fmt: skip
        Action.ATTACH: lambda: services.attachment_add(
            actor=reporter, submission=submission, uploaded=pdf()
        ),
        Action.ATTACH_ON_BEHALF: lambda: services.attachment_add(
            actor=office, submission=submission, uploaded=pdf()
        ),
        Action.SUBMIT: lambda: services.submission_submit(actor=reporter, submission=submission),
        Action.SUBMIT_FOR_APPROVAL: lambda: services.submission_submit(
            actor=reporter, submission=submission
        ),
        Action.APPROVE: lambda: services.submission_approve(actor=head, submission=submission),
        Action.SEND_BACK: lambda: services.submission_send_back(
            actor=head, submission=submission, reason="Bổ sung số liệu"
        ),
        Action.RETURN: lambda: services.submission_return(
            actor=office, submission=submission, comments={}, general="Bổ sung số liệu"
        ),
        Action.ACCEPT: lambda: services.submission_accept(actor=office, submission=submission),
        Action.CORRECT: lambda: services.submission_correct_values(
            actor=office,
            submission=submission,
            values={"courses": "4"},
            expected_version=submission.version,
        ),  # fmt: skip
        Action.REOPEN: lambda: services.submission_reopen(
            actor=office, submission=submission, reason="Mở lại để sửa"
        ),
    }
    assert set(calls) == set(states.ACTIONS)
    calls[action]()


def stored(submission: Submission) -> tuple:
    row = Submission.objects.get(pk=submission.pk)
    return (
        row.status,
        row.version,
        row.updated_at,
        row.versions.count(),
        row.attachments.count(),
        row.comments.count(),
        list(row.answers.values_list("text", flat=True)),
        list(row.values.values_list("value", flat=True)),
        AuditEntry.objects.filter(object_id=str(row.pk)).count(),
    )


CASES = list(itertools.product(S.values, states.ACTIONS))


@pytest.mark.parametrize(("status", "action"), CASES)
def test_it_moves_as_the_table_says_and_refuses_every_other_move(world, status, action):
    submission = in_state(world, status)
    before = stored(submission)
    if states.allowed(status, action):
        press(world, action, submission)
        assert (
            Submission.objects.get(pk=submission.pk).status == states.TRANSITIONS[(status, action)]
        )
        return
    with translation.override("vi"), pytest.raises(states.TransitionRefused) as refused:
        press(world, action, submission)
    with translation.override("vi"):
        message = str(states.REFUSALS[action])
    with translation.override("en"):
        english = str(states.REFUSALS[action])
    assert str(refused.value) == message != english
    assert isinstance(refused.value, services.ReportingError)
    assert stored(submission) == before


def test_the_table_names_only_known_states_and_actions():
    for (status, action), target in states.TRANSITIONS.items():
        assert status in S.values and target in S.values
        assert action in states.ACTIONS
    # Every state can be left, and the unit's editable states are the ones the table lets it save.
    assert all(states.actions_from(status) for status in S.values)
    assert {s for s in S.values if states.allowed(s, Action.SAVE)} == set(EDITABLE)


def test_the_refusal_is_in_vietnamese_for_every_action():
    for action in states.ACTIONS:
        with translation.override("en"):
            english = str(states.TransitionRefused(S.ACCEPTED, action))
        with translation.override("vi"):
            vietnamese = str(states.TransitionRefused(S.ACCEPTED, action))
        assert vietnamese != english and vietnamese.startswith(("Báo cáo", "Chỉ"))

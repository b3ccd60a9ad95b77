from datetime import datetime, timedelta

import pytest

from binhdang.audit.models import AuditEntry
from binhdang.reporting import selectors, services
from binhdang.reporting.models import TZ, Submission, SubmissionStatus

from .factories import fill, make_round

pytestmark = pytest.mark.django_db


def at(day, hour=10, minute=0, month=12):
    return datetime(2023, month, day, hour, minute, tzinfo=TZ)


def test_it_expects_units_of_groups_and_single_units(world):
    reporting_round = make_round(world)
    expected = set(reporting_round.expected_units.values_list("name", flat=True))
    assert expected == {"Xã Phú Linh", "Xã Kim Thạch", "Hội Liên hiệp Phụ nữ huyện"}


def test_it_refuses_a_stale_draft_and_keeps_the_newer_work(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    tab_one = Submission.objects.get(pk=submission.pk)
    tab_two = Submission.objects.get(pk=submission.pk)
    section = reporting_round.sections.get(number="1")
    services.submission_save_draft(
        actor=world.head_a, submission=tab_one,
        data={"answers": {f"{section.pk}:done": "Bản mới hơn"}}, expected_version=tab_one.version,
    )  # fmt: skip
    with pytest.raises(services.StaleDraft) as exc:
        services.submission_save_draft(
            actor=world.reporter_a, submission=tab_two,
            data={"answers": {f"{section.pk}:done": "Bản cũ"}}, expected_version=tab_two.version,
        )  # fmt: skip
    assert exc.value.current_version == tab_one.version
    assert submission.answers.get(part="done").text == "Bản mới hơn"


def test_it_refuses_bad_numbers_and_saves_nothing(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    version = Submission.objects.get(pk=submission.pk).version
    with pytest.raises(services.InvalidSubmission) as exc:
        services.submission_save_draft(
            actor=world.reporter_a, submission=submission,
            data={"values": {"participants": "-3", "courses": "abc"}}, expected_version=version,
        )  # fmt: skip
    assert set(exc.value.errors) == {"v_participants", "v_courses"}
    assert Submission.objects.get(pk=submission.pk).version == version


@pytest.mark.parametrize(
    ("moment", "late"),
    [(at(5, 23, 59), False), (at(6, 0, 0), True), (at(4), False), (at(7), True)],
)
def test_it_counts_the_whole_deadline_day_as_on_time(world, moment, late):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission, now=moment)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.is_late is late


def test_it_keeps_timeliness_of_the_first_arrival_after_a_return(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission, now=at(4))
    section = reporting_round.sections.get(number="1")
    services.submission_return(
        actor=world.standing_office, submission=submission, comments={section.pk: "Bổ sung số nữ"}
    )
    services.submission_submit(actor=world.reporter_a, submission=submission, now=at(9))
    submission.refresh_from_db()
    assert submission.is_late is False
    assert submission.submitted_at == at(9)


def test_it_sends_to_the_head_first_when_the_round_requires_it(world):
    reporting_round = make_round(world, slug="with-head", requires_head_approval=True)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission, now=at(5))
    assert submission.status == SubmissionStatus.AWAITING_APPROVAL
    assert submission.is_late is None
    services.submission_approve(actor=world.head_a, submission=submission, now=at(6, 8))
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.is_late is True


def test_it_requires_a_reason_to_reopen_and_audits_it(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission)
    services.submission_accept(actor=world.standing_office, submission=submission)
    with pytest.raises(services.InvalidSubmission):
        services.submission_reopen(actor=world.standing_office, submission=submission, reason=" ")
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.ACCEPTED
    services.submission_reopen(
        actor=world.standing_office, submission=submission, reason="Sai số liệu lớp tập huấn"
    )
    entry = AuditEntry.objects.get(action="submission.reopen")
    assert entry.changes["reason"] == "Sai số liệu lớp tập huấn"
    assert entry.actor == world.standing_office
    assert submission.status == SubmissionStatus.RETURNED


def test_it_locks_an_accepted_submission(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission)
    services.submission_accept(actor=world.standing_office, submission=submission)
    with pytest.raises(services.ReportingError):
        services.submission_save_draft(
            actor=world.reporter_a,
            submission=submission,
            data={},
            expected_version=submission.version,
        )


def test_it_refuses_women_above_the_total_on_submit(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_save_draft(
        actor=world.reporter_a, submission=submission,
        data={"values": {"participants_women": "500"}}, expected_version=submission.version,
    )  # fmt: skip
    with pytest.raises(services.InvalidSubmission) as exc:
        services.submission_submit(actor=world.reporter_a, submission=submission)
    assert "v_participants_women" in exc.value.errors
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.DRAFT


def test_it_keeps_every_version(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Lần đầu")
    services.submission_submit(actor=world.reporter_a, submission=submission)
    services.submission_return(
        actor=world.standing_office, submission=submission, comments={}, general="Sửa"
    )
    section = reporting_round.sections.get(number="1")
    services.submission_save_draft(
        actor=world.reporter_a, submission=submission,
        data={"answers": {f"{section.pk}:done": "Lần hai"}}, expected_version=submission.version,
    )  # fmt: skip
    services.submission_submit(actor=world.reporter_a, submission=submission)
    services.submission_accept(actor=world.standing_office, submission=submission)
    versions = list(submission.versions.order_by("number"))
    assert [v.event for v in versions] == ["submit", "return", "submit", "accept"]
    assert versions[0].data["answers"]["1:done"] == "Lần đầu"
    assert versions[2].data["answers"]["1:done"] == "Lần hai"


def test_it_counts_completeness_at_each_step(world):
    reporting_round = make_round(world)

    def totals():
        c = selectors.completeness(world.standing_office, reporting_round).totals
        return {k: v for k, v in c.items() if v}

    assert totals() == {"expected": 3, "missing": 3}
    submission = fill(world, reporting_round)
    assert totals() == {"expected": 3, "missing": 2, "draft": 1}
    services.submission_submit(actor=world.reporter_a, submission=submission, now=at(7))
    assert totals() == {"expected": 3, "missing": 2, "late": 1}
    services.submission_return(
        actor=world.standing_office, submission=submission, comments={}, general="x"
    )
    assert totals() == {"expected": 3, "missing": 2, "returned": 1}
    b = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    services.submission_submit(actor=world.reporter_b, submission=b, now=at(1))
    services.submission_accept(actor=world.standing_office, submission=b)
    assert totals() == {"expected": 3, "missing": 1, "returned": 1, "on_time": 1, "accepted": 1}
    groups = selectors.completeness(world.standing_office, reporting_round).groups
    communes = next(g for g in groups if g["unit_group__name"])
    assert (communes["expected"], communes["on_time"], communes["returned"]) == (2, 1, 1)


def test_it_reminds_each_step_once(world, mailoutbox, django_capture_on_commit_callbacks):
    make_round(world)
    before = at(28, 9, month=11)  # 7 days before the deadline
    # reporter and head of A, reporter of B, reporter of the Women's Union
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(before) == 4
    assert services.send_due_reminders(before + timedelta(hours=1)) == 0
    assert services.send_due_reminders(at(3)) == 4
    assert services.send_due_reminders(at(4)) == 0
    assert len(mailoutbox) == 4
    assert "05/12/2023" in mailoutbox[0].subject


def test_it_skips_units_that_submitted(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission, now=at(1))
    # commune B's reporter and the Women's Union's
    assert services.send_due_reminders(at(3)) == 2
    assert services.send_due_reminders(at(8)) == 2  # 3 days after the deadline
    assert services.send_due_reminders(at(9)) == 0


def test_the_completeness_row_count_from_the_counts_is_the_rows_count(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission, now=at(7))
    b = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    services.submission_submit(actor=world.reporter_b, submission=b, now=at(1))
    services.submission_accept(actor=world.standing_office, submission=b)
    groups = selectors.completeness(world.standing_office, reporting_round).groups
    group_values = ["", "none", "999999", "x"] + [str(g["unit_group_id"]) for g in groups]
    known = 0
    for bucket in ["", "to_review", "accepted", "nonsense", *selectors.BUCKETS]:
        for group in group_values:
            for q in ["", "  "]:
                data = selectors.completeness(
                    world.standing_office, reporting_round, bucket=bucket, group=group, q=q
                )
                if data.row_count is not None:
                    known += 1
                    assert data.row_count == data.rows.count(), (bucket, group)
    assert known == 9 * len(group_values) * 2
    assert selectors.completeness(world.standing_office, reporting_round, q="a").row_count is None


def test_a_kept_version_places_the_text_by_the_form_as_it_is(world):
    """The snapshot of a version names each answer by its section's number and each number
    by its field's code, in the form's order, even when the form read earlier in the request
    no longer holds a section the text is of."""
    from binhdang.reporting.models import FormSection
    from binhdang.reporting.services.versions import locked_text

    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Đã tổ chức 3 buổi")
    first = reporting_round.sections.order_by("position").first()
    added = FormSection.objects.create(
        round=reporting_round, number="9", title="Mô hình mới", position=first.position
    )
    first.position += 1
    first.save()
    services.submission_save_draft(
        actor=world.reporter_a, submission=submission,
        data={"answers": {f"{added.pk}:done": "Câu lạc bộ “Gia đình hạnh phúc”"}},
        expected_version=submission.version,
    )  # fmt: skip
    stale = Submission.objects.select_related("round").get(pk=submission.pk)
    stale.round._form_parts = ([first], [])  # the form as it was before the section came
    text = locked_text(stale)
    assert list(text.snapshot["answers"]) == ["9:done", f"{first.number}:done"]
    assert text.snapshot["answers"]["9:done"] == "Câu lạc bộ “Gia đình hạnh phúc”"
    assert text.answers[(added.pk, "done")] == "Câu lạc bộ “Gia đình hạnh phúc”"

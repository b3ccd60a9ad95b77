"""`submission_save`, the one write every writer of a unit's report shares: the submission is
created on first use, then the text and numbers stored, all checked by the same rules."""

import pytest

from binhdang.audit.models import AuditEntry
from binhdang.reporting import services
from binhdang.reporting.models import ReportingRound, RoundStatus, Submission

from .factories import make_round

pytestmark = pytest.mark.django_db


def _data(reporting_round, text):
    section = reporting_round.sections.get(number="1")
    return {"answers": {f"{section.pk}:done": text}, "values": {"participants": "1.204"}}


def test_the_first_save_creates_the_submission_and_stores_the_report(world):
    reporting_round = make_round(world)
    submission = services.submission_save(
        actor=world.reporter_a, reporting_round=reporting_round, org_unit=world.commune_a,
        data=_data(reporting_round, "Tổ chức 3 buổi tuyên truyền"), expected_version=0,
    )  # fmt: skip
    stored = Submission.objects.get(round=reporting_round, org_unit=world.commune_a)
    assert stored.pk == submission.pk and stored.version == submission.version == 1
    assert stored.answers.get().text == "Tổ chức 3 buổi tuyên truyền"
    assert str(stored.values.get().value.normalize()) == "1204"
    actions = AuditEntry.objects.filter(object_id=str(stored.pk)).values_list("action", flat=True)
    assert sorted(actions) == ["submission.save_draft", "submission.start"]


def test_a_stale_writer_is_refused_and_told_which_submission_moved_on(world):
    reporting_round = make_round(world)
    first = services.submission_save(
        actor=world.reporter_a, reporting_round=reporting_round, org_unit=world.commune_a,
        data=_data(reporting_round, "Bản của tab thứ nhất"),
    )  # fmt: skip
    with pytest.raises(services.StaleDraft) as stale:
        services.submission_save(
            actor=world.head_a, reporting_round=reporting_round, org_unit=world.commune_a,
            data=_data(reporting_round, "Bản cũ của tab thứ hai"), expected_version=0,
        )  # fmt: skip
    assert stale.value.submission.pk == first.pk
    assert stale.value.current_version == 1
    assert Submission.objects.get(pk=first.pk).answers.get().text == "Bản của tab thứ nhất"


def test_nothing_is_created_when_the_round_is_not_open(world):
    reporting_round = make_round(world)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(status=RoundStatus.CLOSED)
    reporting_round.refresh_from_db()
    with pytest.raises(services.ReportingError):
        services.submission_save(
            actor=world.reporter_a, reporting_round=reporting_round, org_unit=world.commune_a,
            data=_data(reporting_round, "Muộn"),
        )  # fmt: skip
    assert not Submission.objects.filter(round=reporting_round).exists()

"""The statutory time limits: counted from the day after the event, a last day falling on a
day off moved to the next working day, working days skipping weekends and holidays."""

from datetime import date
from types import SimpleNamespace

import pytest

from binhdang.inspections import deadlines


def complaint(**kw):
    values = {
        "kind": "complaint", "received_on": date(2023, 11, 20), "complexity": "ordinary",
        "remote_area": False, "acceptance": "", "decided_on": None, "verified_on": None,
        "verification_due": None, "concluded_on": None,
    }  # fmt: skip
    values.update(kw)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        # Khiếu nại: 10 days from receipt (Điều 27); 20/11/2023 + 10 = Thu 30/11/2023.
        ("complaint", date(2023, 11, 20), date(2023, 11, 30)),
        # 10 days end on Sat 25/11/2023: moved to Mon 27/11/2023.
        ("complaint", date(2023, 11, 15), date(2023, 11, 27)),
        # Tố cáo: 7 working days (Điều 24): Mon 20/11/2023 -> Wed 29/11/2023.
        ("denunciation", date(2023, 11, 20), date(2023, 11, 29)),
        # Across Tết Giáp Thìn (08/02-14/02/2024): Tue 06/02 -> 07/02, 15, 16, 19, 20, 21, 22.
        ("denunciation", date(2024, 2, 6), date(2024, 2, 22)),
        # Across 30/4 and 1/5/2025 (Wed, Thu): Mon 28/04 -> 29/04, 02/05, 05-08/05, 09/05.
        ("denunciation", date(2025, 4, 28), date(2025, 5, 9)),
    ],
)
def test_the_acceptance_deadline(kind, received, due):
    found = deadlines.acceptance_deadline(complaint(kind=kind, received_on=received))
    assert found.due == due
    assert ("Điều 27" if kind == "complaint" else "Điều 24") in found.article


@pytest.mark.parametrize(
    ("kind", "complexity", "remote", "days", "article"),
    [
        ("complaint", "ordinary", False, 30, "Điều 28"),
        ("complaint", "complex", False, 45, "Điều 28"),
        ("complaint", "ordinary", True, 45, "vùng sâu"),
        ("complaint", "very_complex", True, 60, "vùng sâu"),
        ("denunciation", "ordinary", False, 30, "Điều 30"),
        ("denunciation", "complex", True, 60, "gia hạn một lần"),
        ("denunciation", "very_complex", False, 90, "gia hạn hai lần"),
    ],
)
def test_the_conclusion_deadline_counts_from_acceptance(kind, complexity, remote, days, article):
    accepted = date(2023, 12, 1)
    c = complaint(kind=kind, complexity=complexity, remote_area=remote, acceptance="accepted",
                  decided_on=accepted)  # fmt: skip
    found = deadlines.conclusion_deadline(c)
    limit = deadlines.limit_for(kind, deadlines.CONCLUSION, complexity, remote)
    assert limit.days == days and article in found.article
    assert found.due == deadlines.add_period(accepted, limit)
    assert found.due >= date.fromordinal(accepted.toordinal() + days)
    assert not deadlines.is_day_off(found.due)


def test_the_next_deadline_follows_the_steps():
    c = complaint()
    assert deadlines.next_deadline(c).step == deadlines.ACCEPTANCE
    c.acceptance, c.decided_on = "accepted", date(2023, 11, 27)
    assert deadlines.next_deadline(c).step == deadlines.CONCLUSION
    c.verification_due = date(2023, 12, 15)
    assert deadlines.next_deadline(c) == deadlines.Deadline(
        deadlines.VERIFICATION, date(2023, 12, 15), ""
    )
    c.verified_on = date(2023, 12, 14)
    assert deadlines.next_deadline(c).due == date(2023, 12, 27)
    c.concluded_on = date(2023, 12, 20)
    assert deadlines.next_deadline(c) is None
    assert (
        deadlines.next_deadline(complaint(acceptance="refused", decided_on=date(2023, 11, 21)))
        is None
    )

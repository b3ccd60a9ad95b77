"""The case section of the reports: anonymised counts of the unit's subtree for the round's
year, small counts written as "dưới 5", left out where no case is recorded."""

import pytest
from django.utils import timezone

from binhdang.cases import report_section, services
from binhdang.core.registry import report_sections


def test_it_is_registered():
    assert "cases" in [s.key for s in report_sections()]


def test_it_writes_small_counts_as_under_five_and_suppressed_annexes(cw, open_case):
    for i in range(3):
        open_case(name=f"Người {i}", phone="", id_number="")
    part = report_section.build_part(cw.world.district, timezone.localdate().year)
    text = " ".join(str(p) for p in part.paragraphs)
    assert "dưới 5 trường hợp" in text and "%" not in text
    frames = part.annexes[0]
    assert frames.rows[0][1] == "x" and [r[1] for r in frames.rows[1:]] == ["0", "0", "0"]


def test_it_gives_the_share_served_from_five_cases(cw, open_case):
    cases = [open_case(name=f"Người {i}", phone="", id_number="") for i in range(5)]
    for case in cases[:2]:
        services.service_record(actor=cw.worker_a, case=case, service_type="health",
                                status="provided", on=timezone.localdate())  # fmt: skip
    part = report_section.build_part(cw.world.district, timezone.localdate().year)
    assert "5 trường hợp" in part.paragraphs[0] and "40,0%" in part.paragraphs[0]
    for case in cases:
        assert case.code not in " ".join(part.paragraphs)


def test_it_is_left_out_without_cases(cw):
    assert report_section.build_part(cw.world.district, 2023) is None


@pytest.mark.parametrize("year", [2020])
def test_another_year_does_not_count(cw, open_case, year):
    open_case()
    assert report_section.build_part(cw.world.district, year) is None

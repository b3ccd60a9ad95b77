"""The indicators' section of the consolidated report comes through the shell's report-section
registry: documents asks, the indicators app answers from its own data."""

import pytest
from django.http import Http404

from binhdang.core.registry import report_sections
from binhdang.documents import builders
from binhdang.documents import services as documents
from binhdang.documents.tests import fixtures as consolidation
from binhdang.indicators.services import record_values

pytestmark = pytest.mark.django_db
TITLE = "Kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới"


ANNEX = "Kết quả thực hiện các chỉ tiêu của Chiến lược quốc gia về bình đẳng giới"


def _results(report, user):
    document, _annexes = builders.report_document(report, user=user, with_charts=False)
    results = next(s for s in document.sections if s.title == "KẾT QUẢ THỰC HIỆN")
    return {child.title: child for child in results.children}


def _lines(report, user) -> list[str]:
    """The section's paragraphs, then each line of its annex read as one sentence."""
    document, annexes = builders.report_document(report, user=user, with_charts=False)
    results = next(s for s in document.sections if s.title == "KẾT QUẢ THỰC HIỆN")
    section = next(c for c in results.children if c.title == TITLE)
    annex = next(a for a in annexes if a.subtitle == ANNEX)
    assert annex.title.startswith("Phụ lục ") and annex.title != "Phụ lục"
    return [str(p) for p in section.paragraphs] + [
        f"{name}: {result[:1].lower()}{result[1:]}. {judged.replace(chr(10), ' ')}"
        for _n, name, result, judged in annex.rows
    ]


def test_the_indicators_app_registers_its_section_of_the_consolidated_report():
    section = next(s for s in report_sections() if s.key == "indicators")
    assert section.title == TITLE
    assert section.build_consolidated is not None and section.build_for_unit is not None


def test_the_consolidated_report_carries_the_indicators_of_its_unit(world, catalogue):
    rnd = consolidation.make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    assert TITLE not in _results(report, world.standing_office)  # no value for 2023 yet
    record_values(
        actor=world.standing_office, unit=world.district, year=2023,
        raw={("GBV_DETECTED", "total"): "12", ("GBV_SERVED", "total"): "9"},
    )  # fmt: skip
    text = " ".join(_lines(report, world.standing_office))
    assert "năm 2023 đạt" in text
    # A reader whose scope does not hold the round gets no report at all, section or not.
    for reader in (None, world.outsider):
        with pytest.raises(Http404):
            _results(report, reader)


def _section_text(world):
    rnd = consolidation.make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    return _lines(report, world.standing_office)


def _record(world, unit, year, raw):
    record_values(actor=world.standing_office, unit=unit, year=year, raw=raw)


def test_the_section_reads_as_a_district_writes_it(world, catalogue):
    from binhdang.indicators.models import DataElement, Indicator

    # A local yes/no indicator reported by the district itself.
    Indicator.objects.create(
        code="VX-1", name="Huyện có kế hoạch hành động vì bình đẳng giới", kind="direct",
        numerator=DataElement.objects.get(code="GENDER_IN_CURRICULUM"), unit_label="có/không",
        programme="local", target_2025=1, target_2025_comparison="=", aggregates=False,
    )  # fmt: skip
    _record(world, world.district, 2023, {("GENDER_IN_CURRICULUM", "total"): "1"})
    # Only one of the district's two communes reports births.
    for year, (male, female) in {2021: (560, 500), 2022: (556, 500), 2023: (553, 500)}.items():
        _record(world, world.commune_a, year, {
            ("LIVE_BIRTHS", "total"): str(male + female), ("LIVE_BIRTHS", "male"): str(male),
            ("LIVE_BIRTHS", "female"): str(female),
        })  # fmt: skip
    # A share of provinces is national only, whatever the district enters.
    _record(world, world.district, 2023, {
        ("PROVINCES_TOTAL", "total"): "1", ("PROVINCES_LGBT_PILOT", "total"): "1",
    })  # fmt: skip
    # NQ28-1.1 and QĐ 2282-1 count the same agencies against the same targets.
    for year, led in {2021: "11", 2022: "11", 2023: "15"}.items():
        _record(world, world.labour_office, year, {
            ("AGENCY_TOTAL", "total"): "35", ("AGENCY_WOMAN_LEADER", "total"): led,
        })  # fmt: skip
    paragraphs = _section_text(world)
    text = "\n".join(paragraphs)

    yes_no = next(p for p in paragraphs if p.startswith("Huyện có kế hoạch hành động"))
    assert "năm 2023: Có" in yes_no and "Mục tiêu năm 2025 Có" in yes_no
    assert " 1 có/không" not in text

    srb = next(p for p in paragraphs if p.startswith("Tỷ số giới tính khi sinh"))
    assert "(số liệu của 1/2 xã)" in srb
    assert "Mục tiêu năm 2025 ≤ 111 bé trai/100 bé gái" in srb
    assert "khoảng dự báo 95%" in srb

    leaders = [p for p in paragraphs if "(NQ28-1.1" in p and not p.startswith("Đối với")]
    assert len(leaders) == 1 and "(NQ28-1.1, QD2282-1)" in leaders[0]
    assert "Mục tiêu năm 2025 ≥ 60%" in leaders[0]
    assert "số liệu của Phòng Lao động - Thương binh và Xã hội huyện" in leaders[0]
    # One jump (11, 11, 15 of 35) calls 2030 neither on track nor off track.
    assert "Mục tiêu năm 2030 ≥ 75%" in leaders[0]
    assert leaders[0].endswith("có nguy cơ không đạt.")
    assert "chậm tiến độ. Mục tiêu năm 2030" in leaders[0]
    assert not any("(QD2282-1)" in p for p in paragraphs)

    summary = next(p for p in paragraphs if p.startswith("Đối với mục tiêu năm 2025, huyện có"))
    assert "1 chỉ tiêu chậm tiến độ (NQ28-1.1)" in summary
    assert paragraphs.index(summary) < paragraphs.index(leaders[0])

    pilot = Indicator.objects.get(code="NQ28-4.3")
    assert not any(p.startswith(pilot.name) for p in paragraphs)
    left_out = next(p for p in paragraphs if p.startswith("Các chỉ tiêu chỉ được tính ở cấp"))
    assert "(NQ28-4.3)" in left_out and "cấp huyện" in left_out

    no_data = next(p for p in paragraphs if p.startswith("Chưa có số liệu đến năm 2023"))
    assert Indicator.objects.get(code="NQ28-2.1").name in no_data

    rule = next(p for p in paragraphs if p.startswith("Cách đánh giá:"))
    assert "Chưa đủ số liệu" in rule or "chưa đủ số liệu" in rule
    assert "khoảng dự báo 95%" in rule and "lộ trình" in rule


def test_fewer_than_three_years_say_so_instead_of_a_status(world, catalogue):
    for year in (2022, 2023):
        _record(world, world.commune_a, year, {
            ("GBV_DETECTED", "total"): "10", ("GBV_SERVED", "total"): "8",
        })  # fmt: skip
    paragraphs = _section_text(world)
    gbv = next(p for p in paragraphs if "(NQ28-3.2):" in p)
    assert "chưa đủ số liệu để đánh giá (có 2 năm, cần ít nhất 3 năm)" in gbv
    assert "đúng tiến độ" not in gbv and "dự báo" not in gbv


def test_a_units_own_report_carries_its_indicators_read_as_its_sender(world, catalogue):
    from binhdang.reporting.models import Submission

    rnd = consolidation.make_round(world)
    submission = Submission.objects.get(round=rnd, org_unit=world.commune_a)
    for year in (2021, 2022, 2023):
        _record(world, world.commune_a, year, {
            ("HOUSEHOLDS", "total"): "1000", ("HOUSEHOLDS_DV_TALKS", "total"): str(300 + year % 10),
        })  # fmt: skip

    def section(sub):
        document, _annexes = builders.submission_document(sub)
        found = [c for c in document.sections[0].children if c.title == TITLE]
        return [str(p) for p in found[0].paragraphs] if found else None

    assert section(submission) is None  # nobody sent it: no reader to read the figures as
    Submission.objects.filter(pk=submission.pk).update(submitted_by=world.reporter_a)
    submission.refresh_from_db()
    paragraphs = section(submission)
    talks = next(p for p in paragraphs if "(QD45-1):" in p)
    assert "năm 2023 đạt 30,3% (số liệu của xã)" in talks
    assert "Mục tiêu năm 2025 ≥ 40%" in talks
    assert any(p.startswith("Cách đánh giá:") for p in paragraphs)
    # An outsider who somehow sent it reads nothing of the commune's figures.
    Submission.objects.filter(pk=submission.pk).update(submitted_by=world.outsider)
    submission.refresh_from_db()
    assert section(submission) is None

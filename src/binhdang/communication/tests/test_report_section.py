"""The communication part of a unit's own report and of the consolidated report."""

from datetime import date
from types import SimpleNamespace

import pytest

from binhdang.communication.report_section import COMMUNICATION_SECTION
from binhdang.communication.tests.factories import action_month, make_activity, make_role_model
from binhdang.core.registry import report_sections
from binhdang.reporting.tests.factories import make_round

pytestmark = pytest.mark.django_db


def _round(world):
    return make_round(world, cutoff_from=date(2022, 12, 15), cutoff_to=date(2023, 12, 14))


def _records(world):
    month = action_month(2023)
    make_activity(world, title="Lễ phát động Tháng hành động tại xã Phú Linh",
                  starts_on=date(2023, 11, 15), campaign=month, audience_total=1234,
                  audience_women=700, audience_ethnic=900, leaflets=300, cost=2_500_000)  # fmt: skip
    make_activity(world, world.commune_b, title="Hội thi tìm hiểu pháp luật", channel="contest",
                  starts_on=date(2023, 12, 1), campaign=month, audience_total=200,
                  audience_women=100, audience_ethnic=50, leaflets=0)  # fmt: skip
    make_activity(world, world.womens_union, title="Bài viết trên trang Hội", channel="portal",
                  starts_on=date(2023, 3, 8), audience_total=0, audience_women=0,
                  audience_ethnic=0, leaflets=0, articles=4, place=None)  # fmt: skip
    # Outside the window (15/12) and outside the district: never counted.
    make_activity(world, title="Sau ngày chốt số liệu", starts_on=date(2023, 12, 15),
                  audience_total=5000, audience_women=10, audience_ethnic=10)  # fmt: skip
    make_activity(world, world.commune_c, title="Hoạt động huyện khác", starts_on=date(2023, 5, 5))
    make_role_model(world)


def test_it_is_registered_under_the_results(world):
    assert COMMUNICATION_SECTION in report_sections()


def test_the_consolidated_part_has_totals_coverage_examples_and_the_action_month(world):
    _records(world)
    report = SimpleNamespace(round=_round(world))
    part = COMMUNICATION_SECTION.build_consolidated(report, user=world.standing_office,
                                                    with_charts=False)  # fmt: skip
    text = "\n".join(str(p) for p in part.paragraphs)
    assert "Từ ngày 15/12/2022 đến ngày 14/12/2023" in text
    assert "3 hoạt động truyền thông" in text
    assert "2 buổi tuyên truyền trực tiếp" in text and "1.434 lượt người tham gia" in text
    assert "800 lượt nữ, chiếm 55,8%" in text
    assert "2/2 xã, thị trấn và 1 cơ quan, đơn vị, tổ chức" in text
    assert "Lễ phát động Tháng hành động tại xã Phú Linh (Xã Phú Linh, ngày 15/11/2023" in text
    assert (
        "Tháng hành động vì bình đẳng giới" in text and "Số liệu tính đến ngày 14/12/2023" in text
    )
    assert "Ông Vàng Seo Chứ" in text
    assert "Sau ngày chốt" not in text and "huyện khác" not in text
    units, role_models = part.annexes
    assert [r[1] for r in units.rows] == [
        "Hội Liên hiệp Phụ nữ huyện", "Xã Kim Thạch", "Xã Phú Linh",
    ]  # fmt: skip
    assert units.totals[2:5] == [3, 2, 1434]
    assert role_models.rows[0][1] == "Ông Vàng Seo Chứ"


def test_the_units_own_part_lists_its_activities(world):
    _records(world)
    submission = SimpleNamespace(round=_round(world), org_unit=world.commune_a,
                                 submitted_by=world.reporter_a, updated_by=None)  # fmt: skip
    part = COMMUNICATION_SECTION.build_for_unit(submission)
    activities = part.annexes[0]
    assert [r[1] for r in activities.rows] == ["Lễ phát động Tháng hành động tại xã Phú Linh"]
    assert "Tổng kinh phí 2.500.000 đồng" in " ".join(map(str, part.paragraphs))


def test_a_reader_gets_only_what_they_read(world):
    _records(world)
    report = SimpleNamespace(round=_round(world))
    part = COMMUNICATION_SECTION.build_consolidated(report, user=world.reporter_b)
    text = " ".join(map(str, part.paragraphs))
    assert "Lễ phát động" not in text and "1 hoạt động truyền thông" in text
    assert COMMUNICATION_SECTION.build_consolidated(report, user=world.nobody) is None


def _all_sections(sections):
    for section in sections:
        yield section
        yield from _all_sections(getattr(section, "children", []) or [])


def test_the_consolidated_document_carries_the_sections_and_their_annexes(world):
    from binhdang.documents import builders, services
    from binhdang.documents.tests.fixtures import make_round as compiled_round
    from binhdang.training.tests.factories import make_course

    _records(world)
    make_course(world, title="Lớp tập huấn phòng, chống bạo lực gia đình")
    rnd = compiled_round(world)
    report = services.compile_report(actor=world.standing_office, round=rnd)
    doc, annexes = builders.report_document(report, user=world.standing_office, with_charts=False)
    titles = [s.title for s in _all_sections(doc.sections)]
    assert "Kết quả công tác thông tin, truyền thông về bình đẳng giới" in titles
    assert "Kết quả tập huấn, bồi dưỡng nâng cao năng lực về bình đẳng giới" in titles
    subtitles = [a.subtitle for a in annexes]
    assert "Kết quả hoạt động truyền thông về bình đẳng giới theo đơn vị" in subtitles
    assert "Các lớp tập huấn, bồi dưỡng về bình đẳng giới" in subtitles

"""An app's part of a report goes inside the task area it names, as that area's sub-part,
when the round's form has the area; otherwise it is a section of its own."""

import pytest

from binhdang.core import registry
from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents import builders
from binhdang.documents import services as documents
from binhdang.reporting import services as reporting
from binhdang.reporting.tests.factories import fill, make_round

from . import fixtures as consolidation

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts():
    placed = ReportSection(
        key="tests.activities",
        title="Hoạt động truyền thông theo sổ ghi chép",
        area="1",
        build_for_unit=lambda submission: ReportPart(["Xã đã tổ chức 3 buổi nói chuyện."]),
        build_consolidated=lambda report, **kw: ReportPart(["Toàn huyện tổ chức 40 buổi."]),
    )
    apart = ReportSection(
        key="tests.elsewhere",
        title="Phần không có lĩnh vực tương ứng",
        area="9",
        build_for_unit=lambda submission: ReportPart(["Nội dung riêng."]),
        build_consolidated=lambda report, **kw: ReportPart(["Nội dung riêng."]),
    )
    before = list(registry.REPORT_SECTIONS)
    registry.register_report_section(placed)
    registry.register_report_section(apart)
    yield
    registry.REPORT_SECTIONS[:] = before


def test_in_the_consolidated_report(world, parts):
    rnd = consolidation.make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    document, _annexes = builders.report_document(report, user=world.standing_office)
    results = next(s for s in document.sections if s.title == "KẾT QUẢ THỰC HIỆN")
    first = results.children[0]
    assert first.number == "1." and first.children[0].number == "1.1."
    assert first.children[0].title == "Hoạt động truyền thông theo sổ ghi chép"
    assert first.children[0].paragraphs == ["Toàn huyện tổ chức 40 buổi."]
    own = [s for s in results.children if s.title == "Phần không có lĩnh vực tương ứng"]
    assert len(own) == 1 and own[0].number == f"{len(results.children)}."
    assert "Hoạt động truyền thông theo sổ ghi chép" not in [s.title for s in results.children]


def test_in_a_units_own_report(world, parts):
    submission = fill(world, make_round(world))
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    document, _annexes = builders.submission_document(submission)
    results = document.sections[0].children
    assert results[0].children[0].number == "1.1."
    assert results[0].children[0].paragraphs == ["Xã đã tổ chức 3 buổi nói chuyện."]
    assert results[-1].title == "Phần không có lĩnh vực tương ứng"

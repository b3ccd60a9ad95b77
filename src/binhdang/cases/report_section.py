"""The case app's section of a unit's report and of the consolidated report: anonymised
counts of the round's year for the unit and every unit under it, small cells suppressed."""

from __future__ import annotations

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.formats.numbers import format_number, format_percent
from binhdang.orgunits.models import OrgUnit

from . import statistics

TITLE = "Tiếp nhận, hỗ trợ nạn nhân bạo lực gia đình, bạo lực trên cơ sở giới, mua bán người"


def _count(n: int) -> str:
    return "dưới 5" if 0 < n < statistics.THRESHOLD else format_number(n)


def build_part(unit: OrgUnit, year: int) -> ReportPart | None:
    from binhdang.documents.engine.types import AnnexColumn, AnnexTable

    unit_ids = list(OrgUnit.objects.subtree_of(unit).values_list("pk", flat=True))
    served, detected = statistics.service_access(unit_ids, year)
    if not detected:  # no case records: the section is left out, not reported as zero
        return None
    text = (
        f"Năm {year}, trên địa bàn tiếp nhận và hỗ trợ {_count(detected)} trường hợp nạn nhân "
        f"bạo lực gia đình, bạo lực trên cơ sở giới, mua bán người (theo hồ sơ ca)"
    )
    if detected >= statistics.THRESHOLD:
        percent = format_percent(statistics.service_access_percent(unit_ids, year))
        text += f"; {percent} nạn nhân được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản"
    counselled, not_prosecuted = statistics.perpetrator_counselling(unit_ids, year)
    if not_prosecuted >= statistics.THRESHOLD:
        percent = format_percent(statistics.percent(counselled, not_prosecuted))
        text += (
            f"; {percent} người gây bạo lực không bị truy cứu trách nhiệm hình sự được tư vấn, "
            f"giáo dục, hỗ trợ chuyển đổi hành vi"
        )
    annexes = []
    for table in statistics.tables(unit_ids, year):
        columns = [
            AnnexColumn("Nội dung"),
            *[AnnexColumn(c, fmt="text") for c in table.column_labels],
        ]
        rows = [
            [label, *["x" if v is None else format_number(v) for v in row]]
            for label, row in zip(table.row_labels, table.cells, strict=True)
        ]
        annexes.append(AnnexTable(title=table.title, columns=columns, rows=rows,
                                  unit="Đơn vị tính: trường hợp"))  # fmt: skip
    paragraphs = [
        text + ".",
        "Số liệu ẩn danh, gồm mọi hồ sơ ca; ô dưới 5 trường hợp và một ô bổ sung được ẩn (ghi “x”).",
    ]
    return ReportPart(paragraphs, annexes=annexes)


def unit_part(submission) -> ReportPart | None:
    return build_part(submission.org_unit, submission.round.period_year)


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    return build_part(report.round.owner_unit, report.round.period_year)


CASES_SECTION = ReportSection(
    key="cases",
    title=TITLE,
    order=55,
    area="2",  # the seed's task area of GBV prevention and response
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

"""What the budget adds to a unit's report and to the consolidated report: the year's spending
over the unit's subtree by source, in triệu đồng, with the annex table by spending line and
source. The consolidated report adds up, like its figures, only the units whose reports the
round accepted (each unit's budget figure is its own lines), so its total is the total of the
round's budget field."""

from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable, DocImage
from binhdang.formats.numbers import format_number

from .models import Source
from .selectors import cross_table, millions, rollup


def _amount(vnd: int) -> str:
    return f"{format_number(millions(vnd))} triệu đồng"


def summary_paragraph(result, unit_word: str) -> str:
    """ "Năm 2023, tổng kinh phí đã sử dụng cho công tác bình đẳng giới của huyện là 1.104,4
    triệu đồng (dự toán 1.200,0 triệu đồng), trong đó: ngân sách huyện 520,0 triệu đồng; ..." """
    text = (
        f"Năm {result.year}, tổng kinh phí đã sử dụng cho công tác bình đẳng giới, vì sự tiến "
        f"bộ của phụ nữ của {unit_word} là {_amount(result.spent)}"
    )
    if result.planned:
        text += f" (dự toán {_amount(result.planned)})"
    parts = [f"{str(r.label).lower()} {_amount(r.spent)}" for r in result.by_source if r.spent]
    if parts:
        text += ", trong đó: " + "; ".join(parts)
    return text + "."


def source_annex(user, result, only_units=None) -> AnnexTable:
    cells = cross_table(user, result.unit, result.year, only_units=only_units)
    sources = [s for s in Source.values if any(k[1] == s for k in cells)]
    labels = dict(Source.choices)
    rows = []
    for n, line in enumerate(result.by_line, start=1):
        values = [millions(cells.get((line.key, s), 0)) for s in sources]
        rows.append([str(n), line.label, *values, millions(line.spent)])
    totals = [
        "",
        "Tổng cộng",
        *[millions(sum(v for k, v in cells.items() if k[1] == s)) for s in sources],
        millions(result.spent),
    ]
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Kinh phí thực hiện công tác bình đẳng giới năm {result.year} theo nội dung "
        "chi và nguồn kinh phí",
        unit="Đơn vị tính: triệu đồng",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Nội dung chi (Thông tư 191/2009/TT-BTC)", width_mm=70),
            *[AnnexColumn(str(labels[s]), group="Nguồn kinh phí", fmt="dec1") for s in sources],
            AnnexColumn("Tổng", fmt="dec1"),
        ],
        rows=rows,
        totals=totals,
    )


UNITS_NAMED = 5


def units_paragraph(result) -> str:
    """ "Các đơn vị sử dụng nhiều nhất: Phòng Lao động - Thương binh và Xã hội huyện 380 triệu
    đồng; ...; các đơn vị khác 120,5 triệu đồng." """
    biggest = sorted(result.by_child, key=lambda r: -r.spent)
    named, others = biggest[:UNITS_NAMED], biggest[UNITS_NAMED:]
    text = "Các đơn vị sử dụng nhiều nhất: " + "; ".join(
        f"{r.label} {_amount(r.spent)}" for r in named
    )
    if others:
        text += f"; {len(others)} đơn vị khác {_amount(sum(r.spent for r in others))}"
    return text + "."


def unit_annex(result) -> AnnexTable:
    rows = [
        [str(n), r.label, millions(r.planned), millions(r.spent)]
        for n, r in enumerate(result.by_child, start=1)
    ]
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Kinh phí thực hiện công tác bình đẳng giới năm {result.year} theo đơn vị",
        unit="Đơn vị tính: triệu đồng",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Đơn vị", width_mm=80),
            AnnexColumn("Dự toán", fmt="dec1"),
            AnnexColumn("Đã sử dụng", fmt="dec1"),
        ],
        rows=rows,
        totals=["", "Tổng cộng", millions(result.planned), millions(result.spent)],
        landscape=False,
    )


def _unit_word(unit) -> str:
    return (unit.division_type or "đơn vị") if unit.is_territorial else "đơn vị"


def _part(
    user, unit, year: int, *, consolidated: bool, with_charts: bool = False, only_units=None
) -> ReportPart | None:
    if user is None:
        return None
    with translation.override("vi"):
        result = rollup(user, unit, year, only_units=only_units)
        if not result.spent and not result.planned:
            return None
        paragraphs = [summary_paragraph(result, _unit_word(unit))]
        if only_units is not None:
            paragraphs[0] = (
                paragraphs[0][:-1] + " (tổng hợp từ các đơn vị có báo cáo được chấp nhận)."
            )
        # One annex per section: the document numbers a limited run of annexes. The totals
        # of each unit are on the budget's summary page.
        annexes = [source_annex(user, result, only_units)]
        if consolidated and len(result.by_child) > 1:
            paragraphs.append(units_paragraph(result))
        paragraphs.append("Chi tiết theo nội dung chi và nguồn kinh phí tại phụ lục kèm theo.")
        images = []
        if with_charts and result.by_source:
            from binhdang.charts import bar_chart

            chart = bar_chart(
                f"Kinh phí đã sử dụng theo nguồn năm {year}",
                [r.label for r in result.by_source],
                [r.spent_millions for r in result.by_source],
                unit_label="triệu đồng",
            )
            images.append(DocImage(chart.png(), chart.title, width_mm=110))
        return ReportPart(paragraphs, images=images, annexes=annexes)


def unit_part(submission) -> ReportPart | None:
    user = submission.submitted_by or submission.updated_by
    return _part(user, submission.org_unit, submission.round.period_year, consolidated=False)


ACCEPTED = "accepted"  # reporting.models.SubmissionStatus.ACCEPTED


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    reporting_round = report.round
    accepted = reporting_round.submissions.filter(status=ACCEPTED).values("org_unit")
    return _part(
        user,
        reporting_round.owner_unit,
        reporting_round.period_year,
        consolidated=True,
        with_charts=with_charts,
        only_units=accepted,
    )


BUDGET_SECTION = ReportSection(
    key="budget",
    title="Kinh phí thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ",
    order=70,
    area="3",  # state management of gender equality (seed §3)
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

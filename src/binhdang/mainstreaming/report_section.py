"""What gender mainstreaming adds to a unit's report and to the consolidated report: counts of
the documents drafted in the year over the unit's subtree, and the annex listing them."""

from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable

from .selectors import DocumentFilters, counts, search_documents

MAX_ANNEX_ROWS = 300


def summary_paragraph(result) -> str:
    """ "Năm 2023, các cơ quan, đơn vị đã xây dựng 12 văn bản, kế hoạch, chương trình, đề án,
    trong đó 9 văn bản có lồng ghép vấn đề bình đẳng giới (...)." """
    kinds = "; ".join(f"{r.label.lower()}: {r.assessed}/{r.total}" for r in result.rows)
    text = (
        f"Năm {result.year}, đã xây dựng {result.total} văn bản quy phạm pháp luật, kế hoạch, "
        f"chương trình, đề án, trong đó {result.assessed} văn bản có lồng ghép vấn đề bình "
        f"đẳng giới ({kinds})"
    )
    details = []
    if result.with_report:
        details.append(f"{result.with_report} văn bản có báo cáo đánh giá tác động giới")
    if result.appraised:
        details.append(f"{result.appraised} văn bản được cơ quan tư pháp thẩm định việc lồng ghép")
    if details:
        text += "; " + ", ".join(details)
    return text + "."


def document_annex(user, unit, year: int) -> AnnexTable:
    documents = search_documents(user, DocumentFilters(year=year, unit=unit))[:MAX_ANNEX_ROWS]
    rows = []
    for n, d in enumerate(documents, start=1):
        how = []
        if d.assessment_report:
            how.append("Báo cáo đánh giá tác động giới")
        if d.justice_appraisal:
            how.append("Tư pháp thẩm định")
        if d.method_note:
            how.append(d.method_note)
        name = f"{d.number_symbol} {d.title}".strip()
        rows.append([
            str(n), name, d.get_kind_display(), d.org_unit.name,
            "Có" if d.gender_assessed else "Không", "; ".join(how),
            d.get_outcome_display() + (f": {d.outcome_note}" if d.outcome_note else ""),
        ])  # fmt: skip
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản, kế hoạch, chương "
        f"trình, đề án năm {year}",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Văn bản", width_mm=70),
            AnnexColumn("Loại", width_mm=25),
            AnnexColumn("Đơn vị chủ trì", width_mm=40),
            AnnexColumn("Lồng ghép", fmt="center", width_mm=18),
            AnnexColumn("Cách thức", width_mm=45),
            AnnexColumn("Kết quả", width_mm=40),
        ],
        rows=rows,
    )


def _part(user, unit, year: int) -> ReportPart | None:
    if user is None:
        return None
    with translation.override("vi"):
        result = counts(user, unit, year)
        if not result.total:
            return None
        return ReportPart(
            [summary_paragraph(result), "Danh mục văn bản tại phụ lục kèm theo."],
            annexes=[document_annex(user, unit, year)],
        )


def unit_part(submission) -> ReportPart | None:
    user = submission.submitted_by or submission.updated_by
    return _part(user, submission.org_unit, submission.round.period_year)


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    return _part(user, report.round.owner_unit, report.round.period_year)


MAINSTREAMING_SECTION = ReportSection(
    key="mainstreaming",
    title="Lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản, chương trình, kế hoạch",
    order=25,
    area="3",  # state management of gender equality (seed §3)
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

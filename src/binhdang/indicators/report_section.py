"""What the indicators add to a round's consolidated report: a section with each strategy
indicator's latest value against its target, charts, and the units' assessments."""

from django.http import Http404
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import DocImage, Paragraph
from binhdang.formats.numbers import format_number

from .selectors import indicator_summary

# Charts in the report: more would crowd out the text on a few pages of A4.
MAX_CHARTS = 4


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    """The strategy indicators of the round's unit for its year, or None when there is nothing
    to say (no data for the year, or the user may not see the unit's indicators)."""
    if user is None:
        return None
    try:
        with translation.override("vi"):
            summary = indicator_summary(user, report.round.owner_unit, report.round.period_year)
            rows = [r for r in summary.rows if r.latest is not None]
            if not rows:
                return None
            paragraphs: list[Paragraph | str] = []
            images = []
            for row in rows:
                fig = row.latest
                unit_label = row.indicator.unit_label
                value = format_number(fig.value, 1 if unit_label == "%" else 0)
                text = f"{row.indicator.name}: năm {row.latest_year} đạt {value}{unit_label if unit_label == '%' else ' ' + unit_label}".rstrip()
                status = row.main_status
                if status is not None:
                    if status.target is not None:
                        text += f"; mục tiêu năm {status.year}: {format_number(status.target, 1)}"
                    text += f" ({status.label.lower()})"
                paragraphs.append(text + ".")
                if with_charts and len(images) < MAX_CHARTS and len(row.values) >= 2:
                    images.append(
                        DocImage(
                            row.chart_png(),
                            f"Biểu đồ {len(images) + 1}. {row.indicator.name}",
                            width_mm=140,
                        )
                    )
            for a in summary.assessments:
                if a.assessment.strip():
                    paragraphs.append(
                        Paragraph(
                            f"{a.indicator_name}: {a.assessment.strip()}",
                            attribution=f"({a.unit_name})",
                        )
                    )
    except Http404:  # the user may not read the unit's indicators: the report goes without
        return None
    return ReportPart(paragraphs, images)


INDICATORS_SECTION = ReportSection(
    key="indicators",
    title="Kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới",
    order=50,
    build_consolidated=consolidated_part,
)

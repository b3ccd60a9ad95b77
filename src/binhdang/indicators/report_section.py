"""What the indicators add to a round's consolidated report: a section with each strategy
indicator reported at the report's level (once, with the units its figure comes from), its
targets with their unit, the path and the forecast with its interval, the status and the rule
that decided it, charts, the indicators without data, and the units' assessments."""

from django.http import Http404
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable, DocImage, Paragraph
from binhdang.formats.numbers import format_number

from . import forecast, wording
from .models import Level
from .selectors import indicator_summary

# Charts in the report: more would crowd out the text on a few pages of A4.
MAX_CHARTS = 4
LEVEL_WORDS = {
    Level.NATIONAL: "cả nước",
    Level.PROVINCE: "tỉnh",
    Level.DISTRICT: "huyện",
    Level.COMMUNE: "xã",
}


def _codes(row) -> str:
    return ", ".join(row.codes)


def target_sentence(status, indicator) -> str:
    """ "Mục tiêu năm 2025 ≥ 60%: theo lộ trình năm 2023 cần đạt 45,7%, dự báo 52,4% (khoảng dự
    báo 95%: 0,0% - 100,0%), chậm tiến độ." """
    head = (
        f"Mục tiêu năm {status.year} {wording.target(status.target, status.comparison, indicator)}"
    )
    label = status.label.lower()
    j = status.judgement
    if status.status == forecast.NOT_ENOUGH:
        return (
            f"{head}: chưa đủ số liệu để đánh giá (có {j.years} năm, "
            f"cần ít nhất {forecast.MIN_YEARS} năm)."
        )
    if status.status in (forecast.ACHIEVED, forecast.NOT_ACHIEVED):
        return f"{head}: {label}."
    if indicator.is_yes_no:
        return f"{head}: {label}."
    parts = []
    if j.latest is not None and forecast.meets(
        j.latest[1], float(status.target), status.comparison
    ):
        parts.append(f"năm {j.latest[0]} đã đạt mức mục tiêu")
    elif status.required is not None:
        parts.append(
            f"theo lộ trình năm {status.required_year} cần "
            f"{wording.path_verb(status.comparison)} "
            f"{wording.quantity(status.required, indicator)}"
        )
    if status.prediction is not None:
        parts.append(f"dự báo {wording.interval(status, indicator)}")
    return f"{head}: {', '.join(parts + [label])}."


def result_text(row, year: int, level_word: str) -> str:
    """ "năm 2023 đạt 42,9% (số liệu của 24/24 xã)"; "năm 2023: Có"."""
    indicator = row.indicator
    verb = ":" if indicator.is_yes_no else " đạt"
    text = f"năm {row.latest_year}{verb} {wording.quantity(row.latest.value, indicator)}"
    if row.latest.estimated:
        text += " (ước tính, quy đổi từ các đơn vị cũ)"
    elif row.latest.remapped:
        text += " (quy đổi từ các đơn vị cũ)"
    covered = wording.coverage(row.coverage, level_word)
    if covered:
        text += f" ({covered})"
    if row.latest_year != year:
        text += f"; chưa có số liệu năm {year}"
    return text


def indicator_paragraph(row, year: int, level_word: str) -> str:
    indicator = row.indicator
    text = f"{indicator.name} ({_codes(row)}): {result_text(row, year, level_word)}."
    targets = [s for s in row.statuses if s.target is not None]
    if targets:
        text += " " + " ".join(target_sentence(s, indicator) for s in targets)
    else:
        text += " Chưa có mục tiêu."
    return text


# The order a planner reads the statuses in: what is behind first.
SUMMARY_ORDER = (
    forecast.OFF_TRACK,
    forecast.NOT_ACHIEVED,
    forecast.AT_RISK,
    forecast.ON_TRACK,
    forecast.ACHIEVED,
    forecast.NOT_ENOUGH,
)
MAX_CODES_NAMED = 6


def summary_paragraph(rows, target_year: int, unit_word: str) -> str | None:
    """ "Đối với mục tiêu năm 2025, huyện có 3 chỉ tiêu chậm tiến độ (NQ28-1.1, ...), 15 chỉ
    tiêu có nguy cơ không đạt, 3 chỉ tiêu đúng tiến độ (...)." """
    by_status: dict[str, list[str]] = {}
    for row in rows:
        status = next((s for s in row.statuses if s.year == target_year), None)
        if status is None or status.target is None:
            continue
        by_status.setdefault(status.status, []).append(row.codes[0])
    if not by_status:
        return None
    parts = []
    for key in SUMMARY_ORDER:
        codes = by_status.get(key, [])
        if not codes:
            continue
        text = f"{len(codes)} chỉ tiêu {str(forecast.STATUS_LABELS[key]).lower()}"
        if len(codes) <= MAX_CODES_NAMED:
            text += f" ({', '.join(codes)})"
        parts.append(text)
    return f"Đối với mục tiêu năm {target_year}, {unit_word} có " + ", ".join(parts) + "."


def rule_paragraph(margin) -> str:
    """The rule, in the words the pages show."""
    return "Cách đánh giá: " + str(forecast.RULE_TEXT % {"margin": format_number(margin)})


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    """The strategy indicators of the round's unit for its year, or None when there is nothing
    to say (no data for the year, or the user may not see the unit's indicators). The body
    says how the targets stand; each indicator, with its charts, is in an annex table."""
    return _part(
        report.round.owner_unit, report.round.period_year, user, with_charts, as_annex=True
    )


def unit_part(submission) -> ReportPart | None:
    """The indicators of a unit's own report: its figures for the round's year, read as the
    person who sent the report (None when nobody has, or they may not see them). No charts:
    a unit's report stays a few pages."""
    user = submission.submitted_by or submission.updated_by
    return _part(submission.org_unit, submission.round.period_year, user, False)


def indicator_annex(rows, year: int, level_word: str, images) -> AnnexTable:
    """Each indicator on a line: its result with the units its figure comes from, then its
    targets with the path, the forecast and the status (the title is set by the document)."""
    lines = []
    for n, row in enumerate(rows, start=1):
        indicator = row.indicator
        result = result_text(row, year, level_word)
        result = result[:1].upper() + result[1:]
        targets = [s for s in row.statuses if s.target is not None]
        judged = (
            "\n".join(target_sentence(s, indicator) for s in targets)
            if targets
            else "Chưa có mục tiêu."
        )
        lines.append([str(n), f"{indicator.name} ({_codes(row)})", result, judged])
    return AnnexTable(
        title="Phụ lục",
        subtitle="Kết quả thực hiện các chỉ tiêu của Chiến lược quốc gia về bình đẳng giới",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Chỉ tiêu", fmt="text", width_mm=55),
            AnnexColumn("Kết quả", fmt="text", width_mm=38),
            AnnexColumn("Mục tiêu, lộ trình, dự báo và đánh giá", fmt="text", width_mm=60),
        ],
        rows=lines,
        landscape=False,
        images=list(images),
    )


def _part(unit, year: int, user, with_charts: bool, *, as_annex: bool = False) -> ReportPart | None:
    if user is None:
        return None
    try:
        with translation.override("vi"):
            summary = indicator_summary(user, unit, year)
            level_word = LEVEL_WORDS.get(summary.level, "huyện")
            rows = [r for r in summary.rows if r.latest is not None]
            if not rows:
                return None
            paragraphs: list[Paragraph | str] = [
                text
                for target_year in (2025, 2030)
                if (text := summary_paragraph(rows, target_year, level_word))
            ]
            if as_annex:
                paragraphs.append(
                    f"Kết quả, lộ trình, dự báo và đánh giá của từng chỉ tiêu ({len(rows)} chỉ "
                    "tiêu có số liệu) tại phụ lục kèm theo."
                )
            else:
                for row in rows:
                    paragraphs.append(indicator_paragraph(row, year, level_word))
            images = []
            if with_charts:
                # The charts of the indicators furthest behind come first.
                for row in sorted(rows, key=_urgency)[:MAX_CHARTS]:
                    if len(row.values) < 2:
                        continue
                    images.append(
                        DocImage(
                            row.chart_png(),
                            f"Biểu đồ {len(images) + 1}. {row.indicator.name}",
                            width_mm=140,
                        )
                    )
            no_data = [r for r in summary.rows if r.latest is None]
            if no_data:
                paragraphs.append(
                    f"Chưa có số liệu đến năm {year}: "
                    + "; ".join(f"{r.indicator.name} ({_codes(r)})" for r in no_data)
                    + "."
                )
            if summary.left_out:
                paragraphs.append(
                    f"Các chỉ tiêu chỉ được tính ở cấp cao hơn cấp {level_word}, không đánh giá "
                    "trong báo cáo này: "
                    + "; ".join(f"{i.name} ({i.code})" for i in summary.left_out)
                    + "."
                )
            paragraphs.append(rule_paragraph(summary.margin))
            for a in summary.assessments:
                if a.assessment.strip():
                    paragraphs.append(
                        Paragraph(
                            f"{a.indicator_name}: {a.assessment.strip()}",
                            attribution=f"({a.unit_name})",
                        )
                    )
            if as_annex:
                annex = indicator_annex(rows, year, level_word, images)
                return ReportPart(paragraphs, annexes=[annex])
    except Http404:  # the user may not read the unit's indicators: the report goes without
        return None
    return ReportPart(paragraphs, images)


def _urgency(row) -> int:
    ranks = [SUMMARY_ORDER.index(s.status) for s in row.statuses if s.status in SUMMARY_ORDER]
    return min(ranks, default=len(SUMMARY_ORDER))


INDICATORS_SECTION = ReportSection(
    key="indicators",
    title="Kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới",
    order=50,
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

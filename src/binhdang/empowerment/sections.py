"""What the support records add to a unit's own report and to the consolidated report: the
part on mainstreaming women's economic empowerment in the socio-economic programmes, with
totals by programme and kind, named examples and an annex table."""

from datetime import date

from django.db.models import Count, Sum
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable
from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number

from .models import Programme, Support, SupportKind
from .selectors import visible_supports

MAX_EXAMPLES = 3
MAX_ANNEX_ROWS = 300
SUMS = ("beneficiaries_total", "women", "ethnic", "poor", "violence_victims", "other_vulnerable")


def _n(value) -> str:
    return format_number(value or 0)


def _million(value) -> str:
    return format_number((value or 0) / 1_000_000, 1)


def build(supports, *, start: date, end: date, who: str) -> ReportPart | None:
    supports = supports.filter(given_on__gte=start, given_on__lte=end)
    totals = supports.aggregate(n=Count("pk"), amount=Sum("amount"), **{f: Sum(f) for f in SUMS})
    if not totals["n"]:
        return None
    paragraphs = [
        f"Từ ngày {format_date(start)} đến ngày {format_date(end)}, {who} lồng ghép nội dung "
        f"nâng cao vị thế kinh tế của phụ nữ trong các chương trình, đề án phát triển kinh tế - "
        f"xã hội với {_n(totals['n'])} hoạt động hỗ trợ cho {_n(totals['beneficiaries_total'])} "
        f"lượt người, trong đó {_n(totals['women'])} lượt phụ nữ, {_n(totals['ethnic'])} lượt "
        f"người dân tộc thiểu số, {_n(totals['poor'])} lượt người thuộc hộ nghèo, cận nghèo, "
        f"{_n(totals['violence_victims'])} nạn nhân bạo lực; tổng kinh phí "
        f"{_million(totals['amount'])} triệu đồng."
    ]
    by_programme = (
        supports.values("programme")
        .annotate(n=Sum("beneficiaries_total"), women=Sum("women"), amount=Sum("amount"))
        .order_by("-n")
    )
    parts = [
        f"{Programme(r['programme']).label} hỗ trợ {_n(r['n'])} lượt người "
        f"({_n(r['women'])} phụ nữ, {_million(r['amount'])} triệu đồng)"
        for r in by_programme
    ]
    paragraphs.append("Theo chương trình: " + "; ".join(parts) + ".")
    by_kind = supports.values("kind").annotate(n=Sum("women")).order_by("-n")
    paragraphs.append(
        "Theo hình thức hỗ trợ (lượt phụ nữ): "
        + "; ".join(f"{str(SupportKind(r['kind']).label).lower()} {_n(r['n'])}" for r in by_kind)
        + "."
    )
    examples = list(
        supports.select_related("org_unit", "commune").order_by("-women", "-amount", "pk")[
            :MAX_EXAMPLES
        ]
    )
    paragraphs.append(
        "Một số kết quả tiêu biểu: "
        + "; ".join(
            f"{s.org_unit.name} {s.title[:1].lower() + s.title[1:]}"
            + (f" tại {s.commune.name}" if s.commune and s.commune != s.org_unit else "")
            + f" ({format_date(s.given_on)}) cho {_n(s.women)} phụ nữ"
            for s in examples
        )
        + "."
    )
    rows = []
    annex_rows = supports.select_related("org_unit").order_by("given_on", "pk")[:MAX_ANNEX_ROWS]
    for n, s in enumerate(annex_rows, start=1):
        rows.append(
            [
                str(n), format_date(s.given_on), s.title, str(Programme(s.programme).label),
                str(SupportKind(s.kind).label), s.org_unit.name, s.beneficiaries_total, s.women,
                s.ethnic, s.poor, int(s.amount),
            ]
        )  # fmt: skip
    annex = AnnexTable(
        title="Phụ lục",
        subtitle="Kết quả hỗ trợ nâng cao vị thế kinh tế của phụ nữ",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Ngày", fmt="center", width_mm=20),
            AnnexColumn("Nội dung hỗ trợ", width_mm=50),
            AnnexColumn("Chương trình, dự án", width_mm=40),
            AnnexColumn("Hình thức", width_mm=30),
            AnnexColumn("Đơn vị thực hiện", width_mm=30),
            AnnexColumn("Tổng số", group="Số lượt người được hỗ trợ", fmt="int", width_mm=15),
            AnnexColumn("Nữ", group="Số lượt người được hỗ trợ", fmt="int", width_mm=14),
            AnnexColumn("DTTS", group="Số lượt người được hỗ trợ", fmt="int", width_mm=14),
            AnnexColumn("Hộ nghèo, cận nghèo", group="Số lượt người được hỗ trợ", fmt="int", width_mm=16),
            AnnexColumn("Kinh phí (đồng)", fmt="int", width_mm=24),
        ],
        rows=rows,
        totals=["", "", "Tổng cộng", "", "", "", totals["beneficiaries_total"], totals["women"],
                totals["ethnic"], totals["poor"], int(totals["amount"] or 0)],
    )  # fmt: skip
    if totals["n"] > MAX_ANNEX_ROWS:
        annex.note = f"(Liệt kê {MAX_ANNEX_ROWS} trên tổng số {_n(totals['n'])} hoạt động.)"
    return ReportPart(paragraphs, annexes=[annex])


def _window(reporting_round):
    from binhdang.reporting.regime import round_window

    return round_window(reporting_round)


def unit_part(submission) -> ReportPart | None:
    start, end = _window(submission.round)
    with translation.override("vi"):
        return build(
            Support.objects.filter(org_unit=submission.org_unit),
            start=start,
            end=end,
            who=submission.org_unit.name,
        )


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    owner = report.round.owner_unit
    start, end = _window(report.round)
    with translation.override("vi"):
        return build(
            visible_supports(user).filter(org_unit__path__startswith=owner.path),
            start=start,
            end=end,
            who=f"các cơ quan, đơn vị và địa phương của {owner.name}",
        )


EMPOWERMENT_SECTION = ReportSection(
    key="empowerment",
    title="Lồng ghép nâng cao vị thế kinh tế của phụ nữ trong các chương trình phát triển "
    "kinh tế - xã hội",
    order=64,
    # The seed's task area: 4, the advancement of women.
    area="4",
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

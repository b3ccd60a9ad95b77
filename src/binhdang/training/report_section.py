"""What the course records add to a unit's own report and to the consolidated report:
totals by sex, ethnic minority and position, how many units trained, named examples, the
evaluation, and an annex table of the courses. In Vietnamese."""

from datetime import date

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Sum
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable
from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number, format_percent
from binhdang.orgunits.models import OrgUnit
from binhdang.reporting.regime import round_window

from . import selectors
from .models import POSITION_FIELDS, CourseTopic, Position

MAX_EXAMPLES = 3
POSITION_WORDS = {
    Position.GENDER_CADRE: "cán bộ, công chức làm công tác bình đẳng giới",
    Position.CFAW_DISTRICT: "thành viên Ban vì sự tiến bộ của phụ nữ cấp huyện",
    Position.CFAW_COMMUNE: "thành viên Ban vì sự tiến bộ của phụ nữ cấp xã",
    Position.COUNCIL_DEPUTY: "đại biểu Hội đồng nhân dân",
    Position.WOMEN_LEADER: "nữ lãnh đạo, quản lý và cán bộ nữ trong diện quy hoạch",
    Position.OTHER: "đối tượng khác",
}
TOPIC_WORDS = {
    CourseTopic.MAINSTREAMING: "lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật",
    CourseTopic.GBV: "phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    CourseTopic.LEADERSHIP: "kỹ năng lãnh đạo cho cán bộ nữ",
    CourseTopic.LAW: "Luật Bình đẳng giới",
    CourseTopic.OTHER: "các nội dung khác",
}


def _n(value) -> str:
    return format_number(value or 0)


def totals_sentence(t: dict, who: str, start: date, end: date) -> str:
    text = (
        f"Từ ngày {format_date(start)} đến ngày {format_date(end)}, {who} đã tổ chức "
        f"{_n(t['courses'])} lớp tập huấn, bồi dưỡng về bình đẳng giới với "
        f"{_n(t['participants_total'])} lượt học viên"
    )
    if t["participants_total"]:
        share = format_percent(100 * t["participants_women"] / t["participants_total"])
        text += (
            f" ({_n(t['participants_women'])} lượt nữ, chiếm {share}; "
            f"{_n(t['participants_ethnic'])} lượt người dân tộc thiểu số)"
        )
    parts = [
        f"{_n(t[field])} {POSITION_WORDS[position]}"
        for position, field in POSITION_FIELDS.items()
        if t[field]
    ]
    if parts:
        text += ", trong đó " + "; ".join(parts)
    return text + "."


def topics_sentence(qs) -> str | None:
    rows = qs.order_by().values("topic").annotate(n=Count("id")).order_by("-n", "topic")
    parts = [f"{TOPIC_WORDS.get(r['topic'], r['topic'])} ({_n(r['n'])} lớp)" for r in rows]
    return ("Nội dung tập huấn: " + "; ".join(parts) + ".") if parts else None


def evaluation_sentence(qs) -> str | None:
    """Weighted by participants: a share of satisfied people is a numerator over a
    denominator, never an average of percentages."""
    rated = qs.filter(satisfaction_pct__isnull=False, participants_total__gt=0)
    out = rated.aggregate(
        people=Sum("participants_total"),
        courses=Count("id"),
        satisfied=Sum(
            ExpressionWrapper(
                F("satisfaction_pct") * F("participants_total"),
                output_field=DecimalField(max_digits=20, decimal_places=2),
            )
        ),
    )
    parts = []
    if out["people"]:
        share = float(out["satisfied"]) / out["people"]  # satisfaction_pct is already in %
        parts.append(
            f"qua đánh giá của {_n(out['courses'])} lớp, {format_percent(share)} học viên hài lòng"
        )
    tested = qs.filter(pre_test_mean__isnull=False, post_test_mean__isnull=False).aggregate(
        pre=Avg("pre_test_mean"), post=Avg("post_test_mean"), n=Count("id")
    )
    if tested["n"]:
        parts.append(
            f"điểm kiểm tra bình quân của {_n(tested['n'])} lớp tăng từ "
            f"{format_number(tested['pre'], 1)} trước tập huấn lên "
            f"{format_number(tested['post'], 1)} sau tập huấn"
        )
    return ("Kết quả đánh giá: " + "; ".join(parts) + ".") if parts else None


def examples_sentence(qs) -> str | None:
    best = qs.select_related("org_unit").order_by("-participants_total", "starts_on", "id")
    parts = [
        f"{c.title} ({c.org_unit.name}, ngày {format_date(c.starts_on)}, "
        f"{_n(c.participants_total)} học viên)"
        for c in best[:MAX_EXAMPLES]
    ]
    return ("Một số lớp tiêu biểu: " + "; ".join(parts) + ".") if parts else None


def coverage_sentence(qs) -> str:
    return f"{qs.values('org_unit').distinct().count()} cơ quan, đơn vị, địa phương đã tổ chức tập huấn."


def courses_annex(qs) -> AnnexTable:
    rows = [
        [str(n), c.title, c.org_unit.name, format_date(c.starts_on), c.participants_total,
         c.participants_women, c.participants_ethnic,
         float(c.satisfaction_pct) if c.satisfaction_pct is not None else None]
        for n, c in enumerate(qs.select_related("org_unit").order_by("starts_on", "id"), start=1)
    ]  # fmt: skip
    t = selectors.totals(qs)
    group = "Học viên"
    return AnnexTable(
        title="Phụ lục",
        subtitle="Các lớp tập huấn, bồi dưỡng về bình đẳng giới",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Lớp tập huấn", width_mm=60),
            AnnexColumn("Đơn vị tổ chức", width_mm=45),
            AnnexColumn("Ngày", fmt="center", width_mm=22),
            AnnexColumn("Tổng số", group=group, fmt="int", width_mm=18),
            AnnexColumn("Nữ", group=group, fmt="int", width_mm=16),
            AnnexColumn("DTTS", group=group, fmt="int", width_mm=16),
            AnnexColumn("Hài lòng (%)", fmt="dec1", width_mm=20),
        ],
        rows=rows,
        totals=["", "Tổng cộng", "", "", t["participants_total"], t["participants_women"],
                t["participants_ethnic"], None],
        unit="Đơn vị tính: lượt người",
    )  # fmt: skip


def _part(user, unit: OrgUnit, start: date, end: date, *, consolidated: bool) -> ReportPart | None:
    with translation.override("vi"):
        base = selectors.visible_courses(user)
        base = (
            base.filter(org_unit__path__startswith=unit.path)
            if consolidated
            else base.filter(org_unit=unit)
        )
        qs = base.filter(starts_on__gte=start, starts_on__lte=end)
        t = selectors.totals(qs)
        if not t["courses"]:
            return None
        who = "các cơ quan, đơn vị, địa phương" if consolidated else "đơn vị"
        paragraphs = [totals_sentence(t, who, start, end)]
        if consolidated:
            paragraphs.append(coverage_sentence(qs))
            paragraphs.append(
                "Số liệu trên tổng hợp từ sổ các lớp tập huấn của tất cả các đơn vị, kể cả đơn vị "
                "chưa có báo cáo được tiếp nhận, nên có thể cao hơn số liệu tổng hợp từ các báo cáo."
            )
        for text in (topics_sentence(qs), evaluation_sentence(qs), examples_sentence(qs)):
            if text:
                paragraphs.append(text)
        paragraphs.append("Danh sách các lớp tập huấn, bồi dưỡng tại phụ lục kèm theo.")
        return ReportPart(paragraphs, annexes=[courses_annex(qs)])


def unit_part(submission) -> ReportPart | None:
    user = submission.submitted_by or submission.updated_by
    if user is None:
        return None
    start, end = round_window(submission.round)
    return _part(user, submission.org_unit, start, end, consolidated=False)


def consolidated_part(report, *, user, with_charts: bool = False) -> ReportPart | None:
    start, end = round_window(report.round)
    return _part(user, report.round.owner_unit, start, end, consolidated=True)


TRAINING_SECTION = ReportSection(
    key="training",
    title="Kết quả tập huấn, bồi dưỡng nâng cao năng lực về bình đẳng giới",
    order=30,
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
    area="3",
)

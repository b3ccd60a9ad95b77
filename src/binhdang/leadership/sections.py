"""What the leadership records add to a unit's report and to the consolidated report: the
women in key leadership, the bodies with a woman key leader, the women deputies, the planning
and the training of women leaders, as paragraphs, with an annex table per kind of record."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable, DocImage
from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number
from binhdang.reporting.regime import round_window

from . import figures
from .charts import leadership_chart
from .models import LeadershipPost, LeaderTraining, PlanningCadre, PlanningTerm
from .selectors import leadership_units, share

COUNT_COLUMNS = [
    AnnexColumn("STT", fmt="center", width_mm=10),
    AnnexColumn("Địa phương, cơ quan", fmt="text", width_mm=50),
    AnnexColumn("Lãnh đạo chủ chốt", fmt="int", width_mm=22),
    AnnexColumn("Trong đó nữ", fmt="int", width_mm=18),
    AnnexColumn("Cơ quan, chính quyền", fmt="int", width_mm=22),
    AnnexColumn("Có lãnh đạo chủ chốt là nữ", fmt="int", width_mm=24),
    AnnexColumn("Đại biểu HĐND 2021-2026", fmt="int", width_mm=22),
    AnnexColumn("Trong đó nữ", fmt="int", width_mm=18),
    AnnexColumn("Quy hoạch 2025-2030", group="Quy hoạch", fmt="int", width_mm=20),
    AnnexColumn("Nữ", group="Quy hoạch", fmt="int", width_mm=14),
    AnnexColumn("Bồi dưỡng (lượt)", group="Bồi dưỡng", fmt="int", width_mm=20),
    AnnexColumn("Nữ", group="Bồi dưỡng", fmt="int", width_mm=14),
]


def _pct(part, whole) -> str:
    value = share(part, whole)
    return f"{format_number(value, 1)}%" if value is not None else "—"


def _sums(unit_ids, end: date) -> dict[str, Decimal]:
    parts = {
        "posts": figures.key_posts(unit_ids, None, end),
        "women": figures.key_posts_women(unit_ids, None, end),
        "bodies": figures.state_bodies(unit_ids, None, end),
        "bodies_woman": figures.state_bodies_with_woman(unit_ids, None, end),
        "deputies": figures.deputies(unit_ids, None, end),
        "deputies_women": figures.deputies_women(unit_ids, None, end),
    }
    return parts


def _total(values: dict) -> Decimal:
    return sum(values.values(), Decimal(0))


def _paragraphs(unit_ids, start: date, end: date, subject: str) -> list[str]:
    sums = {k: _total(v) for k, v in _sums(unit_ids, end).items()}
    out = []
    if sums["posts"]:
        out.append(
            f"Đến ngày {format_date(end)}, {subject} có {format_number(sums['posts'])} người giữ "
            f"chức danh lãnh đạo chủ chốt (cấp trưởng, cấp phó), trong đó "
            f"{format_number(sums['women'])} nữ ({_pct(sums['women'], sums['posts'])}); "
            f"{format_number(sums['bodies_woman'])}/{format_number(sums['bodies'])} cơ quan quản "
            f"lý nhà nước, chính quyền có lãnh đạo chủ chốt là nữ "
            f"({_pct(sums['bodies_woman'], sums['bodies'])})."
        )
    if sums["deputies"]:
        out.append(
            f"Đại biểu Hội đồng nhân dân nhiệm kỳ 2021-2026: {format_number(sums['deputies'])} "
            f"người, trong đó {format_number(sums['deputies_women'])} nữ "
            f"({_pct(sums['deputies_women'], sums['deputies'])})."
        )
    planning = (
        PlanningCadre.objects.filter(
            org_unit_id__in=unit_ids, term=PlanningTerm.T2025, as_of__lte=end
        )
        .order_by()
        .aggregate(
            total=Sum("total"),
            women=Sum("women"),
            young=Sum("young"),
            ethnic=Sum("ethnic_minority"),
        )
    )
    if planning["total"]:
        out.append(
            f"Quy hoạch cán bộ giai đoạn 2025-2030: {format_number(planning['total'])} lượt cán "
            f"bộ, trong đó {format_number(planning['women'])} nữ "
            f"({_pct(planning['women'], planning['total'])}), {format_number(planning['young'])} "
            f"cán bộ trẻ, {format_number(planning['ethnic'])} người dân tộc thiểu số."
        )
    training = (
        LeaderTraining.objects.filter(
            org_unit_id__in=unit_ids, held_on__gte=start, held_on__lte=end
        )
        .order_by()
        .aggregate(courses=Count("pk"), people=Sum("participants"), women=Sum("women"))
    )
    if training["courses"]:
        out.append(
            f"Tổ chức {format_number(training['courses'])} lớp bồi dưỡng kiến thức, kỹ năng cho "
            f"nữ lãnh đạo, quản lý, nữ trong diện quy hoạch và nữ đại biểu Hội đồng nhân dân với "
            f"{format_number(training['people'] or 0)} lượt người, trong đó "
            f"{format_number(training['women'] or 0)} lượt nữ."
        )
    return out


def _by_unit(qs, **sums) -> dict[int, dict]:
    return {r["org_unit"]: r for r in qs.values("org_unit").order_by().annotate(**sums)}


def _unit_annex(units, start: date, end: date) -> AnnexTable | None:
    ids = [u.pk for u in units]
    sums = _sums(ids, end)
    planning = _by_unit(
        PlanningCadre.objects.filter(org_unit_id__in=ids, term=PlanningTerm.T2025, as_of__lte=end),
        total=Sum("total"),
        women=Sum("women"),
    )
    training = _by_unit(
        LeaderTraining.objects.filter(org_unit_id__in=ids, held_on__gte=start, held_on__lte=end),
        total=Sum("participants"),
        women=Sum("women"),
    )
    rows = []
    for unit in units:
        values = [int(sums[k].get(unit.pk, Decimal(0))) for k in sums]
        for extra in (planning, training):
            found = extra.get(unit.pk, {})
            values += [found.get("total") or 0, found.get("women") or 0]
        if not any(values):
            continue
        rows.append([str(len(rows) + 1), unit.name, *values])
    if not rows:
        return None
    totals = ["", "Tổng cộng", *[sum(r[i] for r in rows) for i in range(2, len(COUNT_COLUMNS))]]
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Phụ nữ tham gia lãnh đạo, quản lý (đến ngày {format_date(end)})",
        columns=COUNT_COLUMNS,
        rows=rows,
        unit="Đơn vị tính: người, cơ quan, lượt người",
        totals=totals,
    )


def _posts_annex(unit, end: date) -> AnnexTable | None:
    """A unit's own leadership posts on its latest date up to `end`."""
    latest = (
        LeadershipPost.objects.filter(org_unit=unit, as_of__lte=end)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
    )
    if latest is None:
        return None
    posts = LeadershipPost.objects.filter(org_unit=unit, as_of=latest).order_by(
        "body_kind", "body_name", "post"
    )
    rows = [
        [str(n), p.body_name, p.get_post_display(), p.total, p.women, p.ethnic_minority]
        for n, p in enumerate(posts, start=1)
    ]
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Chức danh lãnh đạo, quản lý theo giới tính (tại ngày {format_date(latest)})",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Cơ quan", fmt="text", width_mm=70),
            AnnexColumn("Chức danh", fmt="text", width_mm=25),
            AnnexColumn("Số người", fmt="int", width_mm=18),
            AnnexColumn("Nữ", fmt="int", width_mm=15),
            AnnexColumn("Dân tộc thiểu số", fmt="int", width_mm=22),
        ],
        rows=rows,
        unit="Đơn vị tính: người",
        landscape=False,
    )


def _part(units, start, end, subject, *, images=()) -> ReportPart | None:
    ids = [u.pk for u in units]
    with translation.override("vi"):
        paragraphs = _paragraphs(ids, start, end, subject)
        if not paragraphs:
            return None
        # One annex per report (a consolidated report has room for ten): the units' figures
        # of every kind of record, or a unit's own posts.
        annex = _unit_annex(units, start, end) if len(units) > 1 else _posts_annex(units[0], end)
        annexes = [annex] if annex is not None else []
        return ReportPart(paragraphs, images=list(images), annexes=annexes)


def unit_part(submission) -> ReportPart | None:
    """A unit's own leadership figures as of the end of the round's window."""
    start, end = round_window(submission.round)
    unit = submission.org_unit
    return _part([unit], start, end, unit.name)


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    """The figures of every unit of the round's unit the user may read, summed, with the
    annex of units and, with charts, the trend against the 2025 and 2030 targets."""
    owner = report.round.owner_unit
    start, end = round_window(report.round)
    units = list(
        leadership_units(user).filter(Q(path__startswith=owner.path)).order_by("path")[:2000]
    )
    if not units:
        return None
    images = []
    if with_charts:
        chart = leadership_chart(user, owner, range(2019, end.year + 1))
        if chart is not None:
            images.append(DocImage(chart.png(), f"Biểu đồ. {chart.title}", width_mm=110))
    return _part(units, start, end, f"các đơn vị của {owner.name}", images=images)


LEADERSHIP_SECTION = ReportSection(
    key="leadership",
    title="Phụ nữ tham gia lãnh đạo, quản lý",
    order=62,
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
    # Inside "Hoạt động vì sự tiến bộ của phụ nữ" of the seed's form, when the round has it.
    area="4",
)

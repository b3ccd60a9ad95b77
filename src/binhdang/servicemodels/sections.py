"""What the register adds to a unit's own report and to the consolidated report: totals,
coverage, named examples, the evaluations of the year, and an annex table of the models."""

from collections import Counter
from datetime import date

from django.db.models import Q, Sum
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable
from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, OrgUnit

from .figures import _active_condition
from .models import Conclusion, Evaluation, ModelKind, PeriodRecord, ServiceModel
from .selectors import visible_models

MAX_EXAMPLES = 3


def _n(value) -> str:
    return format_number(value or 0)


def _where(model) -> str:
    """ " (Xã Phú Linh)" after a model's name, unless the name already says where it is."""
    commune = model.commune
    if (commune.short_name or commune.name) in model.name:
        return ""
    return f" ({commune.name})"


def _window(reporting_round) -> tuple[date, date]:
    from binhdang.reporting.regime import round_window

    return round_window(reporting_round)


def build(models, *, year: int, start: date, end: date, who: str, communes_total: int | None):
    """The paragraphs and annex for `models` (a queryset of ServiceModel), or None when there
    is no model."""
    models = models.select_related("commune", "org_unit")
    active = list(models.filter(_active_condition(end)).order_by("commune__name", "name"))
    if not active and not models.exists():
        return None
    kinds = Counter(m.kind for m in active)
    kinds_text = ", ".join(
        f"{kinds[k]} {str(ModelKind(k).label).lower()}" for k in ModelKind.values if kinds[k]
    )
    communes = {m.commune_id for m in active}
    paragraphs = [
        f"Đến ngày {format_date(end)}, {who} duy trì {_n(len(active))} mô hình phòng, chống "
        f"bạo lực gia đình, bạo lực trên cơ sở giới đang hoạt động"
        + (f" ({kinds_text})" if kinds_text else "")
        + (
            f" tại {_n(len(communes))}/{_n(communes_total)} xã, thị trấn của địa bàn."
            if communes_total
            else f" tại {_n(len(communes))} xã, phường, thị trấn."
        )
    ]
    periods = PeriodRecord.objects.filter(
        service_model__in=models, period_end__gte=start, period_end__lte=end
    )
    totals = periods.aggregate(
        activities=Sum("activities"),
        total=Sum("supported_total"),
        women=Sum("supported_women"),
        ethnic=Sum("supported_ethnic"),
        referrals=Sum("referrals"),
    )
    if totals["total"] or totals["activities"]:
        paragraphs.append(
            f"Từ ngày {format_date(start)} đến ngày {format_date(end)}, các mô hình tổ chức "
            f"{_n(totals['activities'])} hoạt động, hỗ trợ, tư vấn {_n(totals['total'])} lượt "
            f"người (nữ {_n(totals['women'])}, người dân tộc thiểu số {_n(totals['ethnic'])}), "
            f"tiếp nhận {_n(totals['referrals'])} trường hợp được chuyển gửi."
        )
    supported = dict(
        periods.values("service_model")
        .annotate(n=Sum("supported_total"))
        .values_list("service_model", "n")
    )
    examples = sorted(active, key=lambda m: (-(supported.get(m.pk) or 0), m.name))[:MAX_EXAMPLES]
    examples = [m for m in examples if supported.get(m.pk)]
    if examples:
        paragraphs.append(
            "Một số mô hình tiêu biểu: "
            + "; ".join(
                f"{m.name}{_where(m)} hỗ trợ {_n(supported[m.pk])} lượt người" for m in examples
            )
            + "."
        )
    evaluations = list(
        Evaluation.objects.filter(service_model__in=models, year=year)
        .select_related("service_model__commune")
        .order_by("service_model__commune__name", "service_model__name", "-evaluated_on")
    )
    latest = {}
    for e in evaluations:
        latest.setdefault(e.service_model_id, e)
    if latest:
        counted = Counter(e.conclusion for e in latest.values())
        parts = [
            f"{_n(counted[c])} mô hình {str(Conclusion(c).label).lower()}"
            for c in Conclusion.values
            if counted[c]
        ]
        paragraphs.append(
            f"Năm {year}, đã rà soát, đánh giá hiệu quả {_n(len(latest))} mô hình: "
            + ", ".join(parts)
            + "."
        )
        weak = [e for e in latest.values() if e.conclusion != Conclusion.EFFECTIVE and e.proposals]
        if weak:
            paragraphs.append(
                "Đề xuất sau rà soát: "
                + "; ".join(
                    f"{e.service_model.name}: {e.proposals.strip().rstrip('.')}" for e in weak[:5]
                )
                + "."
            )
    rows = []
    for n, m in enumerate(active, start=1):
        e = latest.get(m.pk)
        rows.append(
            [
                str(n),
                m.name,
                str(ModelKind(m.kind).label),
                m.commune.name,
                m.org_unit.name,
                m.members_women,
                m.members_men,
                supported.get(m.pk) or 0,
                str(Conclusion(e.conclusion).label) if e else "",
            ]
        )
    annex = AnnexTable(
        title="Phụ lục",
        subtitle="Danh sách mô hình phòng, chống bạo lực gia đình, bạo lực trên cơ sở giới",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Tên mô hình", width_mm=55),
            AnnexColumn("Loại mô hình", width_mm=35),
            AnnexColumn("Xã", width_mm=28),
            AnnexColumn("Đơn vị quản lý", width_mm=35),
            AnnexColumn("Nữ", group="Thành viên", fmt="int", width_mm=14),
            AnnexColumn("Nam", group="Thành viên", fmt="int", width_mm=14),
            AnnexColumn("Lượt người được hỗ trợ trong kỳ", fmt="int", width_mm=22),
            AnnexColumn(f"Kết quả đánh giá năm {year}", width_mm=28),
        ],
        rows=rows,
        unit="Đơn vị tính: người",
    )
    return ReportPart(paragraphs, annexes=[annex] if rows else [])


def unit_part(submission) -> ReportPart | None:
    """The models the unit manages itself."""
    start, end = _window(submission.round)
    with translation.override("vi"):
        return build(
            ServiceModel.objects.filter(org_unit=submission.org_unit),
            year=submission.round.period_year,
            start=start,
            end=end,
            who=submission.org_unit.name,
            communes_total=None,
        )


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    """The models of the round's unit and every unit under it that the user may read."""
    owner = report.round.owner_unit
    start, end = _window(report.round)
    communes_total = (
        OrgUnit.objects.filter(path__startswith=owner.path, kind__in=COMMUNE_LEVEL_KINDS)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .count()
    )
    with translation.override("vi"):
        return build(
            visible_models(user).filter(org_unit__path__startswith=owner.path),
            year=report.round.period_year,
            start=start,
            end=end,
            who=f"các cơ quan, đơn vị và địa phương của {owner.name}",
            communes_total=communes_total or None,
        )


SERVICEMODELS_SECTION = ReportSection(
    key="servicemodels",
    title="Kết quả xây dựng, duy trì và nhân rộng các mô hình phòng, chống bạo lực gia đình, "
    "bạo lực trên cơ sở giới",
    order=62,
    # The seed's task area: 2, the strategy and the GBV programme.
    area="2",
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

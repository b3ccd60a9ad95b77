"""What the activity records add to a unit's own report and to the consolidated report:
totals, how many units did it, named examples, the Action Month, and an annex table per
record type (activities, role models). Written in Vietnamese, whatever the reader's language."""

from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable
from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number, format_percent
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, TERRITORIAL_KINDS, OrgUnit
from binhdang.reporting.regime import round_window

from . import selectors
from .models import SESSION_CHANNELS, CampaignKind, Channel

MAX_EXAMPLES = 3


def _n(value) -> str:
    return format_number(value or 0)


def _in_window(qs, start: date, end: date):
    return qs.filter(starts_on__gte=start, starts_on__lte=end)


def totals_sentence(t: dict, who: str, start: date, end: date) -> str:
    """ "Từ ngày 15/12/2022 đến ngày 14/12/2023, các đơn vị đã tổ chức 312 hoạt động truyền
    thông, trong đó 190 buổi tuyên truyền trực tiếp với 12.450 lượt người tham gia (6.980 lượt
    nữ, chiếm 56,1%; 9.120 lượt người dân tộc thiểu số); ..." """
    text = (
        f"Từ ngày {format_date(start)} đến ngày {format_date(end)}, {who} đã tổ chức "
        f"{_n(t['activities'])} hoạt động truyền thông về bình đẳng giới, trong đó "
        f"{_n(t['sessions'])} buổi tuyên truyền trực tiếp (hội nghị, nói chuyện chuyên đề, hội "
        f"thi) với {_n(t['session_total'])} lượt người tham gia"
    )
    if t["session_total"]:
        share = format_percent(100 * t["session_women"] / t["session_total"])
        text += (
            f" ({_n(t['session_women'])} lượt nữ, chiếm {share}; "
            f"{_n(t['session_ethnic'])} lượt người dân tộc thiểu số)"
        )
    products = []
    if t["leaflets"]:
        products.append(f"phát {_n(t['leaflets'])} tờ rơi, tờ gấp")
    if t["banners"]:
        products.append(f"treo {_n(t['banners'])} băng rôn, khẩu hiệu, pano, áp phích")
    if t["broadcasts"]:
        products.append(
            f"phát {_n(t['broadcasts'])} tin, bài trên loa, đài phát thanh, truyền hình"
        )
    if t["articles"]:
        products.append(f"đăng {_n(t['articles'])} tin, bài trên cổng thông tin, mạng xã hội")
    if products:
        text += "; " + "; ".join(products)
    text += "."
    if t["cost"]:
        text += f" Tổng kinh phí {_n(t['cost'])} đồng."
    return text


def _totals(qs) -> dict:
    sessions = Q(channel__in=SESSION_CHANNELS)
    out = qs.aggregate(
        activities=Count("id"),
        sessions=Count("id", filter=sessions),
        session_total=Sum("audience_total", filter=sessions),
        session_women=Sum("audience_women", filter=sessions),
        session_ethnic=Sum("audience_ethnic", filter=sessions),
        audience=Sum("audience_total"),
        leaflets=Sum("leaflets"),
        banners=Sum("banners"),
        broadcasts=Sum("broadcasts"),
        articles=Sum("articles"),
        cost=Sum("cost"),
    )
    return {k: v or 0 for k, v in out.items()}


def channels_sentence(qs) -> str | None:
    labels = dict(Channel.choices)
    rows = qs.order_by().values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    parts = [f"{str(labels.get(r['channel'], r['channel'])).lower()} ({_n(r['n'])})" for r in rows]
    return ("Theo hình thức: " + "; ".join(parts) + ".") if parts else None


def examples_sentence(qs) -> str | None:
    best = qs.select_related("org_unit").order_by("-audience_total", "starts_on", "id")[
        :MAX_EXAMPLES
    ]
    parts = [
        f"{a.title} ({a.org_unit.name}, ngày {format_date(a.starts_on)}, "
        f"{_n(a.audience_total)} lượt người)"
        for a in best
        if a.audience_total
    ]
    return ("Một số hoạt động tiêu biểu: " + "; ".join(parts) + ".") if parts else None


def coverage_sentence(qs, owner: OrgUnit, end: date) -> str | None:
    """ "21/24 xã, thị trấn và 12 cơ quan, đơn vị có hoạt động được ghi nhận." """
    units = OrgUnit.objects.filter(pk__in=qs.values("org_unit")).exclude(pk=owner.pk)
    communes_with = units.filter(kind__in=COMMUNE_LEVEL_KINDS).count()
    bodies_with = units.exclude(kind__in=TERRITORIAL_KINDS).count()
    communes_all = (
        OrgUnit.objects.subtree_of(owner, include_self=False)
        .active(end)
        .filter(kind__in=COMMUNE_LEVEL_KINDS)
        .count()
    )
    parts = []
    if communes_all:
        parts.append(f"{communes_with}/{communes_all} xã, thị trấn")
    if bodies_with:
        parts.append(f"{bodies_with} cơ quan, đơn vị, tổ chức")
    if not parts:
        return None
    return " và ".join(parts) + " có hoạt động truyền thông được ghi nhận trong sổ hoạt động."


def action_month_sentence(qs, year: int, end: date) -> str | None:
    month = qs.filter(campaign__kind=CampaignKind.ACTION_MONTH, campaign__year=year)
    t = _totals(month)
    if not t["activities"]:
        return None
    units = month.values("org_unit").distinct().count()
    campaign = month.select_related("campaign").first().campaign
    text = (
        f"Hưởng ứng {campaign.title} (từ ngày {format_date(campaign.starts_on)} đến ngày "
        f"{format_date(campaign.ends_on)}), {units} đơn vị đã tổ chức {_n(t['activities'])} "
        f"hoạt động, trong đó {_n(t['sessions'])} buổi tuyên truyền trực tiếp với "
        f"{_n(t['session_total'])} lượt người tham gia ({_n(t['session_women'])} lượt nữ)"
    )
    if t["leaflets"]:
        text += f", phát {_n(t['leaflets'])} tờ rơi"
    text += "."
    if campaign.ends_on > end:
        text += f" Số liệu tính đến ngày {format_date(end)}."
    return text


def role_models_sentence(role_models) -> str | None:
    count = role_models.count()
    if not count:
        return None
    named = ", ".join(
        f"{r.name} ({r.village + ', ' if r.village else ''}{r.commune.name if r.commune else r.org_unit.name})"
        for r in role_models.select_related("commune", "org_unit")[:MAX_EXAMPLES]
    )
    return (
        f"Có {count} gương điển hình, người có uy tín trong đồng bào dân tộc thiểu số tham gia "
        f"tuyên truyền về bình đẳng giới, tiêu biểu: {named}."
    )


def activities_annex(qs) -> AnnexTable:
    """Each activity on a line (a unit's own report)."""
    labels = dict(Channel.choices)
    rows = [
        [
            str(n),
            a.title,
            format_date(a.starts_on),
            str(labels.get(a.channel, a.channel)),
            a.audience_total,
            a.audience_women,
            a.audience_ethnic,
            a.leaflets,
        ]
        for n, a in enumerate(qs.order_by("starts_on", "id"), start=1)
    ]
    t = _totals(qs)
    return AnnexTable(
        title="Phụ lục",
        subtitle="Các hoạt động truyền thông về bình đẳng giới",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Hoạt động", width_mm=70),
            AnnexColumn("Ngày", fmt="center", width_mm=22),
            AnnexColumn("Hình thức", width_mm=35),
            AnnexColumn("Tổng số", group="Người tham gia, được tiếp cận", fmt="int", width_mm=20),
            AnnexColumn("Nữ", group="Người tham gia, được tiếp cận", fmt="int", width_mm=18),
            AnnexColumn("DTTS", group="Người tham gia, được tiếp cận", fmt="int", width_mm=18),
            AnnexColumn("Tờ rơi", fmt="int", width_mm=18),
        ],
        rows=rows,
        totals=["", "Tổng cộng", "", "", t["audience"], _sum(qs, "audience_women"),
                _sum(qs, "audience_ethnic"), t["leaflets"]],
        unit="Đơn vị tính: lượt người, tờ",
    )  # fmt: skip


def _sum(qs, field: str) -> int:
    return qs.aggregate(v=Sum(field))["v"] or 0


def units_annex(qs) -> AnnexTable:
    """One line per unit (the consolidated report)."""
    sessions = Q(channel__in=SESSION_CHANNELS)
    per_unit = (
        qs.order_by()
        .values("org_unit", "org_unit__name", "org_unit__path")
        .annotate(
            n=Count("id"),
            s=Count("id", filter=sessions),
            p=Sum("audience_total", filter=sessions),
            w=Sum("audience_women", filter=sessions),
            e=Sum("audience_ethnic", filter=sessions),
            leaflets=Sum("leaflets"),
            cost=Sum("cost"),
        )
        .order_by("org_unit__name")
    )
    rows = [
        [str(i), r["org_unit__name"], r["n"], r["s"], r["p"] or 0, r["w"] or 0, r["e"] or 0,
         r["leaflets"] or 0, r["cost"] or 0]
        for i, r in enumerate(per_unit, start=1)
    ]  # fmt: skip
    t = _totals(qs)
    group = "Buổi tuyên truyền trực tiếp"
    return AnnexTable(
        title="Phụ lục",
        subtitle="Kết quả hoạt động truyền thông về bình đẳng giới theo đơn vị",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Cơ quan, đơn vị, địa phương", width_mm=60),
            AnnexColumn("Số hoạt động", fmt="int", width_mm=20),
            AnnexColumn("Số buổi", group=group, fmt="int", width_mm=18),
            AnnexColumn("Lượt người", group=group, fmt="int", width_mm=22),
            AnnexColumn("Nữ", group=group, fmt="int", width_mm=20),
            AnnexColumn("DTTS", group=group, fmt="int", width_mm=20),
            AnnexColumn("Tờ rơi", fmt="int", width_mm=18),
            AnnexColumn("Kinh phí (đồng)", fmt="int", width_mm=28),
        ],
        rows=rows,
        totals=["", "Tổng cộng", t["activities"], t["sessions"], t["session_total"],
                t["session_women"], t["session_ethnic"], t["leaflets"], t["cost"]],
    )  # fmt: skip


def role_models_annex(role_models) -> AnnexTable:
    rows = [
        [
            str(n),
            r.name,
            r.get_kind_display(),
            ", ".join(x for x in (r.village, r.commune.name if r.commune else "") if x),
            r.role,
            ", ".join(
                x
                for x in (
                    format_date(r.recognised_on) if r.recognised_on else "",
                    r.recognised_by,
                )
                if x
            ),
        ]
        for n, r in enumerate(role_models.select_related("commune"), start=1)
    ]
    return AnnexTable(
        title="Phụ lục",
        subtitle="Gương điển hình, người có uy tín trong đồng bào dân tộc thiểu số",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Họ và tên, hộ gia đình", width_mm=40),
            AnnexColumn("Cá nhân/hộ", width_mm=20),
            AnnexColumn("Thôn, xã", width_mm=40),
            AnnexColumn("Việc làm tiêu biểu", width_mm=70),
            AnnexColumn("Được công nhận", width_mm=40),
        ],
        rows=rows,
    )


def _part(user, unit: OrgUnit, start: date, end: date, *, consolidated: bool) -> ReportPart | None:
    with translation.override("vi"):
        base = selectors.visible_activities(user)
        if consolidated:
            base = base.filter(org_unit__path__startswith=unit.path)
        else:
            base = base.filter(org_unit=unit)
        qs = _in_window(base, start, end)
        role_models = (
            selectors.visible_role_models(user).filter(org_unit__path__startswith=unit.path)
            if consolidated
            else selectors.visible_role_models(user).filter(org_unit=unit)
        )
        t = _totals(qs)
        if not t["activities"] and not role_models.exists():
            return None
        who = "các cơ quan, đơn vị, địa phương" if consolidated else "đơn vị"
        paragraphs = [totals_sentence(t, who, start, end)]
        if consolidated and (text := coverage_sentence(qs, unit, end)):
            paragraphs.append(text)
        if consolidated:
            paragraphs.append(
                "Số liệu trên tổng hợp từ sổ hoạt động truyền thông của tất cả các đơn vị, kể cả đơn vị "
                "chưa có báo cáo được tiếp nhận, nên có thể cao hơn số liệu tổng hợp từ các báo cáo."
            )
        for text in (
            # The consolidated report leaves the channels to its annex of units.
            None if consolidated else channels_sentence(qs),
            examples_sentence(qs),
            action_month_sentence(qs, end.year, end),
            role_models_sentence(role_models),
        ):
            if text:
                paragraphs.append(text)
        annexes = []
        if t["activities"]:
            annexes.append(units_annex(qs) if consolidated else activities_annex(qs))
        if role_models.exists():
            annexes.append(role_models_annex(role_models))
        paragraphs.append(
            "Kết quả của từng đơn vị và các gương điển hình tại phụ lục kèm theo."
            if consolidated
            else "Các hoạt động của đơn vị tại phụ lục kèm theo."
        )
        return ReportPart(paragraphs, annexes=annexes)


def unit_part(submission) -> ReportPart | None:
    """The unit's own activities in the round's cut-off window, read as the person who wrote
    the report."""
    user = submission.submitted_by or submission.updated_by
    if user is None:
        return None
    start, end = round_window(submission.round)
    return _part(user, submission.org_unit, start, end, consolidated=False)


def consolidated_part(report, *, user, with_charts: bool = False) -> ReportPart | None:
    """The activities of every unit under the round's unit that `user` reads."""
    start, end = round_window(report.round)
    return _part(user, report.round.owner_unit, start, end, consolidated=True)


COMMUNICATION_SECTION = ReportSection(
    key="communication",
    title="Kết quả công tác thông tin, truyền thông về bình đẳng giới",
    order=20,
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
    area="1",
)

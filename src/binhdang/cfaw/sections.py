"""What the committees add to a unit's report and to the consolidated report: the committee's
composition at the end of the round's window, its kiện toàn decisions, its work programme and
meetings, with an annex table of members (a unit) or of committees (consolidated)."""

import functools
from datetime import date

from django.db.models import Count, Q
from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable
from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number
from binhdang.reporting.regime import round_window

from .models import Committee, Decision, ItemStatus, Meeting, ProgrammeItem, Sex
from .selectors import committees, with_counts
from .services import members_on


def _window_counts(ids, start: date, end: date) -> dict:
    year = end.year
    items = (
        ProgrammeItem.objects.filter(committee_id__in=ids, year=year)
        .order_by()
        .aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=ItemStatus.DONE)))
    )
    meetings = Meeting.objects.filter(
        committee_id__in=ids, held_on__gte=start, held_on__lte=end
    ).count()
    decisions = Decision.objects.filter(
        committee_id__in=ids, signed_on__gte=start, signed_on__lte=end
    ).order_by("signed_on")
    return {"items": items, "meetings": meetings, "decisions": list(decisions)}


def _activity(counts, year: int) -> list[str]:
    out = []
    if counts["items"]["total"]:
        out.append(
            f"Chương trình công tác năm {year} có {format_number(counts['items']['total'])} nội "
            f"dung, đã thực hiện xong {format_number(counts['items']['done'])} nội dung."
        )
    if counts["meetings"]:
        out.append(f"Tổ chức {format_number(counts['meetings'])} cuộc họp.")
    return out


def in_vietnamese(build):
    """Reports are Vietnamese whatever the reader's interface language."""

    @functools.wraps(build)
    def wrapped(*args, **kwargs):
        with translation.override("vi"):
            return build(*args, **kwargs)

    return wrapped


@in_vietnamese
def unit_part(submission) -> ReportPart | None:
    committee = Committee.objects.filter(org_unit=submission.org_unit).first()
    if committee is None:
        return None
    start, end = round_window(submission.round)
    members = list(members_on(committee, end))
    women = sum(1 for m in members if m.sex == Sex.FEMALE)
    counts = _window_counts([committee.pk], start, end)
    first = (
        f"Đến ngày {format_date(end)}, {committee.name} gồm {format_number(len(members))} thành "
        f"viên, trong đó {format_number(women)} nữ."
    )
    if counts["decisions"]:
        first += (
            " Trong kỳ, Ban được kiện toàn theo "
            + "; ".join(
                f"Quyết định số {d.number} ngày {format_date(d.signed_on)}"
                for d in counts["decisions"]
            )
            + "."
        )
    paragraphs = [first, *_activity(counts, end.year)]
    annex = AnnexTable(
        title="Phụ lục",
        subtitle=f"Thành viên {committee.name} (đến ngày {format_date(end)})",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Họ và tên", fmt="text", width_mm=45),
            AnnexColumn("Chức danh trong Ban", fmt="text", width_mm=30),
            AnnexColumn("Cơ quan, đơn vị", fmt="text", width_mm=60),
            AnnexColumn("Giới tính", fmt="text", width_mm=18),
        ],
        rows=[
            [str(n), m.full_name, m.get_post_display(), m.from_body, m.get_sex_display()]
            for n, m in enumerate(members, start=1)
        ],
        landscape=False,
    )
    # One annex per report (a consolidated report has room for ten): the members.
    annexes = [annex] if annex.rows else []
    return ReportPart(paragraphs, annexes=annexes)


@in_vietnamese
def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    owner = report.round.owner_unit
    start, end = round_window(report.round)
    qs = with_counts(
        committees(user).filter(org_unit__path__startswith=owner.path), end
    ).select_related("org_unit")
    found = list(qs[:2000])
    if not found:
        return None
    ids = [c.pk for c in found]
    counts = _window_counts(ids, start, end)
    members = sum(c.member_count for c in found)
    women = sum(c.women_count for c in found)
    paragraphs = [
        f"Đến ngày {format_date(end)}, {format_number(len(found))} Ban vì sự tiến bộ của phụ nữ "
        f"với {format_number(members)} thành viên, trong đó {format_number(women)} nữ; "
        f"{format_number(len({d.committee_id for d in counts['decisions']}))} Ban được kiện toàn "
        "trong kỳ.",
        *_activity(counts, end.year),
    ]
    decided = {}
    for d in counts["decisions"]:
        decided.setdefault(d.committee_id, []).append(d)
    done = dict(
        ProgrammeItem.objects.filter(committee_id__in=ids, year=end.year)
        .values("committee")
        .annotate(n=Count("pk", filter=Q(status=ItemStatus.DONE)))
        .values_list("committee", "n")
    )
    total = dict(
        ProgrammeItem.objects.filter(committee_id__in=ids, year=end.year)
        .values("committee")
        .annotate(n=Count("pk"))
        .values_list("committee", "n")
    )
    rows = [
        [
            str(n),
            c.name,
            c.member_count,
            c.women_count,
            "; ".join(f"{d.number} ({format_date(d.signed_on)})" for d in decided.get(c.pk, [])),
            f"{done.get(c.pk, 0)}/{total.get(c.pk, 0)}",
        ]
        for n, c in enumerate(found, start=1)
    ]
    annex = AnnexTable(
        title="Phụ lục",
        subtitle="Ban vì sự tiến bộ của phụ nữ các cấp",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=10),
            AnnexColumn("Ban vì sự tiến bộ của phụ nữ", fmt="text", width_mm=60),
            AnnexColumn("Thành viên", fmt="int", width_mm=20),
            AnnexColumn("Nữ", fmt="int", width_mm=15),
            AnnexColumn("Kiện toàn trong kỳ", fmt="text", width_mm=45),
            AnnexColumn("Chương trình (xong/tổng)", fmt="center", width_mm=25),
        ],
        rows=rows,
        totals=["", "Tổng cộng", members, women, "", ""],
    )
    return ReportPart(paragraphs, annexes=[annex])


CFAW_SECTION = ReportSection(
    key="cfaw",
    title="Hoạt động của Ban vì sự tiến bộ của phụ nữ",
    order=63,
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
    # Inside "Hoạt động vì sự tiến bộ của phụ nữ" of the seed's form, when the round has it.
    area="4",
)

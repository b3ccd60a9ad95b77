"""What inspections and complaints add to a unit's report and to the consolidated report: the
inspections and checks of the year over the unit's subtree and the complaints and
denunciations received, with an annex table for each (no one's identity, no respondent)."""

from django.utils import translation

from binhdang.core.registry import ReportPart, ReportSection
from binhdang.documents.engine import AnnexColumn, AnnexTable
from binhdang.formats.dates import format_date

from . import deadlines
from .selectors import (
    ComplaintFilters,
    InspectionFilters,
    complaint_counts,
    inspection_counts,
    search_complaints,
    search_inspections,
)

MAX_ANNEX_ROWS = 300


def inspection_paragraph(counts: dict, year: int) -> str:
    text = (
        f"Năm {year}, đã tổ chức {counts['total']} cuộc thanh tra, kiểm tra việc thực hiện "
        f"pháp luật về bình đẳng giới ({counts['inspections']} cuộc thanh tra, "
        f"{counts['checks']} cuộc kiểm tra)"
    )
    scopes = [
        (counts["law"], "Luật Bình đẳng giới"),
        (counts["strategy"], "kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới"),
        (counts["dv"], "phòng, chống bạo lực gia đình"),
    ]
    named = [f"{n} cuộc về {label}" for n, label in scopes if n]
    if named:
        text += ", trong đó " + "; ".join(named)
    if counts["follow_ups"]:
        text += (
            f". Các cuộc thanh tra, kiểm tra đã kiến nghị {counts['follow_ups']} nội dung, "
            f"đến nay đã thực hiện xong {counts['follow_ups_done']} nội dung"
        )
    return text + "."


def complaint_paragraph(counts: dict, year: int) -> str:
    if not counts["total"]:
        return f"Năm {year}, không nhận được khiếu nại, tố cáo về bình đẳng giới."
    return (
        f"Năm {year}, tiếp nhận {counts['total']} đơn khiếu nại, tố cáo về bình đẳng giới "
        f"({counts['complaints']} khiếu nại, {counts['denunciations']} tố cáo); không thụ lý "
        f"{counts['refused']} đơn; đã giải quyết xong {counts['concluded']} đơn, trong đó "
        f"{counts['upheld']} đơn có nội dung đúng hoặc đúng một phần."
    )


def inspection_annex(user, unit, year: int) -> AnnexTable:
    rows = []
    found = search_inspections(user, InspectionFilters(year=year))
    found = found.filter(org_unit__path__startswith=unit.path)[:MAX_ANNEX_ROWS]
    for n, i in enumerate(found, start=1):
        follow_ups = list(i.follow_ups.all())
        done = sum(1 for f in follow_ups if f.status == "done")
        dates = format_date(i.started_on) + (f" - {format_date(i.ended_on)}" if i.ended_on else "")
        rows.append([
            str(n), f"{i.title} ({i.get_kind_display().lower()})", i.org_unit.name,
            "; ".join(u.name for u in i.inspected_units.all()), dates,
            "; ".join(i.scope_labels()), f"{done}/{len(follow_ups)}" if follow_ups else "",
        ])  # fmt: skip
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Các cuộc thanh tra, kiểm tra về bình đẳng giới năm {year}",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Cuộc thanh tra, kiểm tra", width_mm=60),
            AnnexColumn("Đơn vị thực hiện", width_mm=35),
            AnnexColumn("Đơn vị được thanh tra, kiểm tra", width_mm=45),
            AnnexColumn("Thời gian", width_mm=28),
            AnnexColumn("Nội dung", width_mm=40),
            AnnexColumn("Kiến nghị đã thực hiện", fmt="center", width_mm=22),
        ],
        rows=rows,
    )


def open_complaint_lines(user, unit, year: int) -> list[str]:
    """ "Đang giải quyết: Khiếu nại nhận ngày 24/11/2023 tại Xã Phú Linh, hạn hoàn thành xác
    minh 20/12/2023." """
    found = search_complaints(user, ComplaintFilters(year=year, unit=unit, open_only=True))
    lines = []
    for c in found[:MAX_ANNEX_ROWS]:
        deadline = deadlines.next_deadline(c)
        if deadline is not None:
            lines.append(
                f"Đang giải quyết: {c.get_kind_display().lower()} nhận ngày "
                f"{format_date(c.received_on)} tại {c.org_unit.name}, hạn "
                f"{deadline.label.lower()} {format_date(deadline.due)}."
            )
    return lines


def complaint_annex(user, unit, year: int) -> AnnexTable:
    rows = []
    found = search_complaints(user, ComplaintFilters(year=year, unit=unit))[:MAX_ANNEX_ROWS]
    for n, c in enumerate(found, start=1):
        deadline = deadlines.next_deadline(c)
        if c.acceptance == "refused":
            state = "Không thụ lý"
        elif c.concluded_on:
            state = f"Đã giải quyết ngày {format_date(c.concluded_on)}: {c.get_outcome_display()}"
        else:
            state = f"Đang giải quyết; {deadline.label.lower()} trước {format_date(deadline.due)}"
        rows.append([str(n), c.get_kind_display(), format_date(c.received_on),
                     c.get_channel_display(), c.org_unit.name, state])  # fmt: skip
    return AnnexTable(
        title="Phụ lục",
        subtitle=f"Khiếu nại, tố cáo về bình đẳng giới năm {year}",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Loại", width_mm=30),
            AnnexColumn("Ngày nhận", fmt="center", width_mm=22),
            AnnexColumn("Hình thức", width_mm=28),
            AnnexColumn("Cơ quan giải quyết", width_mm=45),
            AnnexColumn("Tình trạng, kết quả", width_mm=70),
        ],
        rows=rows,
    )


def _part(user, unit, year: int) -> ReportPart | None:
    if user is None:
        return None
    with translation.override("vi"):
        inspections = inspection_counts(user, unit, year)
        complaints = complaint_counts(user, unit, year)
        if not inspections["total"] and not complaints["total"]:
            return None
        paragraphs, annexes = [], []
        if inspections["total"]:
            paragraphs.append(inspection_paragraph(inspections, year))
            annexes.append(inspection_annex(user, unit, year))
        paragraphs.append(complaint_paragraph(complaints, year))
        paragraphs.extend(open_complaint_lines(user, unit, year))
        # One annex per section: the document numbers a limited run of annexes.
        return ReportPart(paragraphs, annexes=annexes)


def unit_part(submission) -> ReportPart | None:
    user = submission.submitted_by or submission.updated_by
    return _part(user, submission.org_unit, submission.round.period_year)


def consolidated_part(report, *, user, with_charts: bool) -> ReportPart | None:
    return _part(user, report.round.owner_unit, report.round.period_year)


INSPECTIONS_SECTION = ReportSection(
    key="inspections",
    title="Thanh tra, kiểm tra và giải quyết khiếu nại, tố cáo về bình đẳng giới",
    order=65,
    area="3",  # state management of gender equality (seed §3)
    build_for_unit=unit_part,
    build_consolidated=consolidated_part,
)

"""The standing office of Vị Xuyên compiles the 2023 round into the district's report
125/BC-UBND of 08/12/2023 (after the 05/12 deadline and the reviews of 06/12), edits the
opening of section 1, the leader finalises it, and it goes up as Vị Xuyên's submission to
the Hà Giang provincial round."""

from datetime import date

from binhdang.accounts.models import User
from binhdang.documents import services
from binhdang.documents.models import ConsolidatedReport, ReportStatus
from binhdang.reporting.models import ReportingRound

SLUG = "760-ubnd-ldtbxh-2023"
PROVINCE_SLUG = "961-ubnd-vhxh-2023"
OPENING = (
    "Năm 2023, Ủy ban nhân dân huyện đã chỉ đạo các cơ quan, đơn vị, UBND các xã, thị trấn "
    "đẩy mạnh tuyên truyền, phổ biến chính sách, pháp luật về bình đẳng giới, tập trung vào "
    "Tháng hành động vì bình đẳng giới, phòng ngừa, ứng phó với bạo lực trên cơ sở giới (từ "
    "ngày 15/11 đến 15/12/2023). Kết quả cụ thể như sau:"
)


def run(stdout) -> None:
    reporting_round = ReportingRound.objects.filter(slug=SLUG).select_related("owner_unit").first()
    if reporting_round is None or ConsolidatedReport.objects.filter(round=reporting_round).exists():
        return
    office = User.objects.get(username="thuongtruc.vixuyen")
    leader = User.objects.get(username="lanhdao.vixuyen")
    report = services.compile_report(actor=office, round=reporting_round)
    services.report_update_header(
        actor=office,
        report=report,
        values={"number_symbol": "125/BC-UBND", "date": date(2023, 12, 8)},
    )
    first = report.sections.filter(part="done").order_by("position").first()
    if first is not None:
        services.section_edit(
            actor=office,
            report=report,
            section_id=first.pk,
            text=f"{OPENING}\n{first.compiled_text}",
        )
    services.report_finalise(actor=leader, report=report)
    province_round = ReportingRound.objects.filter(slug=PROVINCE_SLUG).first()
    if province_round is not None:
        submission = services.report_submit_upward(
            actor=office, report=report, parent_round=province_round
        )
        stdout.write(
            f"Report 125/BC-UBND compiled, finalised and submitted to {PROVINCE_SLUG} "
            f"(submission {submission.pk}, {submission.get_status_display()})."
        )
    else:
        report.refresh_from_db()
        assert report.status == ReportStatus.FINAL
        stdout.write("Report 125/BC-UBND compiled and finalised.")

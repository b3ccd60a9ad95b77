"""The standing office of Vị Xuyên compiles the 2023 round into the district's report
125/BC-UBND of 08/12/2023 (after the 05/12 deadline and the reviews of 06/12-08/12), edits
the leadership part (section I) from the draft the system proposed, the leader finalises it, and it goes up as Vị Xuyên's submission to
the Hà Giang provincial round the same afternoon.

The demo lives in December 2023: every step is dated then, never on the day the demo is
loaded, so the province sees the report sent on 08/12/2023, on time for its 15/12 deadline."""

from datetime import date, datetime, time

from django.db.models import Max

from binhdang.accounts.models import User
from binhdang.documents import services
from binhdang.documents.models import ConsolidatedReport, ReportStatus, SendRecord
from binhdang.notifications.models import Notification
from binhdang.reporting.models import TZ, ReportingRound, Submission, SubmissionVersion

SLUG = "760-ubnd-ldtbxh-2023"
PROVINCE_SLUG = "961-ubnd-vhxh-2023"
REPORT_DATE = date(2023, 12, 8)
COMPILED = datetime.combine(REPORT_DATE, time(13, 30), tzinfo=TZ)
EDITED = datetime.combine(REPORT_DATE, time(14, 15), tzinfo=TZ)
FINALISED = datetime.combine(REPORT_DATE, time(15, 30), tzinfo=TZ)
SENT_UP = datetime.combine(REPORT_DATE, time(16, 0), tzinfo=TZ)
OPENING = (
    "Năm 2023, Ủy ban nhân dân huyện đã chỉ đạo các cơ quan, đơn vị, UBND các xã, thị trấn "
    "đẩy mạnh tuyên truyền, phổ biến chính sách, pháp luật về bình đẳng giới, tập trung vào "
    "Tháng hành động vì bình đẳng giới, phòng ngừa, ứng phó với bạo lực trên cơ sở giới (từ "
    "ngày 15/11 đến 15/12/2023)."
)


def _date_upward(submission: Submission, report: ConsolidatedReport) -> None:
    """The reporting services stamp their rows with the clock; the demo's upward submission
    and what it left behind (its versions, the province's notifications, the send record)
    are put back in their own time."""
    Submission.objects.filter(pk=submission.pk).update(created_at=SENT_UP, updated_at=SENT_UP)
    SubmissionVersion.objects.filter(submission=submission).update(created_at=SENT_UP)
    Notification.objects.filter(dedupe_key__startswith=f"submission:{submission.pk}:").update(
        created_at=SENT_UP
    )
    SendRecord.objects.filter(report=report).update(created_at=SENT_UP)
    ConsolidatedReport.objects.filter(pk=report.pk).update(created_at=COMPILED, updated_at=SENT_UP)


def run(stdout) -> None:
    reporting_round = ReportingRound.objects.filter(slug=SLUG).select_related("owner_unit").first()
    if reporting_round is None or ConsolidatedReport.objects.filter(round=reporting_round).exists():
        return
    last_review = reporting_round.submissions.aggregate(last=Max("accepted_at"))["last"]
    # The report of 08/12 can only hold what was accepted before it was compiled.
    assert last_review is None or last_review < COMPILED, last_review
    office = User.objects.get(username="thuongtruc.vixuyen")
    leader = User.objects.get(username="lanhdao.vixuyen")
    report = services.compile_report(actor=office, round=reporting_round, now=COMPILED)
    services.report_update_header(
        actor=office,
        report=report,
        values={"number_symbol": "125/BC-UBND", "date": REPORT_DATE},
    )
    first = report.sections.filter(number="I", part="leadership").first()
    if first is not None:
        services.section_edit(
            actor=office,
            report=report,
            section_id=first.pk,
            text=f"{OPENING}\n{first.compiled_text}",
            now=EDITED,
        )
    services.report_finalise(actor=leader, report=report, now=FINALISED)
    province_round = ReportingRound.objects.filter(slug=PROVINCE_SLUG).first()
    if province_round is not None:
        submission = services.report_submit_upward(
            actor=office, report=report, parent_round=province_round, now=SENT_UP
        )
        _date_upward(submission, report)
        stdout.write(
            f"Report 125/BC-UBND compiled, finalised and submitted to {PROVINCE_SLUG} on "
            f"{REPORT_DATE:%d/%m/%Y} (submission {submission.pk}, "
            f"{submission.get_status_display()})."
        )
    else:
        report.refresh_from_db()
        assert report.status == ReportStatus.FINAL
        stdout.write("Report 125/BC-UBND compiled and finalised.")

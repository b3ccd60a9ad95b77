"""The 2023 consolidated report of Vị Xuyên, produced from the demo: Decree 30 layout, every
figure equal to the database sums, PDF through LibreOffice, Vietnamese text intact."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Sum
from docx.shared import Mm
from openpyxl import load_workbook

from binhdang.documents import report_kind, services
from binhdang.documents.engine import pdf_available
from binhdang.documents.models import ConsolidatedReport, ReportStatus
from binhdang.reporting.models import (
    ReportingRound,
    RoundStatus,
    SubmissionStatus,
    SubmissionValue,
)

from .helpers import effective, find_paragraph, load

pytestmark = pytest.mark.django_db(transaction=False)

ARTEFACTS = Path(__file__).resolve().parents[4] / "var" / "artefacts"
SLUG = "760-ubnd-ldtbxh-2023"


@pytest.fixture
def demo_report(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load-demo", stdout=BytesIO_text())
    report = ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
        round__slug=SLUG
    )
    return report


def _office():
    from binhdang.accounts.models import User

    return User.objects.get(username="thuongtruc.vixuyen")


class BytesIO_text:  # noqa: N801 - a write-only sink for command output
    def write(self, *_args, **_kwargs):
        return None

    def flush(self):
        return None


def _number(text: str) -> Decimal | None:
    text = text.strip().rstrip("%")
    if not text:
        return None
    return Decimal(text.replace(".", "").replace(",", "."))


def _accepted(reporting_round):
    return SubmissionValue.objects.filter(
        submission__round=reporting_round, submission__status=SubmissionStatus.ACCEPTED
    )


def _db_totals(reporting_round) -> dict[str, Decimal]:
    """Field code -> sum over the accepted submissions, computed here independently."""
    rows = _accepted(reporting_round).values("field__code").annotate(total=Sum("value"))
    return {r["field__code"]: r["total"] for r in rows}


def _db_unit_values(reporting_round) -> dict[tuple[str, str], Decimal]:
    return {
        (unit, code): value
        for unit, code, value in _accepted(reporting_round).values_list(
            "submission__org_unit__name", "field__code", "value"
        )
    }


def _header_keys(reporting_round) -> dict:
    """How each field is headed in an annex: its label, or (its total's label, sub-title)
    for a total with "of which" parts and for the parts."""
    from binhdang.reporting.models import NumericField

    fields = list(NumericField.objects.filter(round=reporting_round))
    with_parts = {f.part_of_id for f in fields if f.part_of_id}
    keys = {}
    for f in fields:
        if f.is_computed:
            continue
        if f.part_of_id:
            keys[(f.part_of.label, f.label)] = f.code
        elif f.pk in with_parts:
            keys[(f.label, "Tổng số")] = f.code
        else:
            keys[f.label] = f.code
    return keys


def _column_code(keys, top: str, sub: str) -> str | None:
    if top == sub or not sub:
        return keys.get(_label(top))
    return keys.get((_label(top), sub))


def _annex_tables(document):
    for table in document.tables:
        head = [c.text.strip() for c in table.rows[0].cells]
        if head[:2] == ["STT", "Đơn vị"] and table.rows[-1].cells[1].text == "Tổng cộng":
            yield table


def _label(header: str) -> str:
    # "Số lượt người tham gia tuyên truyền (lượt người)" -> the field label
    return header.rsplit(" (", 1)[0] if header.endswith(")") else header


def test_it_lays_out_the_report_per_decree_30_and_its_figures_equal_the_database(demo_report):
    report = demo_report
    assert report.status == ReportStatus.SENT  # finalised and submitted upward by the demo
    files = report_kind.report_files(report, user=_office(), formats=("docx", "xlsx"))
    document = load(files["docx"])

    section = document.sections[0]
    assert section.page_width == pytest.approx(Mm(210), abs=Mm(1))
    # Word stores margins in twips: 15 mm is 539,750 EMU, a hair under Mm(15).
    tolerance = Mm(0.1)
    assert Mm(30) - tolerance <= section.left_margin <= Mm(35) + tolerance
    assert Mm(15) - tolerance <= section.right_margin <= Mm(20) + tolerance
    assert Mm(20) - tolerance <= section.top_margin <= Mm(25) + tolerance

    expected = {
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (12, True, False),
        "Độc lập - Tự do - Hạnh phúc": (13, True, False),
        "Số: 125/BC-UBND": (13, False, False),
        "Vị Xuyên, ngày 08 tháng 12 năm 2023": (14, False, True),
        "BÁO CÁO": (14, True, False),
        "TM. ỦY BAN NHÂN DÂN": (14, True, False),
        "KT. CHỦ TỊCH": (14, True, False),
        "PHÓ CHỦ TỊCH": (14, True, False),
        "Đặng Thị Phượng": (14, True, False),
        "Nơi nhận:": (12, True, True),
    }
    for text, (size, bold, italic) in expected.items():
        paragraph = find_paragraph(document, text)
        assert paragraph is not None, text
        run = next(r for r in paragraph.runs if r.text.strip())
        assert effective(run, paragraph, "name") == "Times New Roman", text
        assert effective(run, paragraph, "size") == size, text
        assert bool(effective(run, paragraph, "bold")) is bold, text
        assert bool(effective(run, paragraph, "italic")) is italic, text
    issuing = [
        p
        for p in _paragraphs(document)
        if "ỦY BAN NHÂN DÂN" in p.text and "HUYỆN VỊ XUYÊN" in p.text
    ]
    assert issuing, "issuing agency missing"
    body = "\n".join(p.text for p in _paragraphs(document))
    assert (
        "Kết quả thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023"
        in body.replace("\n", " ")
    )
    assert "I. KẾT QUẢ THỰC HIỆN" in body
    assert "Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023." in body  # Decree 09
    assert "- Lưu: VT, LĐTBXH." in body
    # units that did not report are named, never silently left out
    assert "chưa nhận được báo cáo của" in body and "Xã Xín Chải" in body

    totals = _db_totals(report.round)
    unit_values = _db_unit_values(report.round)
    keys = _header_keys(report.round)
    checked, columns = 0, set()
    for table in _annex_tables(document):
        top = [c.text.strip() for c in table.rows[0].cells]
        sub = [c.text.strip() for c in table.rows[1].cells]
        # a two-level header repeats its merged "STT" cell on the second row
        two_levels = sub[0] == "STT"
        body_rows = table.rows[2 if two_levels else 1 : -1]
        for col in range(2, len(top)):
            code = _column_code(keys, top[col], sub[col] if two_levels else top[col])
            if code is None:
                assert top[col].startswith("Tỷ lệ") or sub[col].startswith("Tỷ lệ"), top[col]
                continue
            columns.add(code)
            assert _number(table.rows[-1].cells[col].text) == totals.get(code), code
            for row in body_rows:
                unit = row.cells[1].text.strip()
                assert _number(row.cells[col].text) == unit_values.get((unit, code)), (unit, code)
                checked += 1
    assert columns == set(keys.values())
    assert checked > 300

    workbook = load_workbook(BytesIO(files["xlsx"]), data_only=True)
    xlsx_checked, xlsx_columns = 0, set()
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        head = next((i for i, r in enumerate(rows) if r and r[0] == "STT"), None)
        if head is None or not any(r and r[1] == "Tổng cộng" for r in rows):
            continue
        top, sub = list(rows[head]), list(rows[head + 1])
        two_levels = sub[0] is None
        for i in range(1, len(top)):  # a merged group header fills only its first cell
            if top[i] is None:
                top[i] = top[i - 1]
        codes = {}
        for col in range(2, len(top)):
            codes[col] = _column_code(
                keys, str(top[col]), str(sub[col] or "") if two_levels else str(top[col])
            )
        for r in rows[head + (2 if two_levels else 1) :]:
            if r[1] is None:
                continue
            for col, code in codes.items():
                if code is None:
                    continue
                xlsx_columns.add(code)
                value = None if r[col] is None else Decimal(str(r[col]))
                expected = (
                    totals.get(code) if r[1] == "Tổng cộng" else unit_values.get((r[1], code))
                )
                assert value == expected, (r[1], code)
                xlsx_checked += 1
    assert xlsx_columns == set(keys.values())
    assert xlsx_checked > 300
    assert "Phòng Lao động - Thương binh và Xã hội huyện" in {
        c for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row
    }


def _paragraphs(document):
    from .helpers import all_paragraphs

    return list(all_paragraphs(document))


def test_it_converts_to_pdf_and_keeps_page_one_as_an_artefact(demo_report):
    if not pdf_available():
        pytest.skip("LibreOffice (soffice) is not installed: PDF export cannot be checked")
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftoppm, pdftotext) not installed")
    files = report_kind.report_files(demo_report, user=_office(), formats=("pdf",))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTEFACTS / "bao_cao_tong_hop_vi_xuyen_2023.pdf"
    pdf.write_bytes(files["pdf"])
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(ARTEFACTS / "bao_cao_tong_hop_vi_xuyen_2023_trang1")],
        check=True,
    )  # fmt: skip
    assert (ARTEFACTS / "bao_cao_tong_hop_vi_xuyen_2023_trang1.png").stat().st_size > 10_000
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    assert "UBND TỈNH HÀ GIANG" not in text
    for line in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 125/BC-UBND",
        "Vị Xuyên, ngày 08 tháng 12 năm 2023",
        "BÁO CÁO",
    ):
        assert line in text, line


def test_it_shows_a_late_submission_as_new_and_keeps_the_edits_on_the_demo(demo_report):
    from binhdang.accounts.models import User
    from binhdang.reporting import services as reporting

    report = demo_report
    office = User.objects.get(username="thuongtruc.vixuyen")
    # The province returns nothing here: reopen locally is refused once submitted upward.
    with pytest.raises(services.DocumentError):
        services.report_reopen(actor=office, report=report, reason="Sửa số liệu")
    ConsolidatedReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.DRAFT, upward_submission=None
    )
    report.refresh_from_db()
    edited = report.sections.filter(is_edited=True).get()
    before = edited.edited_text
    waiting = report.round.submissions.filter(org_unit__name="Xã Việt Lâm").get()
    reporting.submission_accept(actor=office, submission=waiting)
    services.compile_report(actor=office, round=report.round)
    edited.refresh_from_db()
    assert edited.edited_text == before
    assert "Xã Việt Lâm" in [p["unit"] for p in edited.pending]
    assert all(p["unit"] != "Xã Thanh Thủy" for p in edited.pending)


def test_it_names_the_download_in_vietnamese_with_an_ascii_fallback(demo_report, client):
    from binhdang.accounts.models import User
    from binhdang.documents.models import DocumentJob, JobStatus

    office = User.objects.get(username="thuongtruc.vixuyen")
    client.force_login(office)
    response = client.post(
        "/documents/jobs/new/", {"kind": "report", "target": demo_report.pk, "fmt": "xlsx"}
    )
    job = DocumentJob.objects.get()
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    response = client.get(f"/documents/jobs/{job.pk}/download/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert 'filename="Bao-cao-BDG-2023-Vi-Xuyen.xlsx"' in disposition
    assert (
        "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20B%C4%90G%202023%20-%20V%E1%BB%8B%20Xuy%C3%AAn.xlsx"
        in disposition
    )
    reporter = User.objects.get(username="baocao.phulinh")
    client.force_login(reporter)
    assert client.get(f"/documents/jobs/{job.pk}/download/").status_code == 404
    assert client.get(f"/documents/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/documents/rounds/{demo_report.round_id}/").status_code == 404


def test_it_consolidates_the_province_from_its_districts(demo_report):
    from binhdang.accounts.models import User
    from binhdang.reporting import services as reporting

    province_round = ReportingRound.objects.get(slug="961-ubnd-vhxh-2023")
    office = User.objects.get(username="thuongtruc.hagiang")
    submission = demo_report.upward_submission
    assert submission.round == province_round
    reporting.submission_accept(actor=office, submission=submission)
    report = services.compile_report(actor=office, round=province_round)
    district_totals = _db_totals(demo_report.round)
    province_totals = _db_totals(province_round)
    assert province_totals["participants"] == district_totals["participants"]
    text = report.sections.get(number="1", part="done").compiled_text
    assert "huyện Vị Xuyên" in text  # the district's sentences, attributed to it
    assert report.issuing_agency == "Ủy ban nhân dân tỉnh Hà Giang"


def test_it_keeps_the_sent_demo_report_as_signed_when_more_reports_are_accepted(
    demo_report, client
):
    """The issue's case: Xã Phú Linh sends its report today, late, and it is accepted after
    125/BC-UBND went up; the report's downloads stay the bytes that were finalised."""
    import hashlib
    import re

    from django.urls import reverse

    from binhdang.accounts.models import User
    from binhdang.documents.models import DocumentJob
    from binhdang.reporting import services as reporting
    from tests.html_forms import forms, forms_to

    report = demo_report
    version = report.frozen_version
    assert version is not None and version.number == 1
    frozen_docx = version.files.get(fmt="docx")
    office = User.objects.get(username="thuongtruc.vixuyen")
    client.force_login(office)
    url = reverse("documents:round", kwargs={"round_id": report.round_id})

    def download_docx() -> bytes:
        html = client.get(url).content.decode()
        (form,) = [
            f for f in forms_to(html, reverse("documents:job_create")) if f.value("fmt") == "docx"
        ]
        client.post(form.action, form.data())
        job = DocumentJob.objects.latest("pk")
        return b"".join(client.get(f"/documents/jobs/{job.pk}/download/").streaming_content)

    before = download_docx()
    assert hashlib.sha256(before).hexdigest() == frozen_docx.sha256
    # The demo keeps 2023 closed as the record; the round is open again here, as it was on the
    # day Xã Phú Linh's late report came in.
    ReportingRound.objects.filter(pk=report.round_id).update(status=RoundStatus.OPEN)
    phu_linh = report.round.submissions.get(org_unit__name="Xã Phú Linh")
    reporter = User.objects.get(username="baocao.phulinh")
    # The fields counted from the commune's records (when an app keeps them) take the counts.
    from binhdang.reporting.selectors import counted_figures

    codes = {f.pk: f.code for f in report.round.fields.all()}
    values = {"participants_women": "120"} | {
        codes[field_id]: figure.value
        for field_id, figure in counted_figures(report.round, phu_linh.org_unit).items()
    }
    reporting.submission_save_draft(
        actor=reporter, submission=phu_linh,
        data={"values": values}, expected_version=phu_linh.version,
    )  # fmt: skip
    phu_linh.refresh_from_db()
    phu_linh = reporting.submission_submit(actor=reporter, submission=phu_linh)
    assert phu_linh.is_late
    reporting.submission_accept(actor=office, submission=phu_linh)

    after = download_docx()
    assert after == before
    document = load(after)
    status_rows = {
        row.cells[1].text.strip(): [c.text.strip() for c in row.cells]
        for table in document.tables
        for row in table.rows
        if len(row.cells) == 6
    }
    assert status_rows["Xã Phú Linh"][3:] == ["Đang soạn, chưa gửi", "", ""]
    html = client.get(url).content.decode()
    assert frozen_docx.sha256 in html
    arrivals = html[html.index('id="arrivals"') :]
    assert "Xã Phú Linh" in arrivals[: arrivals.index("</section>")]
    # Sent to the province and not returned: "Reopen" is not offered, and the service agrees.
    assert not [f for f in forms(html) if f.value("action") == "reopen"]
    assert re.search(r'id="no-reopen"', html)


def test_it_dates_the_demo_upward_submission_in_december_2023(demo_report):
    """Vị Xuyên's report went up on 08/12/2023, on time for the province's 15/12 deadline:
    the submission, its versions, its notifications and the send record say so, whatever the
    day the demo is loaded."""
    from datetime import date, datetime

    from binhdang.notifications.models import Notification
    from binhdang.reporting.models import TZ

    submission = demo_report.upward_submission
    assert submission.is_late is False
    assert submission.first_submitted_at.astimezone(TZ).date() == date(2023, 12, 8)
    moments = [submission.created_at, submission.updated_at, submission.submitted_at]
    moments += list(submission.versions.values_list("created_at", flat=True))
    moments += list(
        Notification.objects.filter(
            dedupe_key__startswith=f"submission:{submission.pk}:"
        ).values_list("created_at", flat=True)
    )
    version = demo_report.frozen_version
    moments += [version.finalised_at, demo_report.compiled_at, demo_report.finalised_at]
    december = (datetime(2023, 12, 1, tzinfo=TZ), datetime(2023, 12, 9, tzinfo=TZ))
    assert all(december[0] <= m < december[1] for m in moments), moments
    assert [r.sent_on for r in demo_report.send_records.all()] == [date(2023, 12, 8)]
    assert demo_report.send_records.get().version == version
    # The accepted units the version holds are all accepted before it was compiled.
    accepted = report_round_accepted(demo_report.round)
    assert accepted and max(accepted) < demo_report.compiled_at


def report_round_accepted(reporting_round):
    return [
        s.accepted_at for s in reporting_round.submissions.filter(status=SubmissionStatus.ACCEPTED)
    ]

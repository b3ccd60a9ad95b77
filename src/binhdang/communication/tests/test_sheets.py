"""The activities' Excel template filled as an officer fills it, uploaded all or nothing,
and the export of what the user reads."""

import unicodedata
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from binhdang.communication.models import Activity, RoleModel
from binhdang.communication.tests.factories import action_month, make_activity
from tests.html_forms import form, rows

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _template(client, url="/communication/template.xlsx"):
    response = client.get(url)
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def _filled(wb, lines, nfd_headers=False) -> SimpleUploadedFile:
    ws = wb["Dữ liệu"]
    if nfd_headers:
        for cell in ws[3]:
            if isinstance(cell.value, str):
                cell.value = nfd(cell.value.rstrip(" *"))
    headers = [c.value.rstrip(" *") if c.value else "" for c in ws[3]]
    for r, line in enumerate(lines, start=4):
        for header, value in line.items():
            ws.cell(
                row=r,
                column=[unicodedata.normalize("NFC", h) for h in headers].index(header) + 1,
                value=value,
            )
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("hoat-dong.xlsx", out.getvalue())


def _upload(client, upload, url="/communication/upload/"):
    page = client.get(url)
    f = form(page.content, id="upload-form")
    return client.post(url, {**f.data(), "file": upload})


GOOD = {
    "Đơn vị": "Xã Phú Linh",
    "Tên hoạt động": nfd("Hội nghị tuyên truyền phòng, chống tảo hôn"),
    "Ngày bắt đầu": "25/11/2023",
    "Hình thức": nfd("Hội nghị, nói chuyện chuyên đề"),
    "Chủ đề": "luat binh dang gioi; Bạo lực gia đình",
    "Xã tổ chức": "Xã Phú Linh",
    "Số người tham gia": "1.234",
    "Trong đó nữ": "650",
    "Trong đó DTTS": 900,
    "Tờ rơi": "300",
    "Kinh phí (đồng)": "2.500.000",
    "Nguồn kinh phí": "Ngân sách nhà nước",
}


def test_a_good_file_saves_every_row(world, login):
    month = action_month(2023)
    client = login(world.reporter_a)
    second = {**GOOD, "Tên hoạt động": "Phát thanh trên loa xã", "Hình thức": "Đài phát thanh, loa truyền thanh",
              "Ngày bắt đầu": date(2023, 3, 8), "Số người tham gia": None, "Trong đó nữ": None,
              "Trong đó DTTS": None}  # fmt: skip
    upload = _filled(_template(client), [GOOD, second], nfd_headers=True)
    response = _upload(client, upload)
    assert response.status_code == 302, rows(response.content, "sheet-errors")
    meeting = Activity.objects.get(channel="meeting")
    assert meeting.title == "Hội nghị tuyên truyền phòng, chống tảo hôn"  # NFC
    assert (meeting.audience_total, meeting.audience_women, meeting.audience_ethnic) == (
        1234,
        650,
        900,
    )
    assert meeting.cost == 2_500_000 and meeting.topic_list == ["law", "dv"]
    assert meeting.place == world.commune_a and meeting.campaign == month
    radio = Activity.objects.get(channel="radio")
    assert radio.starts_on == date(2023, 3, 8) and radio.campaign is None


def test_one_bad_row_saves_nothing_and_names_every_problem(world, login):
    client = login(world.reporter_a)
    bad_women = {**GOOD, "Trong đó nữ": "2.000"}  # more women than people
    bad_number = {**GOOD, "Tờ rơi": "12,5"}
    out_of_scope = {**GOOD, "Đơn vị": "Xã Kim Thạch"}
    upload = _filled(_template(client), [GOOD, bad_number, out_of_scope])
    response = _upload(client, upload)
    assert response.status_code == 200
    assert not Activity.objects.exists()
    by_row = {(r[0], r[1]): r[2] for r in rows(response.content, "sheet-errors")}
    assert "không phải là số nguyên" in by_row[("5", "Tờ rơi")]
    assert "Xã Kim Thạch" in by_row[("6", "Đơn vị")]
    # Every cell reads, but the service refuses one row: the rows before it are undone.
    upload = _filled(_template(client), [GOOD, GOOD, bad_women])
    response = _upload(client, upload)
    assert not Activity.objects.exists()
    by_row = {(r[0], r[1]): r[2] for r in rows(response.content, "sheet-errors")}
    assert list(by_row) == [("6", "Trong đó nữ")]
    assert "không thể nhiều hơn" in by_row[("6", "Trong đó nữ")]


def test_the_template_lists_only_the_units_the_user_records_for(world, login):
    client = login(world.reporter_a)
    wb = _template(client)
    names = [r[1].value for r in wb["Đơn vị"].iter_rows(min_row=2)]
    assert "Xã Phú Linh" in names and "Xã Kim Thạch" not in names


def test_the_export_holds_what_the_user_reads_and_uploads_again(world, login):
    make_activity(world, title="Hoạt động của Phú Linh", cost=1_500_000)
    make_activity(world, world.commune_b, title="Hoạt động của Kim Thạch")
    client = login(world.reporter_a)
    response = client.get("/communication/export.xlsx")
    ws = load_workbook(BytesIO(response.content))["Dữ liệu"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value]
    assert len(values) == 1 and values[0][1] == "Hoạt động của Phú Linh"
    assert values[0][4] == "Hội nghị, nói chuyện chuyên đề" and 1500000 in values[0]
    # The export is the template's layout: uploaded again, it records the same activity.
    response = _upload(client, SimpleUploadedFile("lai.xlsx", response.content))
    assert response.status_code == 302
    assert Activity.objects.filter(title="Hoạt động của Phú Linh").count() == 2


def test_role_models_upload_all_or_nothing(world, login):
    client = login(world.reporter_a)
    wb = _template(client, "/communication/role-models/template.xlsx")
    good = {"Đơn vị ghi nhận": "Xã Phú Linh", "Cá nhân/hộ gia đình": "Hộ gia đình",
            "Họ và tên (chủ hộ)": nfd("Hộ ông Lục Văn Thào"), "Dân tộc": "Tày",
            "Xã": "Xã Phú Linh", "Thôn": "Thôn Nặm Tiến",
            "Việc làm tiêu biểu": "Gia đình văn hóa, chia sẻ việc nhà", "Ngày công nhận": "02/09/2022"}  # fmt: skip
    bad = {**good, "Việc làm tiêu biểu": None}
    response = _upload(client, _filled(wb, [good, bad]), "/communication/role-models/upload/")
    assert response.status_code == 200 and not RoleModel.objects.exists()
    wb = _template(client, "/communication/role-models/template.xlsx")
    response = _upload(client, _filled(wb, [good]), "/communication/role-models/upload/")
    assert response.status_code == 302
    found = RoleModel.objects.get()
    assert found.name == "Hộ ông Lục Văn Thào" and found.kind == "household"
    assert found.recognised_on == date(2022, 9, 2) and found.commune == world.commune_a

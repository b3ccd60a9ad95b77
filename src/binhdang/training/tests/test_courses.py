"""Recording training courses through the pages, the list of participants, scoping, the
Excel upload, the figures over a cut-off window and the report section."""

import unicodedata
from datetime import date
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from binhdang.audit.models import AuditEntry
from binhdang.core.registry import figure
from binhdang.reporting.tests.factories import make_round
from binhdang.training.models import Course, Participant
from binhdang.training.report_section import TRAINING_SECTION
from binhdang.training.tests.factories import make_course
from tests.html_forms import form, rows

pytestmark = pytest.mark.django_db

NEW = "/training/new/"


def test_it_records_a_course_with_counts_and_its_evaluation(world, login):
    client = login(world.reporter_a)
    f = form(client.get(NEW).content, id="course-form")
    response = client.post(NEW, f.data(
        title=unicodedata.normalize("NFD", "Tập huấn lồng ghép giới cho cán bộ xã"),
        topic="mainstreaming", starts_on="2023-08-10", ends_on="2023-08-11", format="in_person",
        place="Hội trường UBND xã", trainers="Sở LĐ-TB&XH", participants_total="1.234",
        participants_women="617", participants_ethnic="800", pos_gender_cadre="34",
        pos_council_deputy="1.200", satisfaction_pct="92,5", pre_test_mean="5,8",
        post_test_mean="8,1"))  # fmt: skip
    course = Course.objects.get()
    assert response["Location"] == f"/training/{course.pk}/"
    assert course.title == "Tập huấn lồng ghép giới cho cán bộ xã"
    assert (course.participants_total, course.participants_women) == (1234, 617)
    assert course.pos_council_deputy == 1200
    assert course.satisfaction_pct == Decimal("92.5") and course.post_test_mean == Decimal("8.1")
    assert AuditEntry.objects.filter(
        action="training.course_create", object_id=str(course.pk)
    ).exists()
    page = client.get(f"/training/{course.pk}/").content.decode()
    assert "1.234" in page and "92,5%" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participants_total": "10", "participants_women": "11"}, "không thể nhiều hơn"),
        ({"participants_total": "10", "pos_other": "11"}, "theo đối tượng"),
        ({"satisfaction_pct": "120"}, "từ 0 đến 100"),
        ({"participants_total": "12,5"}, "không phải là số nguyên"),
    ],
)
def test_it_refuses_bad_numbers(world, login, changes, message):
    client = login(world.reporter_a)
    f = form(client.get(NEW).content, id="course-form")
    data = {"title": "Lớp", "topic": "gbv", "starts_on": "2023-08-10", **changes}
    response = client.post(NEW, f.data(**data))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Course.objects.exists()


def test_the_list_of_participants_gives_the_counts(world, login):
    course = make_course(world)
    client = login(world.reporter_a)
    url = f"/training/{course.pk}/"
    for name, sex, ethnic, position in (
        ("Hoàng Thị Mai", "f", "on", "gender_cadre"),
        ("Nông Văn Tuấn", "m", "on", "council_deputy"),
        ("Lê Thị Hồng", "f", None, "women_leader"),
    ):
        f = form(client.get(url).content, id="participant-form")
        client.post(
            f.action, f.data(full_name=name, sex=sex, ethnic_minority=ethnic, position=position)
        )
    course.refresh_from_db()
    assert course.from_list
    assert (course.participants_total, course.participants_women, course.participants_ethnic) == (
        3,
        2,
        2,
    )
    assert (course.pos_gender_cadre, course.pos_council_deputy, course.pos_women_leader) == (
        1,
        1,
        1,
    )
    assert course.pos_cfaw_commune == 0 and course.pos_other == 0  # the typed counts gave way
    # The edit form no longer offers the counts.
    edit = form(client.get(f"/training/{course.pk}/edit/").content, id="course-form")
    assert edit.value("participants_total") is None
    # Removing one needs the confirmation.
    mai = Participant.objects.get(full_name="Hoàng Thị Mai")
    remove = form(client.get(url).content, action=f"/training/participants/{mai.pk}/delete/")
    client.post(remove.action, remove.data())
    assert Participant.objects.filter(pk=mai.pk).exists()
    client.post(remove.action, remove.data(confirm="1"))
    course.refresh_from_db()
    assert (course.participants_total, course.participants_women) == (2, 1)
    assert AuditEntry.objects.filter(action="training.participant_remove").count() == 1


def test_it_edits_and_deletes(world, login):
    course = make_course(world)
    client = login(world.head_a)
    f = form(client.get(f"/training/{course.pk}/edit/").content, id="course-form")
    client.post(f.action or f"/training/{course.pk}/edit/", f.data(participants_total="50"))
    course.refresh_from_db()
    assert course.participants_total == 50
    delete = form(client.get(f"/training/{course.pk}/").content, id="delete-form")
    client.post(delete.action, delete.data(confirm="1"))
    assert not Course.objects.exists()


def test_commune_b_sees_nothing_of_commune_a(world, login):
    course = make_course(world, title="Lớp của Phú Linh")
    make_course(world, world.commune_b, title="Lớp của Kim Thạch")
    client = login(world.reporter_b)
    html = client.get("/training/").content.decode()
    assert "Lớp của Kim Thạch" in html and "Lớp của Phú Linh" not in html
    assert client.get(f"/training/{course.pk}/").status_code == 404
    assert client.get(f"/api/v1/training/courses/{course.pk}").status_code == 404
    body = {
        "org_unit_id": world.commune_a.pk,
        "title": "Giả",
        "topic": "gbv",
        "starts_on": "2023-08-10",
    }
    assert (
        client.post("/api/v1/training/courses", body, content_type="application/json").status_code
        == 404
    )
    standing = login(world.standing_office).get("/training/").content.decode()
    assert "Lớp của Kim Thạch" in standing and "Lớp của Phú Linh" in standing


def test_the_api_records_a_course(world, login):
    client = login(world.reporter_a)
    body = {"org_unit_id": world.commune_a.pk, "title": "Lớp kỹ năng lãnh đạo", "topic": "leadership",
            "starts_on": "2023-09-05", "participants_total": "1.234", "participants_women": 900,
            "satisfaction_pct": "88,5"}  # fmt: skip
    response = client.post("/api/v1/training/courses", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["participants_total"] == 1234
    assert Course.objects.get().satisfaction_pct == Decimal("88.5")


def test_the_excel_upload_is_all_or_nothing(world, login):
    client = login(world.reporter_a)
    wb = load_workbook(BytesIO(client.get("/training/template.xlsx").content))
    ws = wb["Dữ liệu"]
    headers = [unicodedata.normalize("NFC", c.value.rstrip(" *")) if c.value else "" for c in ws[3]]

    def put(r, values):
        for header, value in values.items():
            ws.cell(row=r, column=headers.index(header) + 1, value=value)

    good = {"Đơn vị tổ chức": "Xã Phú Linh", "Tên lớp": unicodedata.normalize("NFD", "Lớp phòng, chống bạo lực gia đình"),
            "Chủ đề": "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới", "Ngày bắt đầu": "12/07/2023",
            "Tổng số học viên": "1.234", "Trong đó nữ": "600", "Tỷ lệ hài lòng (%)": "12,5"}  # fmt: skip
    put(4, good)
    put(5, {**good, "Trong đó nữ": "2.000"})
    out = BytesIO()
    wb.save(out)
    page = client.get("/training/upload/")
    f = form(page.content, id="upload-form")
    response = client.post(
        "/training/upload/", {**f.data(), "file": SimpleUploadedFile("l.xlsx", out.getvalue())}
    )
    assert not Course.objects.exists()
    assert rows(response.content, "sheet-errors")[0][:2] == ["5", "Trong đó nữ"]
    put(5, {**good, "Đơn vị tổ chức": "Xã Kim Thạch"})
    out = BytesIO()
    wb.save(out)
    response = client.post(
        "/training/upload/", {**f.data(), "file": SimpleUploadedFile("l.xlsx", out.getvalue())}
    )
    assert (
        not Course.objects.exists()
        and "Xã Kim Thạch" in rows(response.content, "sheet-errors")[0][2]
    )
    ws.delete_rows(5)
    out = BytesIO()
    wb.save(out)
    response = client.post(
        "/training/upload/", {**f.data(), "file": SimpleUploadedFile("l.xlsx", out.getvalue())}
    )
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.participants_total == 1234 and course.satisfaction_pct == Decimal("12.5")
    assert course.title == "Lớp phòng, chống bạo lực gia đình"
    export = load_workbook(BytesIO(client.get("/training/export.xlsx").content))["Dữ liệu"]
    assert export.cell(row=4, column=2).value == "Lớp phòng, chống bạo lực gia đình"


def test_the_figures_end_on_the_14th(world):
    make_course(world, starts_on=date(2023, 12, 14), participants_total=40, participants_women=25)
    make_course(world, starts_on=date(2023, 12, 15), participants_total=90, participants_women=80)
    window = (date(2022, 12, 15), date(2023, 12, 14))
    a = world.commune_a.pk
    assert figure("training.courses").compute([a], *window) == {a: Decimal(1)}
    assert figure("training.trainees").compute([a], *window) == {a: Decimal(40)}
    assert figure("training.trainees_women").compute([a], *window) == {a: Decimal(25)}
    assert figure("training.trainees").compute([a], date(2023, 12, 15), None) == {a: Decimal(90)}


def test_the_report_section(world):
    make_course(world, title="Lớp tại Phú Linh", participants_total=40, participants_women=30,
                satisfaction_pct=Decimal("90"))  # fmt: skip
    make_course(world, world.commune_b, title="Lớp tại Kim Thạch", participants_total=60,
                participants_women=30, satisfaction_pct=Decimal("80"), topic="law")  # fmt: skip
    make_course(world, starts_on=date(2023, 12, 15), title="Sau ngày chốt")
    rnd = make_round(world, cutoff_from=date(2022, 12, 15), cutoff_to=date(2023, 12, 14))
    part = TRAINING_SECTION.build_consolidated(
        SimpleNamespace(round=rnd), user=world.standing_office
    )
    text = " ".join(map(str, part.paragraphs))
    assert "2 lớp tập huấn, bồi dưỡng về bình đẳng giới với 100 lượt học viên" in text
    assert "60 lượt nữ, chiếm 60,0%" in text
    # 36 of 40 and 48 of 60 satisfied: 84%, not the mean of 90% and 80%.
    assert "84,0% học viên hài lòng" in text
    assert "2 cơ quan, đơn vị, địa phương" in text and "Sau ngày chốt" not in text
    assert [r[1] for r in part.annexes[0].rows] == ["Lớp tại Phú Linh", "Lớp tại Kim Thạch"]
    own = TRAINING_SECTION.build_for_unit(SimpleNamespace(
        round=rnd, org_unit=world.commune_b, submitted_by=world.reporter_b, updated_by=None))  # fmt: skip
    assert [r[1] for r in own.annexes[0].rows] == ["Lớp tại Kim Thạch"]


def test_the_list_filters_by_topic_and_shows_trainees_by_sex(world, login):
    make_course(world, title="Lớp lồng ghép giới", topic="mainstreaming")
    make_course(world, title="Lớp phòng, chống bạo lực", topic="gbv")
    client = login(world.reporter_a)
    filters = form(client.get("/training/").content, has="topic")
    page = client.get("/training/", filters.data(topic="mainstreaming")).content.decode()
    assert "Lớp lồng ghép giới" in page and "Lớp phòng, chống bạo lực" not in page
    assert "Học viên theo giới tính" in page
    assert [r[1] for r in rows(page, "courses")][0].startswith("Lớp lồng ghép giới")

"""Recording activities through the pages a unit officer uses, and who sees them."""

import unicodedata
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.audit.models import AuditEntry
from binhdang.communication.models import Activity, ActivityFile
from binhdang.communication.tests.factories import PNG, action_month, make_activity
from tests.html_forms import form, rows

pytestmark = pytest.mark.django_db

NEW = "/communication/new/"


def _press(client, url, form_id, **changes):
    page = client.get(url)
    assert page.status_code == 200
    f = form(page.content, id=form_id)
    return client.post(f.action or url, f.data(**changes))


def test_it_records_an_action_month_activity_from_the_form(world, login):
    month = action_month(2023)
    client = login(world.reporter_a)
    page = client.get(NEW)
    f = form(page.content, id="activity-form")
    title = unicodedata.normalize("NFD", "Nói chuyện chuyên đề phòng, chống bạo lực gia đình")
    response = client.post(
        NEW,
        f.data(
            title=title,
            starts_on="2023-11-25",
            channel="meeting",
            topics=["dv", "gbv"],
            place=f.option("place", "Xã Phú Linh"),
            place_detail="Thôn Nặm Tiến",
            audience_total="1.234",
            audience_women="702",
            audience_ethnic="1.001",
            leaflets="300",
            cost="2.500.000",
            cost_source="state",
            result="Người dân nắm được các hành vi bạo lực gia đình",
        ),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/communication/{activity.pk}/"
    assert activity.org_unit == world.commune_a
    assert activity.title == unicodedata.normalize("NFC", title)
    assert (activity.audience_total, activity.audience_women, activity.audience_ethnic) == (
        1234, 702, 1001,
    )  # fmt: skip
    assert activity.cost == 2_500_000 and activity.leaflets == 300
    assert activity.topic_list == ["gbv", "dv"]
    assert activity.campaign == month  # held during the Action Month: filed under it
    entry = AuditEntry.objects.get(action="communication.activity_create")
    assert entry.object_id == str(activity.pk) and entry.org_unit_id == world.commune_a.pk
    detail = client.get(f"/communication/{activity.pk}/").content.decode()
    assert "1.234" in detail and "2.500.000" in detail


def test_it_refuses_more_women_than_people_and_saves_nothing(world, login):
    client = login(world.reporter_a)
    response = _press(client, NEW, "activity-form", title="Hội nghị", starts_on="2023-11-20",
                      channel="meeting", audience_total="100", audience_women="120")  # fmt: skip
    assert response.status_code == 200
    assert "không thể nhiều hơn" in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"audience_total": "1234.5"}, "không phải là số"),
        ({"audience_total": "12,5"}, "không phải là số nguyên"),
        ({"audience_total": "50", "audience_ethnic": "60"}, "dân tộc thiểu số"),
        ({"ends_on": "2023-11-01"}, "trước ngày bắt đầu"),
    ],
)
def test_it_refuses_bad_input_with_a_vietnamese_message(world, login, changes, message):
    client = login(world.reporter_a)
    data = {"title": "Hội nghị", "starts_on": "2023-11-20", "channel": "meeting", **changes}
    response = _press(client, NEW, "activity-form", **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_it_edits_and_deletes_with_the_buttons(world, login):
    activity = make_activity(world)
    client = login(world.head_a)
    url = f"/communication/{activity.pk}/edit/"
    response = _press(client, url, "activity-form", audience_total="2.000", audience_women="1.500")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.audience_total, activity.audience_women) == (2000, 1500)
    update = AuditEntry.objects.get(action="communication.activity_update")
    assert update.changes["audience_total"] == [1234, 2000]

    detail = client.get(f"/communication/{activity.pk}/").content
    delete = form(detail, id="delete-form")
    client.post(delete.action, delete.data(confirm=None))  # not confirmed: kept
    assert Activity.objects.filter(pk=activity.pk).exists()
    client.post(delete.action, delete.data(confirm="1"))
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert AuditEntry.objects.filter(action="communication.activity_delete").count() == 1


def test_it_attaches_a_photo_and_refuses_a_renamed_file(world, login):
    activity = make_activity(world)
    client = login(world.reporter_a)
    detail = client.get(f"/communication/{activity.pk}/").content
    f = form(detail, id="file-form")
    photo = SimpleUploadedFile("ảnh hội nghị.png", PNG, content_type="image/png")
    client.post(f.action, {**f.data(kind="photo"), "file": photo})
    attachment = ActivityFile.objects.get()
    assert attachment.original_name == "ảnh hội nghị.png" and attachment.kind == "photo"
    fake = SimpleUploadedFile(
        "chuong-trinh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client.post(f.action, {**f.data(kind="programme"), "file": fake}, follow=True)
    assert ActivityFile.objects.count() == 1
    assert "không khớp với phần mở rộng" in response.content.decode()
    download = client.get(f"/communication/files/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PNG
    assert AuditEntry.objects.filter(action="communication.file_add").count() == 1
    # Removing needs the confirmation box.
    detail = client.get(f"/communication/{activity.pk}/").content
    remove = form(detail, action=f"/communication/files/{attachment.pk}/delete/")
    client.post(remove.action, remove.data())
    assert ActivityFile.objects.exists()  # the confirmation box was not ticked
    client.post(remove.action, remove.data(confirm="1"))
    assert not ActivityFile.objects.exists()


def test_commune_b_sees_nothing_of_commune_a(world, login):
    a = make_activity(world, title="Hoạt động riêng của Phú Linh")
    make_activity(world, world.commune_b, title="Hoạt động của Kim Thạch")
    client = login(world.reporter_b)
    listing = client.get("/communication/").content.decode()
    assert "Hoạt động của Kim Thạch" in listing and "Phú Linh" not in listing
    assert client.get(f"/communication/{a.pk}/").status_code == 404
    assert client.get(f"/communication/{a.pk}/edit/").status_code == 404
    assert client.get(f"/api/v1/communication/activities/{a.pk}").status_code == 404
    assert [x["title"] for x in client.get("/api/v1/communication/activities").json()] == [
        "Hoạt động của Kim Thạch"
    ]
    # Nor may B record for A, whatever it posts.
    page = client.get(NEW)
    f = form(page.content, id="activity-form")
    client.post(NEW, f.data(org_unit=str(world.commune_a.pk), title="Giả mạo",
                            starts_on="2023-11-20", channel="meeting"))  # fmt: skip
    assert not Activity.objects.filter(title="Giả mạo").exists()


def test_the_standing_office_sees_its_whole_subtree(world, login):
    make_activity(world, title="Hoạt động Phú Linh")
    make_activity(world, world.commune_b, title="Hoạt động Kim Thạch")
    make_activity(world, world.commune_c, title="Hoạt động Yên Phú")
    client = login(world.standing_office)
    table = rows(client.get("/communication/").content, "activities")
    titles = {r[1].split("  ")[0] for r in table}
    assert any("Phú Linh" in t for t in titles) and any("Kim Thạch" in t for t in titles)
    assert not any("Yên Phú" in t for t in titles)  # another district


def test_the_list_filters_and_shows_the_charts(world, login):
    action_month(2023)
    make_activity(world, title="Hội thi tìm hiểu Luật Bình đẳng giới", channel="contest",
                  starts_on=date(2023, 12, 1))  # fmt: skip
    make_activity(world, title="Phát thanh trên loa", channel="radio", starts_on=date(2023, 3, 8),
                  audience_total=0, audience_women=0, audience_ethnic=0)  # fmt: skip
    client = login(world.reporter_a)
    filters = form(client.get("/communication/").content, has="channel")
    data = filters.data(channel="contest", year=filters.option("year", "2023"))
    page = client.get("/communication/", data).content.decode()
    assert "Hội thi tìm hiểu" in page and "Phát thanh trên loa" not in page
    assert 'id="chart-monthly"' in page and "Tháng hành động" in page
    assert "Số người được tiếp cận theo giới tính" in page
    sessions = client.get("/communication/", {"sessions": "on"}).content.decode()
    assert "Hội thi tìm hiểu" in sessions and "Phát thanh trên loa" not in sessions


def test_the_api_records_an_activity(world, login):
    client = login(world.reporter_a)
    body = {"org_unit_id": world.commune_a.pk, "title": "Tuyên truyền trên Zalo thôn",
            "starts_on": "2023-05-10", "channel": "social", "topics": ["law"],
            "audience_total": "1.234", "audience_women": 600, "articles": 3}  # fmt: skip
    response = client.post(
        "/api/v1/communication/activities", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["audience_total"] == 1234
    activity = Activity.objects.get()
    assert activity.articles == 3 and activity.campaign is None
    out = client.get(f"/api/v1/communication/activities/{activity.pk}").json()
    assert out["topics"] == ["law"] and out["is_session"] is False
    # Another unit's id: 404, nothing saved.
    body["org_unit_id"] = world.commune_b.pk
    assert client.post("/api/v1/communication/activities", body,
                       content_type="application/json").status_code == 404  # fmt: skip
    assert Activity.objects.count() == 1


def test_it_records_a_role_model_and_keeps_it_from_commune_b(world, login):
    from binhdang.communication.models import RoleModel

    client = login(world.reporter_a)
    url = "/communication/role-models/new/"
    f = form(client.get(url).content, id="role-model-form")
    response = client.post(url, f.data(
        kind="person", name=unicodedata.normalize("NFD", "Bà Sùng Thị Mỷ"), ethnicity="Mông",
        commune=f.option("commune", "Xã Phú Linh"), village="Thôn Phìn Sảng",
        role="Chi hội trưởng phụ nữ, hòa giải viên", recognised_on="2021-10-20",
        recognised_by="Hội LHPN tỉnh Hà Giang"))  # fmt: skip
    found = RoleModel.objects.get()
    assert response["Location"] == f"/communication/role-models/{found.pk}/"
    assert found.name == "Bà Sùng Thị Mỷ" and found.recognised_on == date(2021, 10, 20)
    assert AuditEntry.objects.filter(action="communication.role_model_create").exists()
    edit_url = f"/communication/role-models/{found.pk}/edit/"
    f = form(client.get(edit_url).content, id="role-model-form")
    client.post(edit_url, f.data(village="Thôn Lùng Càng", recognised_on="2099-01-01"))
    found.refresh_from_db()
    assert found.village == "Thôn Phìn Sảng"  # a date in the future is refused
    client.post(edit_url, f.data(village="Thôn Lùng Càng"))
    found.refresh_from_db()
    assert found.village == "Thôn Lùng Càng"
    other = login(world.reporter_b)
    assert other.get(f"/communication/role-models/{found.pk}/").status_code == 404
    assert "Sùng Thị Mỷ" not in other.get("/communication/role-models/").content.decode()
    client = login(world.reporter_a)
    delete = form(client.get(f"/communication/role-models/{found.pk}/").content, id="delete-form")
    client.post(delete.action, delete.data(confirm="1"))
    assert not RoleModel.objects.exists()


def test_the_api_records_a_role_model_and_lists_campaigns(world, login):
    from binhdang.communication.models import RoleModel

    month = action_month(2023)
    client = login(world.reporter_a)
    body = {"org_unit_id": world.commune_a.pk, "kind": "household", "name": "Hộ ông Lục Văn Thào",
            "ethnicity": "Tày", "commune_id": world.commune_a.pk, "village": "Thôn Nà Pồng",
            "role": "Gia đình văn hóa tiêu biểu", "recognised_on": "2023-01-10"}  # fmt: skip
    response = client.post(
        "/api/v1/communication/role-models", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert RoleModel.objects.get().commune == world.commune_a
    # A commune the user cannot name: 400, nothing saved.
    body["commune_id"] = world.commune_c.pk
    response = client.post(
        "/api/v1/communication/role-models", body, content_type="application/json"
    )
    assert response.status_code == 400 and RoleModel.objects.count() == 1
    campaigns = client.get("/api/v1/communication/campaigns", {"year": 2023}).json()
    assert [c["id"] for c in campaigns] == [month.pk]

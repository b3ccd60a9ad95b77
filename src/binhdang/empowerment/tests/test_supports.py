"""Support records through their pages and API: entry by the real form, scoping, the parts
within the total, editing and deleting."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from binhdang.audit.models import AuditEntry
from binhdang.empowerment.models import Support
from tests.html_forms import form

from .factories import make_support

pytestmark = pytest.mark.django_db

NFD_TITLE = unicodedata.normalize("NFD", "Hỗ trợ vốn vay phát triển chăn nuôi lợn đen")


def test_it_records_a_support_by_the_form(world, login):
    client = login(world.reporter_a)
    f = form(client.get("/empowerment/new/").content.decode(), has="title")
    data = f.data(
        programme="ntp_poverty",
        kind="credit",
        title=NFD_TITLE,
        commune=f.option("commune", "Xã Phú Linh"),
        given_on="12/09/2023",
        beneficiaries_total="1.234",
        women="1.200",
        ethnic="1.000",
        poor="800",
        amount="1.500.000.000",
    )
    response = client.post("/empowerment/new/", data)
    assert response.status_code == 302
    support = Support.objects.get()
    assert support.title == unicodedata.normalize("NFC", NFD_TITLE)
    assert (support.org_unit, support.commune) == (world.commune_a, world.commune_a)
    assert (support.beneficiaries_total, support.women, support.amount) == (
        1234,
        1200,
        Decimal("1500000000"),
    )
    assert support.given_on == date(2023, 9, 12)
    assert AuditEntry.objects.filter(
        action="empowerment.create", object_id=str(support.pk)
    ).exists()
    page = client.get(f"/empowerment/{support.pk}/").content.decode()
    assert "1.500.000.000" in page and "1.234" in page


@pytest.mark.parametrize(
    ("changes", "saved"),
    [
        ({"women": "31"}, False),
        ({"poor": "40"}, False),
        ({"beneficiaries_total": "12,5"}, False),
        ({"given_on": "2099-01-01"}, False),
        ({"amount": "-5"}, False),
        ({}, True),
    ],
)
def test_it_refuses_a_part_above_the_total_and_saves_nothing(world, login, changes, saved):
    client = login(world.reporter_a)
    f = form(client.get("/empowerment/new/").content.decode(), has="title")
    base = {"programme": "ntp_ethnic_p8", "kind": "startup", "title": "Hỗ trợ tổ hợp tác",
            "given_on": "2023-05-04", "beneficiaries_total": "30", "women": "30"}  # fmt: skip
    response = client.post("/empowerment/new/", f.data(**{**base, **changes}))
    assert response.status_code == (302 if saved else 200)
    assert Support.objects.exists() is saved


def test_it_edits_and_deletes_by_the_forms(world, login):
    support = make_support(world)
    client = login(world.reporter_a)
    f = form(client.get(f"/empowerment/{support.pk}/edit/").content.decode(), has="title")
    assert f.value("amount") == "45000000"
    assert client.post(f"/empowerment/{support.pk}/edit/", f.data(women="29")).status_code == 302
    support.refresh_from_db()
    assert support.women == 29
    page = client.get(f"/empowerment/{support.pk}/").content.decode()
    delete = form(page, action=f"/empowerment/{support.pk}/delete/")
    assert client.post(delete.action, delete.data()).status_code == 302
    assert Support.objects.exists()  # the box was not ticked
    assert client.post(delete.action, delete.data(confirm="1")).status_code == 302
    assert not Support.objects.exists()
    assert AuditEntry.objects.filter(action="empowerment.delete").exists()


def test_commune_b_sees_nothing_of_commune_as_support(world, login):
    support = make_support(world)
    client = login(world.reporter_b)
    assert support.title not in client.get("/empowerment/").content.decode()
    assert client.get(f"/empowerment/{support.pk}/").status_code == 404
    assert client.post(f"/empowerment/{support.pk}/delete/").status_code == 404
    assert client.get("/api/v1/empowerment/").json() == []
    assert client.get(f"/api/v1/empowerment/{support.pk}").status_code == 404
    office = login(world.standing_office)
    assert support.title in office.get("/empowerment/").content.decode()
    viewer = login(world.viewer)
    assert viewer.get(f"/empowerment/{support.pk}/").status_code == 200
    assert viewer.get(f"/empowerment/{support.pk}/edit/").status_code == 404
    assert Support.objects.count() == 1


def test_the_list_filters_and_totals(world, login):
    make_support(world, title="Dạy nghề may công nghiệp", given_on=date(2023, 3, 1))
    make_support(world, title="Vay vốn Ngân hàng Chính sách", programme="ntp_poverty",
                 kind="credit", given_on=date(2023, 10, 1))  # fmt: skip
    client = login(world.standing_office)
    page = client.get("/empowerment/", {"programme": "ntp_poverty"}).content.decode()
    assert "Vay vốn Ngân hàng Chính sách" in page and "Dạy nghề may công nghiệp" not in page
    page = client.get(
        "/empowerment/", {"date_from": "2023-01-01", "date_to": "2023-06-30"}
    ).content.decode()
    assert "Dạy nghề may công nghiệp" in page and "Vay vốn" not in page


def test_the_api_records_in_scope_only(world, login):
    client = login(world.reporter_a)
    body = {"org_unit_id": world.commune_a.pk, "programme": "new_rural", "kind": "jobs",
            "title": "Tư vấn việc làm", "given_on": "2023-07-01", "beneficiaries_total": 40,
            "women": 35, "amount": 2500000}  # fmt: skip
    response = client.post("/api/v1/empowerment/", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["women"] == 35
    over = {**body, "women": 41}
    response = client.post("/api/v1/empowerment/", over, content_type="application/json")
    assert response.status_code == 400
    other = {**body, "org_unit_id": world.commune_b.pk}
    assert (
        client.post("/api/v1/empowerment/", other, content_type="application/json").status_code
        == 404
    )
    assert Support.objects.count() == 1


def test_a_figures_records_link_lists_only_that_units_records(world, login):
    make_support(world)
    client = login(world.standing_office)
    page = client.get("/empowerment/", {"unit": world.commune_b.pk}).content.decode()
    assert "Mở lớp dạy nghề dệt thổ cẩm" not in page
    page = client.get("/empowerment/", {"unit": world.commune_a.pk}).content.decode()
    assert "Mở lớp dạy nghề dệt thổ cẩm" in page

"""A kiện toàn decision through the API closes and opens memberships like the page."""

import json
from datetime import date

import pytest

from binhdang.cfaw.models import Decision, Member
from binhdang.cfaw.tests.factories import make_committee

pytestmark = pytest.mark.django_db


def test_a_decision_through_the_api(world, client):
    committee = make_committee(world)
    head = Member.objects.get(full_name="Hoàng Văn Thắng")
    client.force_login(world.reporter_a)
    body = {
        "number": "125/QĐ-UBND", "signed_on": "2023-06-15", "leave": [head.pk],
        "join": [{"full_name": "Đặng Văn Quý", "post": "head", "from_body": "UBND xã Phú Linh",
                  "sex": "male"}],
    }  # fmt: skip
    url = f"/api/v1/cfaw/committees/{committee.pk}/decisions"
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    head.refresh_from_db()
    assert head.ends_on == date(2023, 6, 14)
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 422 and "number" in again.json()["errors"]
    assert Decision.objects.count() == 1
    on = client.get(f"/api/v1/cfaw/committees/{committee.pk}?on=2023-06-15").json()
    assert "Đặng Văn Quý" in {m["full_name"] for m in on["members"]}
    client.force_login(world.reporter_b)
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 404

"""The API writes and reads the leadership records like the pages: Vietnamese numbers and NFD
text accepted, parts checked, another commune's records out of reach."""

import json
import unicodedata

import pytest

from binhdang.leadership.models import LeadershipPost

pytestmark = pytest.mark.django_db


def test_it_creates_changes_reads_and_deletes_a_post(world, client):
    client.force_login(world.reporter_a)
    values = {
        "as_of": "30/11/2023", "level": "commune", "body_kind": "peoples_committee",
        "body_name": unicodedata.normalize("NFD", "Ủy ban nhân dân xã Phú Linh"),
        "post": "deputy", "total": "1.234", "women": 617, "ethnic_minority": "0",
    }  # fmt: skip
    body = {"unit_id": world.commune_a.pk, "values": values}
    created = client.post(
        "/api/v1/leadership/posts", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    record = LeadershipPost.objects.get()
    assert (record.total, record.women, record.body_name) == (
        1234,
        617,
        "Ủy ban nhân dân xã Phú Linh",
    )
    assert created.json()["values"]["as_of"] == "2023-11-30"
    wrong = {"unit_id": world.commune_a.pk, "values": {**values, "women": "1.235"}}
    refused = client.put(
        f"/api/v1/leadership/posts/{record.pk}", json.dumps(wrong), content_type="application/json"
    )
    assert refused.status_code == 422 and "women" in refused.json()["errors"]
    record.refresh_from_db()
    assert record.women == 617
    listed = client.get(f"/api/v1/leadership/posts?unit={world.commune_a.pk}&year=2023").json()
    assert [r["id"] for r in listed] == [record.pk]
    client.force_login(world.reporter_b)
    assert client.get(f"/api/v1/leadership/posts/{record.pk}").status_code == 404
    assert client.delete(f"/api/v1/leadership/posts/{record.pk}").status_code == 404
    other = {"unit_id": world.commune_a.pk, "values": values}
    assert (
        client.post(
            "/api/v1/leadership/posts", json.dumps(other), content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(world.reporter_a)
    assert client.delete(f"/api/v1/leadership/posts/{record.pk}").status_code == 204
    assert not LeadershipPost.objects.exists()
    assert client.get("/api/v1/leadership/unknown").status_code == 404

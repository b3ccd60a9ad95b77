"""The API: schema and docs, token and session authentication, scoping."""

import pytest
from django.core.management import call_command

from binhdang.accounts.models import ApiToken


@pytest.mark.django_db
def test_it_publishes_the_openapi_schema_and_docs(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/me" in paths and "/api/v1/orgunits/{unit_id}/subtree" in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


@pytest.mark.django_db
def test_it_refuses_anonymous_calls(client):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/orgunits/").status_code == 401


@pytest.mark.django_db
def test_it_accepts_a_token_from_create_token(world, client, capsys):
    call_command("create-token", "reporter_a")
    token = capsys.readouterr().out.strip()
    assert token.startswith("bd_")
    assert not ApiToken.objects.filter(digest=token).exists()  # only the hash is stored
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["memberships"][0]["org_unit_id"] == world.commune_a.pk
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer bd_wrong").status_code == 401


@pytest.mark.django_db
def test_it_scopes_org_units_like_the_pages(world, login):
    w = world
    client = login(w.reporter_b)
    assert client.get(f"/api/v1/orgunits/{w.commune_a.pk}").status_code == 404
    assert client.get(f"/api/v1/orgunits/{w.commune_b.pk}").status_code == 200
    office = login(w.standing_office)
    ids = {u["id"] for u in office.get(f"/api/v1/orgunits/{w.district.pk}/subtree").json()}
    assert {w.commune_a.pk, w.commune_b.pk} <= ids and w.commune_c.pk not in ids
    found = office.get("/api/v1/orgunits/", {"q": "phu linh"}).json()
    assert [u["name"] for u in found] == ["Xã Phú Linh"]
    assert login(w.outsider).get(f"/api/v1/orgunits/{w.district.pk}/subtree").status_code == 404

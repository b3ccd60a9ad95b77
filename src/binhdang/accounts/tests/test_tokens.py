"""API keys: they expire, their owner and user managers list and revoke them, each creation
and revocation is audited, and a key that no longer works is refused by the API (401)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from binhdang.accounts.models import ApiToken, Membership, User
from binhdang.audit.display import action_label
from binhdang.audit.models import AuditEntry
from tests.html_forms import form, forms_to


def _me(client, token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def _api(client, method, path, token):
    return getattr(client, method)(path, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.django_db
def test_it_issues_a_key_for_90_days_at_the_command_line_and_audits_it(world, client, capsys):
    call_command("create-token", "reporter_a", "--name", "excel-macro")
    secret = capsys.readouterr().out.strip()
    api_token = ApiToken.objects.get(user=world.reporter_a)
    assert api_token.digest == ApiToken.hash(secret) and secret not in api_token.digest
    assert abs(api_token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    entry = AuditEntry.objects.get(action="api_token.create", object_id=str(api_token.pk))
    assert entry.actor is None and entry.changes["via"] == "command line"
    assert entry.changes["owner"] == "reporter_a" and secret not in str(entry.changes)
    assert action_label(entry.action) == "Tạo khóa API"
    assert _me(client, secret).status_code == 200


@pytest.mark.django_db
def test_it_takes_the_validity_from_the_command_line(world, capsys):
    call_command("create-token", "reporter_a", "--days", "7")
    api_token = ApiToken.objects.get(user=world.reporter_a)
    assert abs(api_token.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)
    with pytest.raises(CommandError):
        call_command("create-token", "reporter_a", "--days", "0")
    with pytest.raises(CommandError):
        call_command("create-token", "reporter_a", "--days", "366")
    assert ApiToken.objects.filter(user=world.reporter_a).count() == 1


@pytest.mark.django_db
def test_it_refuses_an_expired_key(world, client):
    secret = ApiToken.issue(world.reporter_a, "old")
    assert _me(client, secret).status_code == 200
    ApiToken.objects.filter(user=world.reporter_a).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert _me(client, secret).status_code == 401


@pytest.mark.django_db
def test_it_records_the_last_use(world, client):
    secret = ApiToken.issue(world.reporter_a, "x")
    assert ApiToken.objects.get().last_used_at is None
    _me(client, secret)
    assert timezone.now() - ApiToken.objects.get().last_used_at < timedelta(minutes=1)


@pytest.mark.django_db
def test_it_creates_a_key_on_the_page_and_shows_its_secret_once(world, login, client):
    page_client = login(world.reporter_a)
    page = page_client.get(reverse("accounts:tokens")).content
    create = form(page, has="days")
    assert create.value("days") == "90"
    response = page_client.post(
        reverse("accounts:tokens"), create.data(name="Phần mềm xã", days="30")
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    api_token = ApiToken.objects.get(user=world.reporter_a)
    assert api_token.name == "Phần mềm xã"
    assert abs(api_token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    body = response.content.decode()
    secret = body.split("<code>")[1].split("</code>")[0]
    assert ApiToken.hash(secret) == api_token.digest
    assert secret not in page_client.get(reverse("accounts:tokens")).content.decode()
    entry = AuditEntry.objects.get(action="api_token.create", object_id=str(api_token.pk))
    assert entry.actor == world.reporter_a and entry.changes["via"] == "page"
    client.logout()
    assert _me(client, secret).json()["username"] == "reporter_a"


@pytest.mark.parametrize("days", ["0", "366", "ba mươi"])
@pytest.mark.django_db
def test_it_refuses_a_validity_out_of_range_on_the_page(world, login, days):
    response = login(world.reporter_a).post(reverse("accounts:tokens"), {"name": "x", "days": days})
    assert response.status_code == 200
    assert "days" in response.context["form"].errors
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_it_lets_the_owner_revoke_a_key_on_the_page(world, login, client):
    secret = ApiToken.issue(world.reporter_a, "x")
    api_token = ApiToken.objects.get()
    page_client = login(world.reporter_a)
    page = page_client.get(reverse("accounts:tokens")).content
    (revoke,) = forms_to(page, reverse("accounts:token_revoke", args=[api_token.pk]))
    response = page_client.post(revoke.action, revoke.data())
    assert response.status_code == 302
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None and api_token.revoked_by == world.reporter_a
    entry = AuditEntry.objects.get(action="api_token.revoke", object_id=str(api_token.pk))
    assert entry.actor == world.reporter_a
    client.logout()
    assert _me(client, secret).status_code == 401
    # Still listed, as revoked, with no button left.
    page = login(world.reporter_a).get(reverse("accounts:tokens")).content.decode()
    assert "đã thu hồi" in page
    assert not forms_to(page, reverse("accounts:token_revoke", args=[api_token.pk]))


@pytest.mark.django_db
def test_it_lists_and_revokes_the_callers_own_keys_through_the_api(world, client):
    secret = ApiToken.issue(world.reporter_a, "main")
    ApiToken.issue(world.reporter_a, "spare")
    spare = ApiToken.objects.get(name="spare")
    listed = _api(client, "get", "/api/v1/me/tokens", secret).json()
    assert {t["name"] for t in listed} == {"main", "spare"}
    assert all("digest" not in t for t in listed)
    response = _api(client, "post", f"/api/v1/me/tokens/{spare.pk}/revoke", secret)
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    spare.refresh_from_db()
    assert spare.revoked_by == world.reporter_a
    again = _api(client, "post", f"/api/v1/me/tokens/{spare.pk}/revoke", secret)
    assert again.status_code == 400 and again.json()["detail"] == "Khóa này đã bị thu hồi trước đó."
    # A key can revoke itself; the next call with it is refused.
    main = ApiToken.objects.get(name="main")
    assert _api(client, "post", f"/api/v1/me/tokens/{main.pk}/revoke", secret).status_code == 200
    assert _me(client, secret).status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoke").count() == 2


@pytest.mark.django_db
def test_it_lets_a_user_manager_list_and_revoke_keys_of_users_in_scope(world, login, client):
    secret_b = ApiToken.issue(world.reporter_b, "b")
    token_b = ApiToken.objects.get(user=world.reporter_b)
    office = login(world.standing_office)
    page = office.get(reverse("accounts:user_tokens", args=[world.reporter_b.pk])).content
    (revoke,) = forms_to(page, reverse("accounts:token_revoke", args=[token_b.pk]))
    assert office.post(revoke.action, revoke.data()).status_code == 302
    token_b.refresh_from_db()
    assert token_b.revoked_by == world.standing_office
    client.logout()
    assert _me(client, secret_b).status_code == 401


@pytest.mark.django_db
def test_it_lets_a_user_manager_revoke_through_the_api(world, client):
    secret_a = ApiToken.issue(world.reporter_a, "a")
    token_a = ApiToken.objects.get(user=world.reporter_a)
    head = ApiToken.issue(world.head_a, "head")
    listed = _api(client, "get", f"/api/v1/me/users/{world.reporter_a.pk}/tokens", head).json()
    assert [t["id"] for t in listed] == [token_a.pk]
    assert _api(client, "post", f"/api/v1/me/tokens/{token_a.pk}/revoke", head).status_code == 200
    assert _me(client, secret_a).status_code == 401


@pytest.mark.django_db
def test_it_hides_keys_of_users_outside_the_managers_scope(world, login, client):
    secret_b = ApiToken.issue(world.reporter_b, "b")
    token_b = ApiToken.objects.get(user=world.reporter_b)
    head = ApiToken.issue(world.head_a, "head")
    assert (
        _api(client, "get", f"/api/v1/me/users/{world.reporter_b.pk}/tokens", head).status_code
        == 404
    )
    assert _api(client, "post", f"/api/v1/me/tokens/{token_b.pk}/revoke", head).status_code == 404
    reporter = ApiToken.issue(world.reporter_a, "a")
    assert (
        _api(client, "post", f"/api/v1/me/tokens/{token_b.pk}/revoke", reporter).status_code == 404
    )
    page_client = login(world.head_a)
    assert (
        page_client.get(reverse("accounts:user_tokens", args=[world.reporter_b.pk])).status_code
        == 404
    )
    assert page_client.post(reverse("accounts:token_revoke", args=[token_b.pk])).status_code == 404
    token_b.refresh_from_db()
    assert token_b.revoked_at is None
    client.logout()
    assert _me(client, secret_b).status_code == 200
    assert not AuditEntry.objects.filter(action="api_token.revoke").exists()


@pytest.mark.django_db
def test_it_leaves_keys_of_users_reaching_beyond_the_managers_scope_to_wider_managers(
    world, login, client
):
    # A district officer who also belongs to commune A: not the commune head's to stop.
    officer = User.objects.create_user(username="can_bo_huyen", email="cb@example.org")
    Membership.objects.create(user=officer, org_unit=world.district, role="viewer")
    Membership.objects.create(user=officer, org_unit=world.commune_a, role="viewer")
    secret = ApiToken.issue(officer, "o")
    api_token = ApiToken.objects.get(user=officer)
    head_page = login(world.head_a).get(reverse("accounts:users")).content.decode()
    assert "can_bo_huyen" in head_page
    assert reverse("accounts:user_tokens", args=[officer.pk]) not in head_page
    assert reverse("accounts:user_tokens", args=[world.reporter_a.pk]) in head_page
    client.logout()
    head = ApiToken.issue(world.head_a, "head")
    assert _api(client, "post", f"/api/v1/me/tokens/{api_token.pk}/revoke", head).status_code == 404
    assert _me(client, secret).json()["username"] == "can_bo_huyen"
    office = ApiToken.issue(world.standing_office, "so")
    assert (
        _api(client, "post", f"/api/v1/me/tokens/{api_token.pk}/revoke", office).status_code == 200
    )
    assert _me(client, secret).status_code == 401


@pytest.mark.django_db
def test_it_leaves_a_superusers_keys_to_superusers(world, client):
    Membership.objects.create(user=world.admin, org_unit=world.commune_a, role="viewer")
    ApiToken.issue(world.admin, "admin")
    admin_token = ApiToken.objects.get(user=world.admin)
    head = ApiToken.issue(world.head_a, "head")
    assert (
        _api(client, "post", f"/api/v1/me/tokens/{admin_token.pk}/revoke", head).status_code == 404
    )
    admin_token.refresh_from_db()
    assert admin_token.revoked_at is None

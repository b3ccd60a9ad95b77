import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse

from binhdang.audit.models import AuditEntry

LOGIN = "/accounts/login/"


def _post(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_it_signs_in_and_rotates_the_session(world, client):
    client.get(LOGIN)
    before = client.session.session_key
    response = _post(client, "reporter_a", "pw-reporter_a")
    assert response.status_code == 302
    assert client.session.session_key != before
    assert int(client.session[SESSION_KEY]) == world.reporter_a.pk
    assert AuditEntry.objects.filter(action="auth.login", actor=world.reporter_a).exists()


@pytest.mark.django_db
def test_it_says_the_same_for_an_unknown_user_and_a_wrong_password(world, client):
    unknown = _post(client, "no_such_user", "whatever-123")
    wrong = _post(Client(), "reporter_a", "wrong-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_locks_out_after_repeated_failures_with_a_clear_message(world, client):
    for _ in range(3):
        _post(client, "reporter_a", "wrong-password")
    response = _post(client, "reporter_a", "pw-reporter_a")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert "15" in response.content.decode()


@pytest.mark.django_db
def test_it_signs_out_other_sessions_after_a_password_change(world):
    phone, laptop = Client(), Client()
    assert _post(phone, "reporter_a", "pw-reporter_a").status_code == 302
    assert _post(laptop, "reporter_a", "pw-reporter_a").status_code == 302
    response = laptop.post(
        reverse("accounts:password_change"),
        {
            "old_password": "pw-reporter_a",
            "new_password1": "Mật-khẩu-mới-2024",
            "new_password2": "Mật-khẩu-mới-2024",
        },
    )
    assert response.status_code == 302
    assert laptop.get(reverse("core:home")).status_code == 200
    assert phone.get(reverse("core:home")).status_code == 302  # back to the login page

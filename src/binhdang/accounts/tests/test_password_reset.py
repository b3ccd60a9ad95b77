import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from tests.html_forms import form

LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"


def _ask(client, email, **extra):
    page = client.get(RESET, **extra)
    data = form(page.content, has="email").data(email=email)
    return client.post(RESET, data, **extra)


@pytest.mark.django_db
def test_it_sends_at_most_three_emails_an_hour_to_one_address(world, client):
    responses = [_ask(client, "Reporter_A@example.org") for _ in range(10)]
    assert len(mail.outbox) == 3
    assert all(r.status_code == 302 for r in responses)
    assert {r["Location"] for r in responses} == {reverse("accounts:password_reset_done")}
    logged = AuditEntry.objects.filter(action="auth.password_reset_request")
    assert logged.count() == 10
    assert logged.filter(changes__throttled=True).count() == 7


@pytest.mark.django_db
@override_settings(BINHDANG_PASSWORD_RESET_PER_CLIENT=4)
def test_it_caps_the_emails_one_client_address_can_send(world):
    users = ["reporter_a", "reporter_b", "head_a", "leader", "viewer", "outsider"]
    from_one = Client(REMOTE_ADDR="198.51.100.7")
    for username in users:
        _ask(from_one, f"{username}@example.org")
    assert len(mail.outbox) == 4
    # Another client is not held back by the first one.
    _ask(Client(REMOTE_ADDR="198.51.100.8"), "outsider@example.org")
    assert len(mail.outbox) == 5 and mail.outbox[-1].to == ["outsider@example.org"]


@pytest.mark.django_db
def test_it_answers_an_unknown_address_like_a_known_one(world, client):
    known = _ask(client, "reporter_a@example.org")
    unknown = _ask(Client(), "nobody-here@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_completed_reset_lifts_the_sign_in_lock(world, client):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        attacker.post(LOGIN, {"username": "reporter_a", "password": "wrong-password"})
    locked = attacker.post(LOGIN, {"username": "reporter_a", "password": "pw-reporter_a"})
    assert locked.status_code == 429
    assert AccessAttempt.objects.filter(username="reporter_a").exists()

    _ask(client, "reporter_a@example.org")
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    page = client.get(link, follow=True)
    new = "Mật-khẩu-mới-2024"
    data = form(page.content, has="new_password1").data(new_password1=new, new_password2=new)
    assert client.post(page.request["PATH_INFO"], data).status_code == 302

    assert not AccessAttempt.objects.filter(username="reporter_a").exists()
    assert AuditEntry.objects.filter(action="auth.password_reset", actor=world.reporter_a).exists()
    signed_in = attacker.post(LOGIN, {"username": "reporter_a", "password": new})
    assert signed_in.status_code == 302

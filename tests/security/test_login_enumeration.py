"""Login gives nothing away: an unknown user and a wrong password cost the same time and get
the same answers, also once throttled, and the password reset page says the same for any
address. (Messages, throttling, session rotation and sign-out everywhere are covered in
src/binhdang/accounts/tests/test_login.py.)"""

import re
import statistics
import time

import pytest
from axes.utils import reset as axes_reset
from django.core import mail
from django.test import Client, override_settings

LOGIN = "/accounts/login/"
ARGON2 = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def _timed_post(username: str, password: str) -> float:
    client = Client()
    started = time.perf_counter()
    response = client.post(LOGIN, {"username": username, "password": password})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=ARGON2, AXES_FAILURE_LIMIT=1000)
def test_it_takes_as_long_for_an_unknown_user_as_for_a_wrong_password(world):
    user = world.reporter_a
    user.set_password("Mat-khau-that-2024")  # hashed with the production hasher
    user.save()
    unknown, wrong = [], []
    for _ in range(7):
        unknown.append(_timed_post("khong_ton_tai", "sai-mat-khau-1"))
        wrong.append(_timed_post("reporter_a", "sai-mat-khau-1"))
        axes_reset()
    ratio = statistics.median(unknown) / statistics.median(wrong)
    # Without the dummy hash an unknown user answers about ten times faster than Argon2.
    assert 0.5 < ratio < 2.0, (statistics.median(unknown), statistics.median(wrong))


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_locks_out_an_unknown_user_exactly_like_a_real_one(world):
    answers = []
    for username in ("reporter_a", "khong_ton_tai"):
        client = Client()
        for _ in range(3):
            client.post(LOGIN, {"username": username, "password": "sai-mat-khau-1"})
        response = client.post(LOGIN, {"username": username, "password": "sai-mat-khau-1"})
        page = re.sub(r'value="[^"]{32,}"', 'value="TOKEN"', response.content.decode())
        answers.append((response.status_code, page.replace(username, "U")))
    assert answers[0][0] == answers[1][0] == 429
    assert answers[0][1] == answers[1][1]


@pytest.mark.django_db
def test_it_answers_a_password_reset_the_same_for_any_address(world):
    known = Client().post("/accounts/password/reset/", {"email": "reporter_a@example.org"})
    unknown = Client().post("/accounts/password/reset/", {"email": "ai-do@example.org"})
    assert known.status_code == unknown.status_code
    assert known.get("Location") == unknown.get("Location")
    assert len(mail.outbox) == 1  # only the real address gets a mail


@pytest.mark.django_db
def test_it_uses_a_new_csrf_token_and_session_key_after_login(world):
    client = Client(enforce_csrf_checks=True)
    page = client.get(LOGIN)
    token_before = page.cookies["csrftoken"].value
    session_before = client.session.session_key
    response = client.post(
        LOGIN,
        {
            "username": "reporter_a",
            "password": "pw-reporter_a",
            "csrfmiddlewaretoken": token_before,
        },
    )
    assert response.status_code == 302
    assert client.session.session_key != session_before
    assert client.cookies["csrftoken"].value != token_before

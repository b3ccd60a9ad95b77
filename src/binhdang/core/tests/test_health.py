import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_it_answers_200_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


@pytest.mark.django_db
def test_it_answers_503_without_the_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_it_shows_a_try_again_page_when_the_database_fails_mid_request(world, login, monkeypatch):
    client = login(world.reporter_a)
    from binhdang.core import views

    def broken(request):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "WORK_PROVIDERS", [broken])
    response = client.get("/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "thử lại" in body and "Traceback" not in body
    assert response["Retry-After"] == "10"


@pytest.mark.django_db
def test_it_sends_the_security_headers(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_it_speaks_vietnamese_to_an_english_browser_until_the_user_switches(client):
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    assert "Đăng nhập" in client.get("/accounts/login/", **english_browser).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Sign in" in client.get("/accounts/login/", **english_browser).content.decode()

"""Shared test fixtures: a small world of units and the personas of every test.

Province P > district D (with its Labour office and Women's Union) > communes A and B; a
second district D2 > commune C. Personas: the standing office and the leader of D, the
reporter and the head of commune A, the reporter of commune B (whose data must never show
to A and the reverse), a department reporter, an outsider from D2, a user with no membership.
"""

import os
import shutil
from dataclasses import dataclass

import pytest

os.environ.setdefault("BINHDANG_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Every table's ids start above 100,000, each table in its own range: a real install's ids are
# that large (every commune of Vietnam is a row), so an id printed as "100.123", or one table's
# id used for another's, fails the tests instead of a user's form.
ID_START = 100_000
ID_STRIDE = 10_007


def _start_ids_high(connection) -> None:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        for i, table in enumerate(tables):
            start = ID_START + i * ID_STRIDE
            if connection.vendor == "postgresql":
                for seq in connection.introspection.get_sequences(cursor, table):
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, %s), "
                        "GREATEST(%s, (SELECT COALESCE(MAX("
                        + connection.ops.quote_name(seq["column"])
                        + "), 0) FROM "
                        + connection.ops.quote_name(table)
                        + ")))",
                        [table, seq["column"], start],
                    )
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='sqlite_sequence'"
                )
                if cursor.fetchone() is None:
                    continue
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                if row is None:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start]
                    )
                elif row[0] < start:
                    cursor.execute(
                        "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start, table]
                    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            _start_ids_high(connection)


@dataclass
class World:
    province: object
    district: object
    labour_office: object
    womens_union: object
    commune_a: object
    commune_b: object
    district2: object
    commune_c: object
    standing_office: object
    leader: object
    reporter_a: object
    head_a: object
    reporter_b: object
    dept_reporter: object
    outsider: object
    nobody: object
    admin: object
    viewer: object


def _user(username, unit=None, role=None, scope="unit", **extra):
    from binhdang.accounts.models import Membership, User

    user = User.objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.org",
        full_name=username.replace("_", " ").title(), **extra,
    )  # fmt: skip
    if unit is not None:
        Membership.objects.create(user=user, org_unit=unit, role=role, scope=scope)
    return user


@pytest.fixture
def world(db) -> World:
    from binhdang.orgunits.models import Kind, OrgUnit

    def unit(name, kind, parent=None, code=""):
        u = OrgUnit(name=name, kind=kind, parent=parent, code=code)
        u.save()
        return u

    province = unit("Tỉnh Hà Giang", Kind.PROVINCE, code="02")
    district = unit("Huyện Vị Xuyên", Kind.DISTRICT, province, "030")
    labour = unit("Phòng Lao động - Thương binh và Xã hội huyện", Kind.DEPARTMENT, district)
    women = unit("Hội Liên hiệp Phụ nữ huyện", Kind.MASS_ORGANISATION, district)
    commune_a = unit("Xã Phú Linh", Kind.COMMUNE, district, "00706")
    commune_b = unit("Xã Kim Thạch", Kind.COMMUNE, district, "00703")
    district2 = unit("Huyện Bắc Mê", Kind.DISTRICT, province, "029")
    commune_c = unit("Xã Yên Phú", Kind.COMMUNE, district2, "00874")
    return World(
        province=province,
        district=district,
        labour_office=labour,
        womens_union=women,
        commune_a=commune_a,
        commune_b=commune_b,
        district2=district2,
        commune_c=commune_c,
        standing_office=_user("standing_office", district, "standing_office", "subtree"),
        leader=_user("leader", district, "leader", "subtree"),
        reporter_a=_user("reporter_a", commune_a, "reporter"),
        head_a=_user("head_a", commune_a, "unit_head"),
        reporter_b=_user("reporter_b", commune_b, "reporter"),
        dept_reporter=_user("dept_reporter", women, "reporter"),
        outsider=_user("outsider", commune_c, "reporter"),
        nobody=_user("nobody"),
        admin=_user("admin", is_superuser=True, is_staff=True),
        viewer=_user("viewer", district, "viewer", "subtree"),
    )


@pytest.fixture
def login(client):
    """login(user) -> the test client signed in as `user`."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def shared_cache(settings):
    """A cache shared by every process, as with Redis (`BINHDANG_SHARED_CACHE`): what is kept
    between requests is kept, in this process's memory, emptied before and after the test."""
    from django.core.cache import cache

    from binhdang.memo import forget_local

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.BINHDANG_SHARED_CACHE = True
    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed: browser tests skipped (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; a screenshot is kept under var/screenshots when a test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def pytest_collection_modifyitems(config, items):
    if chromium_path() is None:
        skip = pytest.mark.skip(reason="Chromium is not installed: browser test skipped")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)

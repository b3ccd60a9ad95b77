"""Guessing ids never reveals another commune's records.

Commune A holds a report narrative, an attached file and a directive that only A may see, each
carrying a unique marker. Signed in as commune B's reporter, every page route and every API
route with an integer id in its path is requested with every id that exists in the database and
its neighbours: no answer may contain any of A's markers, whatever its status.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SECRET_TEXT = "BIMATXAA7731 nạn nhân bạo lực gia đình"
SECRET_FILE = "BIMATFILE7731 hồ sơ.pdf"
SECRET_BYTES = b"%PDF-1.4\n% BIMATBYTES7731\n%%EOF\n"
SECRET_DIRECTIVE = "BIMATCV7731 chỉ gửi xã A"
MARKERS = [b"BIMATXAA7731", b"BIMATFILE7731", b"BIMATBYTES7731", b"BIMATCV7731"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def secrets_of_a(world, media):
    from binhdang.directives.tests.factories import make_attachment, make_directive
    from binhdang.reporting import services
    from binhdang.reporting.tests.factories import fill, make_round

    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text=SECRET_TEXT)
    services.attachment_add(
        actor=world.reporter_a,
        submission=submission,
        uploaded=SimpleUploadedFile(SECRET_FILE, SECRET_BYTES, content_type="application/pdf"),
    )
    fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    directive = make_directive(
        world, subject=SECRET_DIRECTIVE, recipients=[world.commune_a], lead=[world.commune_a]
    )
    make_attachment(world, directive, name="BIMATFILE7731 công văn.pdf", content=SECRET_BYTES)
    return reporting_round


def _int_routes(resolver=None, namespace=""):
    """(url name, int kwarg names, other kwarg names) of every route with an <int:...>."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin", "api"}:
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _int_routes(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            converters = p.pattern.converters
            ints = [k for k, c in converters.items() if type(c).__name__ == "IntConverter"]
            if ints:
                yield f"{namespace}{p.name}", ints, [k for k in converters if k not in ints]


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _candidate_ids() -> list[int]:
    """Every id a record of the project holds in the database, and its neighbours.

    Sequences keep counting across the tests of a run (thousands of imported units), so a
    plain 1..max walk would grow with the suite; the ids that exist are the ones worth
    guessing, and their neighbours cover an off-by-one.
    """
    from django.apps import apps

    ids = set()
    for model in apps.get_models():
        # Ids of the records a URL can address (not log rows such as audit entries).
        if not model.__module__.startswith("binhdang.") or model._meta.app_label in {"audit"}:
            continue
        if model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}:
            for pk in model._default_manager.values_list("pk", flat=True)[:2000]:
                ids.update((pk - 1, pk, pk + 1))
    return sorted(i for i in ids if i > 0)


def test_it_never_shows_commune_a_to_commune_b_on_any_page_id(world, login, secrets_of_a):
    client = login(world.reporter_b)
    ids = _candidate_ids()
    walked = 0
    for name, ints, others in _int_routes():
        if any(k != "slug" for k in others):
            continue
        for value in ids:
            kwargs = dict.fromkeys(ints, value)
            if "slug" in others:
                kwargs["slug"] = secrets_of_a.slug
            url = reverse(name, kwargs=kwargs)
            body = _body(client.get(url))
            walked += 1
            leaked = [m for m in MARKERS if m in body]
            assert not leaked, f"{url} shows commune A's {leaked} to commune B"
    assert walked > 50


def test_it_never_shows_commune_a_to_commune_b_on_any_api_id(world, client, secrets_of_a):
    from binhdang.accounts.models import ApiToken

    token = ApiToken.issue(world.reporter_b, "walk")
    schema = client.get("/api/v1/openapi.json").json()
    ids = _candidate_ids()
    walked = 0
    for path, methods in schema["paths"].items():
        if "get" not in methods or "{" not in path:
            continue
        params = re.findall(r"{(\w+)}", path)
        for value in ids:
            url = path
            for param in params:
                url = url.replace("{" + param + "}", str(value))
            response = client.get(url, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code != 500, url
            leaked = [m for m in MARKERS if m in _body(response)]
            walked += 1
            assert not leaked, f"{url} shows commune A's {leaked} to commune B"
    assert walked > 10


def test_it_shows_the_markers_to_commune_a_itself(world, login, secrets_of_a):
    """The markers are really reachable by their owner, so the walk above could fail."""
    client = login(world.reporter_a)
    page = client.get(
        reverse(
            "reporting:submission",
            kwargs={"slug": secrets_of_a.slug, "unit_id": world.commune_a.pk},
        )
    )
    assert b"BIMATXAA7731" in page.content

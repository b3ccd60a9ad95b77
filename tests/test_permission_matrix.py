"""Every route and every API operation, every persona: in scope gets the page, out of scope
gets nothing, and no answer carries a marker of what the persona may not see."""

import importlib
import json
import pkgutil
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

import binhdang
from tests.permission_matrix import PERSONAS, add_markers, leaked_markers

# Routes outside the matrix, each with the reason.
EXEMPT = {
    "healthz": "public health check",
    "set_language": "public language switcher",
    "accounts:login": "public sign-in page",
    "accounts:logout": "sign-out",
    "accounts:password_reset": "public",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public, token-protected",
}


def _all_cases(name: str = "CASES") -> list:
    cases = []
    for info in pkgutil.iter_modules(binhdang.__path__):
        try:
            module = importlib.import_module(f"binhdang.{info.name}.tests.permission_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(getattr(module, name, []))
    return cases


# Namespaces with their own coverage: Django's admin (staff only, Django's own checks) and
# the API, whose operations come from its OpenAPI schema below.
OWN_COVERAGE = {"admin", "api"}


def route_keys(resolver=None, namespace="", prefix="") -> set[str]:
    """Every URL pattern as the matrix names it: "namespace:name", or "route:<full route>"
    for a pattern without a name."""
    keys = set()
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in OWN_COVERAGE:
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            keys |= route_keys(p, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            keys.add(f"{namespace}{p.name}" if p.name else f"route:{prefix}{p.pattern}")
    return keys


def api_operations() -> set[tuple[str, str]]:
    """(method, path) of every operation the OpenAPI schema publishes."""
    from binhdang.api import api

    schema = api.get_openapi_schema()
    return {(method, p) for p, ops in schema["paths"].items() for method in ops}


CASES = _all_cases()
API_CASES = _all_cases("API_CASES")

# An integer grouped by thousands ("100.123", "1.376"): an id or a key printed as a quantity.
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\u00a0]\d{3})+(?![\d.,])")
MACHINE_ATTRIBUTES = {"value", "href", "name", "id", "for", "action", "src", "formaction", "list"}


class _AttributeScan(HTMLParser):
    """Collects every attribute a program reads back (values, links, names, data-*) that
    holds a thousands-grouped number."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            machine = name in MACHINE_ATTRIBUTES or name.startswith(("data-", "hx-"))
            if machine and value and GROUPED.search(value):
                self.found.append(f"<{tag} {name}={value!r}>")


def localised_numbers_in_attributes(html: str) -> list[str]:
    scan = _AttributeScan()
    scan.feed(html)
    return scan.found


def test_it_covers_every_route():
    covered = {c.key for c in CASES} | set(EXEMPT)
    missing = sorted(route_keys() - covered)
    assert not missing, f"routes without a permission case: {missing}"


def test_it_counts_a_route_without_a_name():
    class Resolver:
        url_patterns = [
            path("feed/", lambda request: None),
            path("named/", lambda request: None, name="named"),
        ]

    assert route_keys(Resolver()) == {"route:feed/", "named"}


def test_it_covers_every_api_operation():
    covered = {c.key for c in API_CASES}
    missing = sorted(api_operations() - covered)
    assert not missing, f"API operations without a permission case: {missing}"
    assert not covered - api_operations(), "cases for operations the schema does not have"


def _text(response) -> str:
    """What a person or a program reads in the answer (JSON with its letters unescaped)."""
    if "json" in response.get("Content-Type", ""):
        return json.dumps(response.json(), ensure_ascii=False)
    if "html" in response.get("Content-Type", "") or "text" in response.get("Content-Type", ""):
        return response.content.decode()
    return ""


def _sign_in(client, world, persona) -> None:
    client.logout()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.key}{'[' + c.label + ']' if c.label else ''}" for c in CASES]
)
def test_it_gives_each_persona_what_it_may_see(case, world, client):
    add_markers(world)
    if case.url is not None:
        url = case.url(world)
    else:
        url = reverse(case.url_name, kwargs=case.kwargs(world) if case.kwargs else None)
    data = case.data(world) if case.data else None
    wrong = []
    for persona in PERSONAS:
        _sign_in(client, world, persona)
        response = (
            getattr(client, case.method)(url, data) if data else getattr(client, case.method)(url)
        )
        if response.status_code != case.expected(persona):
            wrong.append(f"{persona}: {response.status_code} (expected {case.expected(persona)})")
            continue
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        text = _text(response)
        for marker in leaked_markers(persona, text):
            wrong.append(f"{persona}: received {marker!r}")
        if "html" in response.get("Content-Type", ""):
            for found in localised_numbers_in_attributes(text):
                wrong.append(f"{persona}: localised number in {found}")
    assert not wrong, f"{case.method.upper()} {url}: " + "; ".join(wrong)


@pytest.mark.parametrize(
    "case",
    API_CASES,
    ids=[f"{c.method.upper()} {c.path}{'[' + c.label + ']' if c.label else ''}" for c in API_CASES],
)
def test_the_api_gives_each_persona_what_it_may_see(case, world, client):
    add_markers(world)
    url = case.path.format(**(case.params(world) if case.params else {}))
    if case.query is not None:
        url = f"{url}?{urlencode(case.query(world))}"
    body = json.dumps(case.body(world)) if case.body is not None else None
    wrong = []
    for persona in PERSONAS:
        _sign_in(client, world, persona)
        call = getattr(client, case.method)
        if body is not None:
            response = call(url, body, content_type="application/json")
        elif case.form is not None:
            response = call(url, case.form())
        else:
            response = call(url)
        if response.status_code != case.expected(persona):
            wrong.append(f"{persona}: {response.status_code} (expected {case.expected(persona)})")
            continue
        if response.status_code == 200:
            for marker in leaked_markers(persona, _text(response)):
                wrong.append(f"{persona}: received {marker!r}")
    assert not wrong, f"{case.method.upper()} {url}: " + "; ".join(wrong)


def test_the_test_world_has_the_ids_of_a_real_install(world):
    # conftest starts every table's ids above 100,000: an id printed as "100.123" is caught.
    assert min(world.commune_a.pk, world.reporter_a.pk, world.province.pk) > 100_000
    assert world.commune_a.pk != world.reporter_a.pk


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<input name="unit" value="100.123">', 1),
        ('<a href="/rounds/x/units/1.376/">', 1),
        ('<tr data-unit="100,123">', 1),
        ('<input name="unit" value="100123"><td>14.085</td>', 0),
        ('<script src="/static/htmx.min.js?v=1.9.10"></script>', 0),
        ('<input value="12,5">', 0),
    ],
)
def test_the_scan_finds_grouped_numbers_only_in_attributes(html, found):
    assert len(localised_numbers_in_attributes(html)) == found

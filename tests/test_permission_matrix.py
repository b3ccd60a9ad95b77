"""Every route, every persona: in scope gets the page, out of scope gets nothing."""

import importlib
import pkgutil
import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import binhdang
from tests.permission_matrix import PERSONAS, Case

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


def _all_cases() -> list[Case]:
    cases = []
    for info in pkgutil.iter_modules(binhdang.__path__):
        try:
            module = importlib.import_module(f"binhdang.{info.name}.tests.permission_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases


def _route_names(resolver=None, namespace="") -> set[str]:
    names = set()
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin", "api"}:
                continue  # Django admin (staff only) and the API (own matrix) are covered elsewhere
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _route_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


CASES = _all_cases()

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
    covered = {c.url_name for c in CASES} | set(EXEMPT)
    missing = sorted(_route_names() - covered)
    assert not missing, f"routes without a permission case: {missing}"


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.url_name}{'[' + c.label + ']' if c.label else ''}" for c in CASES]
)
def test_it_gives_each_persona_what_it_may_see(case, world, client):
    url = reverse(case.url_name, kwargs=case.kwargs(world) if case.kwargs else None)
    data = case.data(world) if case.data else None
    wrong = []
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(world, persona))
        response = (
            getattr(client, case.method)(url, data) if data else getattr(client, case.method)(url)
        )
        if response.status_code != case.expected(persona):
            wrong.append(f"{persona}: {response.status_code} (expected {case.expected(persona)})")
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for found in localised_numbers_in_attributes(response.content.decode()):
                wrong.append(f"{persona}: localised number in {found}")
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

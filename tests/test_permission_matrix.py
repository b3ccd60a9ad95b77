"""Every route, every persona: in scope gets the page, out of scope gets nothing."""

import importlib
import pkgutil

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
    assert not wrong, f"{case.method.upper()} {url}: " + "; ".join(wrong)

"""The shell's registries hold what the installed apps declared, and refuse contradictions."""

import pytest

from binhdang.accounts import permissions
from binhdang.accounts.permissions import (
    DECLARED_BY,
    ROLE_PERMISSIONS,
    PermissionClash,
    Role,
    register_permissions,
)
from binhdang.core.registry import api_routers, app_urlpatterns
from binhdang.reporting import permissions as reporting_permissions


def test_each_app_declares_its_own_permissions():
    assert DECLARED_BY["submission.edit"] == "reporting"
    assert DECLARED_BY["directive.manage"] == "directives"
    assert DECLARED_BY["report.sign"] == "documents"
    assert DECLARED_BY["indicator.enter"] == "indicators"
    assert DECLARED_BY["user.manage"] == "accounts"
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted <= set(DECLARED_BY)
    assert list(ROLE_PERMISSIONS) == list(Role)


def test_a_permission_named_by_two_apps_or_given_to_an_unknown_role_is_refused():
    before = {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()}
    with pytest.raises(PermissionClash):
        register_permissions("directives", {"submission.edit": [Role.VIEWER]})
    with pytest.raises(PermissionClash):
        register_permissions("reporting", {"round.archive": ["chairman"]})
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == before
    assert "round.archive" not in DECLARED_BY
    # Declaring again what an app already declared changes nothing.
    register_permissions("reporting", reporting_permissions.PERMISSIONS)
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == before


def test_accounts_holds_only_its_own_permission_names():
    # A permission is imported from the app that declares it, never through accounts.
    assert not hasattr(permissions, "SUBMISSION_EDIT")
    assert reporting_permissions.SUBMISSION_EDIT == "submission.edit"
    assert permissions.USER_MANAGE == "user.manage"


def test_every_domain_app_brings_its_pages_and_api_router():
    prefixes = [prefix for prefix, _router in api_routers()]
    assert prefixes == [
        "orgunits", "me", "directives", "reporting", "documents", "exchange", "indicators",
        "leadership", "cfaw", "servicemodels", "empowerment", "mailbox", "cases",
        "communication", "training", "budget", "mainstreaming", "inspections",
    ]  # fmt: skip
    pages = [str(resolver.pattern) for resolver in app_urlpatterns()]
    assert pages == [
        "audit/", "units/", "accounts/", "notifications/", "directives/", "rounds/",
        "documents/", "exchange/", "indicators/", "leadership/", "cfaw/", "servicemodels/",
        "empowerment/", "mailbox/", "cases/", "communication/", "training/", "budget/",
        "mainstreaming/", "inspections/",
    ]  # fmt: skip


def test_a_menu_entry_shows_only_where_its_permission_and_its_apps_gate_agree():
    from types import SimpleNamespace

    from binhdang.core.registry import NavEntry

    everyone = NavEntry("Trang", "core:home")
    gated = NavEntry("Trang", "core:home", visible_to=lambda user: user.username == "an")
    anyone = SimpleNamespace(username="binh", is_authenticated=True, is_superuser=False)
    assert everyone.shown_to(anyone) and not gated.shown_to(anyone)
    assert gated.shown_to(SimpleNamespace(username="an", is_authenticated=True))

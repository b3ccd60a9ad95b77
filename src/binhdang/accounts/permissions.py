"""Roles, and the named permissions they grant, collected from the apps that declare them.

A membership gives a user a role on an org unit, for that unit alone or its whole subtree.
`units_for(user, permission)` in `accounts.scoping` turns memberships into the set of units a
user may act on; every selector goes through it. Which role holds which permission is
declared by the app owning the permission (`<app>/permissions.py`, registered in its
AppConfig.ready() with `register_permissions`); `ROLE_PERMISSIONS`, `role_grants` and
`roles_with` answer from what every installed app declared.
"""

from collections.abc import Iterable, Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    STANDING_OFFICE = "standing_office", _("Standing office")
    LEADER = "leader", _("Leader")
    UNIT_HEAD = "unit_head", _("Unit head")
    REPORTER = "reporter", _("Unit reporter")
    VIEWER = "viewer", _("Viewer")
    # Case coordination (cases/): violence and trafficking case work, need-to-know.
    CASE_WORKER = "case_worker", _("Case worker")
    CASE_SUPERVISOR = "case_supervisor", _("Case supervisor")
    COMMUNE_POLICE = "commune_police", _("Commune police")
    COMMUNE_CHAIR = "commune_chair", _("Commune chair")
    SERVICE_PROVIDER = "service_provider", _("Service point (trusted address, shelter)")
    STATISTICS_VIEWER = "statistics_viewer", _("Statistics viewer")


class Scope(models.TextChoices):
    UNIT = "unit", _("This unit only")
    SUBTREE = "subtree", _("This unit and every unit under it")


# Permission names are "<object>.<action>". Each app declares its own in its permissions.py,
# with the roles that hold them, and registers them in its AppConfig.ready(); this module
# collects them (ROLE_PERMISSIONS) and declares those of accounts.
USER_MANAGE = "user.manage"

# role -> the permissions it grants, collected from every installed app.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {role: frozenset() for role in Role}
# permission -> the app that declared it (two apps cannot declare the same name).
DECLARED_BY: dict[str, str] = {}


class PermissionClash(Exception):
    """Two apps declare the same permission, or a grant names an unknown role."""


def register_permissions(app: str, grants: Mapping[str, Iterable[str]]) -> None:
    """Declare `app`'s permissions and the roles that hold each:
    `register_permissions("reporting", {SUBMISSION_EDIT: [Role.UNIT_HEAD, Role.REPORTER]})`.
    Called from the app's AppConfig.ready(); calling it again with the same grants is a no-op."""
    for permission, roles in grants.items():
        owner = DECLARED_BY.get(permission, app)
        if owner != app:
            raise PermissionClash(f"{permission!r} is declared by {owner} and {app}")
        unknown = [role for role in roles if role not in ROLE_PERMISSIONS]
        if unknown:
            raise PermissionClash(f"{app} grants {permission!r} to unknown roles {unknown}")
    for permission, roles in grants.items():
        DECLARED_BY[permission] = app
        for role in roles:
            ROLE_PERMISSIONS[role] = ROLE_PERMISSIONS[role] | {permission}


def role_grants(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def roles_with(permission: str) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if permission in perms]


EVERY_ROLE = tuple(Role)
# Who records a unit's own programme records: its reporters and head, and the standing office
# (which records for its whole subtree when its membership covers it).
UNIT_RECORDERS = (Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER)

ACCOUNTS_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # A unit head manages their own unit's accounts (reporters and viewers: what anyone may
    # grant is decided by `accounts.scoping.may_grant`).
    USER_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD),
}

"""The single source of truth for what a user may see and do.

`units_for(user, permission)` returns the org units a user may act on for a permission, as a
queryset built in the database (no tree walking in Python). It fails closed: an anonymous or
inactive user, or one without a membership granting the permission, gets an empty queryset.
Superusers are system administrators everywhere.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from binhdang.orgunits.models import OrgUnit

from .permissions import Scope, role_grants


def _memberships(user):
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        cache = list(user.memberships.select_related("org_unit"))
        user._membership_cache = cache
    return cache


def units_for(user, permission: str) -> QuerySet[OrgUnit]:
    if user is None or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    condition = Q()
    granted = False
    for membership in _memberships(user):
        if not role_grants(membership.role, permission):
            continue
        granted = True
        if membership.scope == Scope.SUBTREE:
            condition |= Q(path__startswith=membership.org_unit.path)
        else:
            condition |= Q(pk=membership.org_unit_id)
    if not granted:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(condition)


def has_permission(user, permission: str, unit: OrgUnit | None = None) -> bool:
    """Whether `user` holds `permission` on `unit` (on any unit when `unit` is None)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    for membership in _memberships(user):
        if not role_grants(membership.role, permission):
            continue
        if unit is None:
            return True
        if membership.org_unit_id == unit.pk:
            return True
        if membership.scope == Scope.SUBTREE and unit.path.startswith(membership.org_unit.path):
            return True
    return False


def require(user, permission: str, unit: OrgUnit) -> None:
    """Raise 404 (never 403: that would confirm the unit exists) when not allowed."""
    if not has_permission(user, permission, unit):
        raise Http404


def home_units(user) -> list[OrgUnit]:
    """The units a user belongs to, for the shell's "my units" and defaults."""
    if not user.is_authenticated:
        return []
    seen = {}
    for membership in _memberships(user):
        seen.setdefault(membership.org_unit_id, membership.org_unit)
    return list(seen.values())


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {m.role for m in _memberships(user)}

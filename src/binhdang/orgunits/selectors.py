"""Reads of org units, always scoped to what the user may see."""

from django.db.models import Count, Q, QuerySet

from binhdang.accounts.permissions import ORGUNIT_VIEW
from binhdang.accounts.scoping import units_for

from .models import OrgUnit


def visible_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, ORGUNIT_VIEW)


def unit_for(user, pk: int) -> OrgUnit:
    """One unit in scope, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(visible_units(user), pk=pk)


def root_units(user) -> QuerySet[OrgUnit]:
    """The top of what the user sees: visible units whose parent is not visible."""
    visible = visible_units(user)
    return (
        visible.filter(Q(parent__isnull=True) | ~Q(parent__in=visible))
        .annotate(child_count=Count("children"))
        .order_by("admin_set", "name")
    )


def children_of(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return (
        visible_units(user)
        .filter(parent=unit)
        .annotate(child_count=Count("children"))
        .order_by("kind", "name")
    )


def search_units(user, text: str, limit: int = 50) -> QuerySet[OrgUnit]:
    return (
        visible_units(user).search(text).select_related("parent").order_by("level", "name")[:limit]
    )


def subtree(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return visible_units(user).filter(path__startswith=unit.path)

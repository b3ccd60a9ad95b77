"""Reads of org units, always scoped to what the user may see."""

from django.db.models import Count, Q, QuerySet

from binhdang.accounts.scoping import units_for
from binhdang.orgunits.permissions import ORGUNIT_VIEW

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


def visible_ancestors(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The units above `unit` that the user sees, top first."""
    return unit.ancestors().filter(pk__in=visible_units(user).values("pk")).exclude(pk=unit.pk)


def visible_legacy_sources(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The legacy units `unit` was formed from, among those the user sees."""
    return unit.get_legacy_sources().filter(pk__in=visible_units(user).values("pk"))


def visible_successors(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The 2025 units formed from `unit`, among those the user sees."""
    return unit.successors.filter(pk__in=visible_units(user).values("pk"))


def visible_former_units(user, unit: OrgUnit) -> list:
    """The units `unit` was formed from that the user sees, each with the share of its figures
    `unit` takes (shares.FormerUnit: whole, or an estimated share of a split unit)."""
    from .shares import former_units

    visible = set(visible_legacy_sources(user, unit).values_list("pk", flat=True))
    return [f for f in former_units(unit) if f.unit.pk in visible]


def visible_successor_shares(user, unit: OrgUnit) -> list:
    """The units formed from `unit` that the user sees, with the share each takes."""
    from .shares import successor_shares

    visible = set(visible_successors(user, unit).values_list("pk", flat=True))
    return [(s, share) for s, share in successor_shares(unit) if s.pk in visible]


def unit_place_labels(units: list[OrgUnit]) -> dict[int, str]:
    """Each unit's name with where it is: the territorial units above it up to its district
    or province ("Phòng Y tế huyện · Huyện Vị Xuyên", "Hội Phụ nữ xã · Xã Phú Linh, Huyện
    Vị Xuyên", "Huyện Vị Xuyên · Tỉnh Hà Giang"), so units of the same name in different
    districts tell apart. The caller shows units the user already sees; the names of the
    territorial units above them are the public unit tree. One query for every ancestor."""
    from .models import TERRITORIAL_KINDS, Kind

    def ancestor_ids(unit: OrgUnit) -> list[int]:
        ids = [int(p) for p in unit.path.strip("/").split("/") if p]
        return [pk for pk in reversed(ids) if pk != unit.pk]

    above = {pk for unit in units for pk in ancestor_ids(unit)}
    known = {u.pk: u for u in OrgUnit.objects.filter(pk__in=above).only("name", "kind")}
    labels = {}
    for unit in units:
        places = []
        for pk in ancestor_ids(unit):
            ancestor = known.get(pk)
            if ancestor is None or ancestor.kind not in TERRITORIAL_KINDS:
                continue
            places.append(ancestor.name)
            if ancestor.kind in (Kind.DISTRICT, Kind.PROVINCE):
                break
        labels[unit.pk] = f"{unit.name} · {', '.join(places)}" if places else unit.name
    return labels


def subtree(user, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return visible_units(user).filter(path__startswith=unit.path)

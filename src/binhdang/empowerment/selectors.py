"""Every read of the economic-empowerment records, given the user and scoped (out of scope:
404)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from binhdang.accounts.scoping import has_permission, units_for, visible
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, TERRITORIAL_KINDS, OrgUnit

from .models import Support
from .permissions import EMPOWERMENT_RECORD, EMPOWERMENT_VIEW


def visible_supports(user) -> QuerySet[Support]:
    return visible(user, EMPOWERMENT_VIEW, Support.objects.select_related("org_unit", "commune"))


def support_for(user, pk: int) -> Support:
    support = visible_supports(user).filter(pk=pk).first()
    if support is None:
        raise Http404
    return support


def may_record(user, support: Support) -> bool:
    return has_permission(user, EMPOWERMENT_RECORD, support.org_unit)


def recordable_support_for(user, pk: int) -> Support:
    support = support_for(user, pk)
    if not may_record(user, support):
        raise Http404
    return support


def recording_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, EMPOWERMENT_RECORD).current().order_by("path")


def _area(unit: OrgUnit) -> OrgUnit:
    current = unit
    while current is not None and current.kind not in TERRITORIAL_KINDS:
        current = current.parent
    return current or unit


def commune_choices(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """Communes where support of `unit` may be given: the communes of its area."""
    area = _area(unit)
    return OrgUnit.objects.filter(path__startswith=area.path, kind__in=COMMUNE_LEVEL_KINDS)


def commune_options(user) -> QuerySet[OrgUnit]:
    condition = Q(pk__in=[])
    for path in {_area(u).path for u in recording_units(user)}:
        condition |= Q(path__startswith=path)
    return (
        OrgUnit.objects.filter(condition, kind__in=COMMUNE_LEVEL_KINDS).current().order_by("name")
    )


@dataclass
class SupportFilters:
    unit: int | None = None
    programme: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


def search_supports(user, filters: SupportFilters) -> QuerySet[Support]:
    qs = visible_supports(user)
    if filters.unit:
        qs = qs.filter(org_unit_id=filters.unit)
    if filters.programme:
        qs = qs.filter(programme=filters.programme)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.date_from:
        qs = qs.filter(given_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(given_on__lte=filters.date_to)
    if filters.text:
        qs = qs.filter(Q(title__icontains=filters.text) | Q(project_name__icontains=filters.text))
    return qs.order_by("-given_on", "-pk")


def filter_units(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(pk__in=visible_supports(user).values("org_unit_id")).order_by(
        "name"
    )


def commune_by_id(pk: int) -> OrgUnit | None:
    """The unit a client names as a commune (checked against the recording unit's area by the
    service)."""
    return OrgUnit.objects.filter(pk=pk).first()

"""The rule on the lists of leaders: read only by the personnel officers placed on the unit
itself, never through a membership on a unit above it."""

from django.db.models import Q

from binhdang.accounts.scoping import placed_on, units_for

from .permissions import PEOPLE_VIEW


def people_rule(user) -> Q:
    return Q(org_unit__in=placed_on(user, units_for(user, PEOPLE_VIEW)))

from django.db.models import QuerySet

from .models import Membership, User
from .permissions import USER_MANAGE
from .scoping import units_for


def users_managed_by(user) -> QuerySet[User]:
    """Users holding a membership on a unit `user` may manage users of."""
    units = units_for(user, USER_MANAGE)
    return (
        User.objects.filter(memberships__org_unit__in=units)
        .distinct()
        .prefetch_related("memberships__org_unit")
        .order_by("username")
    )


def memberships_managed_by(user) -> QuerySet[Membership]:
    return Membership.objects.filter(org_unit__in=units_for(user, USER_MANAGE)).select_related(
        "user", "org_unit"
    )


def own_memberships(user) -> QuerySet[Membership]:
    """The user's own memberships (unit, role, scope), by place in the unit tree."""
    if user is None or not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user).select_related("org_unit").order_by("org_unit__path")
    )

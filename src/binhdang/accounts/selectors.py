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

from django.db.models import QuerySet
from django.http import Http404

from binhdang.orgunits.models import OrgUnit

from .models import ApiToken, Membership, User
from .permissions import USER_MANAGE
from .scoping import may_manage_user, removal_refusal, units_for, users_wholly_managed_by


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


def unit_managed_by(user, unit_id: int) -> OrgUnit | None:
    """The unit `unit_id` when `user` manages its accounts, else None (whether it exists or
    not)."""
    return units_for(user, USER_MANAGE).filter(pk=unit_id).first()


def key_owners_managed_by(actor, users) -> set[int]:
    """The ids among `users` whose API keys `actor` may list and revoke."""
    ids = [u.pk for u in users]
    return set(users_wholly_managed_by(actor).filter(pk__in=ids).values_list("pk", flat=True))


def tokens_of(user) -> QuerySet[ApiToken]:
    """The API keys of `user` themself, newest first, revoked and expired ones included."""
    if user is None or not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).select_related("revoked_by").order_by("-created_at")


def managed_user(actor, user_id: int) -> User:
    """A user whose accounts `actor` manages; 404 for anyone else."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not may_manage_user(actor, user):
        raise Http404
    return user


def token_for(actor, token_id: int) -> ApiToken:
    """A key of `actor` or of a user they manage; 404 otherwise."""
    api_token = ApiToken.objects.select_related("user", "revoked_by").filter(pk=token_id).first()
    if api_token is None:
        raise Http404
    if api_token.user_id != getattr(actor, "pk", None) and not may_manage_user(
        actor, api_token.user
    ):
        raise Http404
    return api_token


def own_memberships(user) -> QuerySet[Membership]:
    """The user's own memberships (unit, role, scope), by place in the unit tree."""
    if user is None or not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user).select_related("org_unit").order_by("org_unit__path")
    )


def removable_memberships(actor, users) -> set[int]:
    """The ids of the memberships of `users` that `actor` may remove (the users page shows
    "remove" for these only)."""
    return {
        m.pk for user in users for m in user.memberships.all() if removal_refusal(actor, m) is None
    }

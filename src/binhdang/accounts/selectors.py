from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from binhdang.orgunits.models import OrgUnit

from .models import ApiToken, Membership, MembershipMove, MoveStatus, User
from .permissions import USER_MANAGE
from .scoping import (
    may_manage_user,
    memberships_on_closed_units,
    moves_units_for,
    removal_refusal,
    units_for,
    users_wholly_managed_by,
)


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


@dataclass
class MoveProposal:
    """One membership on a closed unit and the units that took over from it."""

    membership: Membership
    candidates: list[OrgUnit]


def move_proposals(on=None) -> list[MoveProposal]:
    """Every membership on a unit closed by `on`, with its successor units (empty when the
    mapping names none), for `binhdang move-to-successors`; the operator's view, not a
    user's."""
    from binhdang.orgunits.succession import successor_candidates

    cache: dict[int, list[OrgUnit]] = {}
    out = []
    for membership in memberships_on_closed_units(on):
        unit = membership.org_unit
        if unit.pk not in cache:
            cache[unit.pk] = successor_candidates(unit, on)
        out.append(MoveProposal(membership, cache[unit.pk]))
    return out


def open_moves_for(actor) -> QuerySet[MembershipMove]:
    """Proposed moves from or to a unit where `actor` manages accounts (every one for a
    system administrator), by closed unit."""
    units = moves_units_for(actor)
    return (
        MembershipMove.objects.filter(status=MoveStatus.PROPOSED)
        .filter(Q(from_unit__in=units) | Q(candidates__in=units))
        .distinct()
        .select_related("user", "from_unit", "proposed_unit", "membership")
        .prefetch_related("candidates")
        .order_by("from_unit__path", "user__username", "id")
    )


def move_for(actor, move_id: int) -> MembershipMove:
    """A proposed move `actor` is shown (`open_moves_for`); 404 otherwise."""
    move = open_moves_for(actor).filter(pk=move_id).first()
    if move is None:
        raise Http404
    return move


def move_unit(move: MembershipMove, unit_id: int | None) -> OrgUnit | None:
    """The successor unit `unit_id` of `move`, or None when it is not one of them."""
    if unit_id is None:
        return None
    return move.candidates.filter(pk=unit_id).first()

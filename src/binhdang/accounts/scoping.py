"""The single source of truth for what a user may see and do.

`units_for(user, permission)` returns the org units a user may act on for a permission, as a
queryset built in the database (no tree walking in Python). It fails closed: an anonymous or
inactive user, or one without a membership granting the permission, gets an empty queryset.
Superusers are system administrators everywhere.

This is the only module that reads memberships. Every other access question is a named
function here (who writes a unit's report, which units a user answers for, who is told), and
an app adds a rule for its own records with `register_record_rule`; `visible` and
`require_record` then apply the unit scope and every rule registered for the model.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from binhdang.documents.permissions import REPORT_CONSOLIDATE, REPORT_SIGN
from binhdang.memo import kept
from binhdang.orgunits.models import TERRITORIAL_KINDS, UNITS_GENERATION, OrgUnit
from binhdang.reporting.permissions import SUBMISSION_APPROVE, SUBMISSION_EDIT

from .models import MEMBERSHIPS_GENERATION, Membership, User
from .permissions import ROLE_PERMISSIONS, USER_MANAGE, Role, Scope, role_grants


def _memberships(user):
    """The user's memberships with their units, read once per user object (a request loads
    its user). With a shared cache they are kept there between requests under the current
    generation of the memberships and of the unit tree, which every write of either counts
    on: the request after a membership is removed or a unit moves reads them again."""
    memberships = getattr(user, "_membership_cache", None)
    if memberships is None:
        if settings.BINHDANG_SHARED_CACHE and user.pk is not None:
            memberships = kept(
                f"accounts:memberships:{user.pk}",
                (MEMBERSHIPS_GENERATION, UNITS_GENERATION),
                lambda: _read_memberships(user),
                MEMBERSHIP_SECONDS,
            )
        else:
            memberships = _read_memberships(user)
        user._membership_cache = memberships
    return memberships


MEMBERSHIP_SECONDS = 3600


def scope_generations(user) -> tuple[str, ...]:
    """The generations a user's scope is worked out under: the memberships, the unit tree, the
    unit groups, the users and the user's own row. What is kept for one user across requests
    from what their scope lets them see (their "my work") is kept under these too, so the
    request after any of them changes works it out again."""
    from binhdang.orgunits.models import GROUPS_GENERATION

    from .backends import USERS_GENERATION, user_generation

    return (
        MEMBERSHIPS_GENERATION,
        UNITS_GENERATION,
        GROUPS_GENERATION,
        USERS_GENERATION,
        user_generation(user.pk),
    )


def _read_memberships(user) -> list:
    return list(user.memberships.select_related("org_unit"))


def _unit_condition(user, permission: str) -> Q | None:
    """The condition on OrgUnit of the units the user's memberships reach for `permission`
    (None: no membership grants it), worked out once per user object: a request loads its
    user, so it lives as long as the memberships read with it (`_memberships`)."""
    conditions = getattr(user, "_unit_condition_cache", None)
    if conditions is None:
        conditions = user._unit_condition_cache = {}
    if permission not in conditions:
        condition = None
        for membership in _memberships(user):
            if not role_grants(membership.role, permission):
                continue
            if membership.scope == Scope.SUBTREE:
                term = Q(path__startswith=membership.org_unit.path)
            else:
                term = Q(pk=membership.org_unit_id)
            condition = term if condition is None else condition | term
        conditions[permission] = condition
    return conditions[permission]


def units_for(user, permission: str) -> QuerySet[OrgUnit]:
    if user is None or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    condition = _unit_condition(user, permission)
    if condition is None:
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


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# ---------------------------------------------------------------- a unit's own report


def _consolidating_territorial_unit_ids(user) -> set[int]:
    """Territorial units on which the user holds a role that consolidates, placed on exactly
    that unit: a district's standing office writes the district's report to the province."""
    return {
        m.org_unit_id
        for m in _memberships(user)
        if role_grants(m.role, REPORT_CONSOLIDATE) and m.org_unit.kind in TERRITORIAL_KINDS
    }


def may_write_report(user, unit: OrgUnit) -> bool:
    """May write the unit's own report: its reporters and head (SUBMISSION_EDIT), or, for a
    territorial unit reporting upward, a standing office member placed on exactly that unit."""
    if has_permission(user, SUBMISSION_EDIT, unit):
        return True
    if not _signed_in(user):
        return False
    return unit.pk in _consolidating_territorial_unit_ids(user)


def report_writing_units(user) -> QuerySet[OrgUnit]:
    """The units whose own report the user writes (`may_write_report`), as a queryset: the
    "own unit" that alone reads a report before it is sent."""
    if not _signed_in(user):
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(
        Q(pk__in=units_for(user, SUBMISSION_EDIT).values("pk"))
        | Q(pk__in=_consolidating_territorial_unit_ids(user))
    )


def may_read_unfinished(user, unit: OrgUnit) -> bool:
    """Reads a People's Committee's unfinished consolidated work (its consolidated report
    before it is finalised): whoever may compile it (REPORT_CONSOLIDATE) or sign it
    (REPORT_SIGN) on the unit, so everyone who may finalise it has read it. Viewers see that
    it is being prepared, not its text."""
    return has_permission(user, REPORT_CONSOLIDATE, unit) or has_permission(user, REPORT_SIGN, unit)


def answering_units(user) -> QuerySet[OrgUnit]:
    """The units the user answers a reporting round for: those whose report they write, and
    the units of their own memberships (a district answering its province's round). Units
    they only oversee are not among them."""
    if not _signed_in(user):
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(
        Q(pk__in=units_for(user, SUBMISSION_EDIT).values("pk"))
        | Q(pk__in=[m.org_unit_id for m in _memberships(user)])
    )


def placed_on(user, units: QuerySet[OrgUnit]) -> QuerySet[OrgUnit]:
    """The units of `units` the user is placed on (their memberships' own units, not those
    below by subtree scope): a district's standing office issues for its district, not for
    its communes. A system administrator, placed nowhere, keeps every unit."""
    if not _signed_in(user):
        return units.none()
    if user.is_superuser:
        return units
    own = [m.org_unit_id for m in _memberships(user)]
    return units.filter(pk__in=own) if own else units


def home_and_ancestor_unit_ids(user) -> set[int]:
    """Ids of the user's own units and of every unit above them: where a unit group that
    can reach the user may be rooted."""
    if not _signed_in(user):
        return set()
    above: set[int] = set()
    for membership in _memberships(user):
        above.update(int(pk) for pk in membership.org_unit.path.strip("/").split("/") if pk)
    return above


# ---------------------------------------------------------------- who is told


def members_of(unit_ids: Iterable[int], roles: Iterable[str] | None = None) -> QuerySet:
    """Active users placed on exactly these units (with one of `roles` when given): the
    people a notice about a unit is addressed to."""
    condition = Q(memberships__org_unit_id__in=list(unit_ids))
    if roles is not None:
        condition &= Q(memberships__role__in=list(roles))
    return get_user_model().objects.filter(condition, is_active=True).distinct()


def member_ids(unit_ids: Iterable[int], roles: Iterable[str] | None = None) -> list[int]:
    """The ids of the users placed on exactly these units (with one of `roles` when given),
    active or not: whom `notify` tells about a unit, skipping the inactive as the database
    has them then. With a shared cache they are kept there under the generations of the
    memberships and of the unit tree, which every write of either counts on: the notice
    after a membership is removed or moved is not addressed to it."""
    units = sorted(set(unit_ids))
    named = sorted(set(roles)) if roles is not None else None

    def read():
        rows = Membership.objects.filter(org_unit_id__in=units)
        if named is not None:
            rows = rows.filter(role__in=named)
        return sorted(set(rows.values_list("user_id", flat=True)))

    if not settings.BINHDANG_SHARED_CACHE:
        return read()
    of_roles = "*" if named is None else ",".join(named)
    key = f"accounts:members:{','.join(map(str, units))}:{of_roles}"
    return kept(key, (MEMBERSHIPS_GENERATION, UNITS_GENERATION), read, MEMBERSHIP_SECONDS)


# ---------------------------------------------------------------- rules per record

RecordRule = Callable[[Any], Q]
_record_rules: dict[tuple[str, str], list[RecordRule]] = {}


def _rule_key(model: type[Model], permission: str) -> tuple[str, str]:
    return (model._meta.concrete_model._meta.label_lower, permission)


def register_record_rule(model: type[Model], permission: str, rule: RecordRule) -> None:
    """Add a rule for `model`'s records under `permission`: `rule(user)` returns a Q on the
    model that the records the user may see must match, evaluated in the database. Several
    rules for one model all apply. Registered once, from the owning app's `ready()`."""
    rules = _record_rules.setdefault(_rule_key(model, permission), [])
    if rule not in rules:
        rules.append(rule)


def unregister_record_rule(model: type[Model], permission: str, rule: RecordRule) -> None:
    rules = _record_rules.get(_rule_key(model, permission), [])
    if rule in rules:
        rules.remove(rule)


def record_rules(model: type[Model], permission: str) -> list[RecordRule]:
    return list(_record_rules.get(_rule_key(model, permission), []))


def visible(
    user, permission: str, queryset: QuerySet, *, unit_field: str | None = "org_unit"
) -> QuerySet:
    """The records of `queryset` the user may see under `permission`: those whose
    `unit_field` is among `units_for(user, permission)`, AND matching every rule registered
    for the model. With `unit_field=None` only the rules decide, and a model without a rule
    shows nothing. Fails closed: an anonymous or inactive user sees nothing, a rule that does
    not match the user hides the record."""
    if not _signed_in(user):
        return queryset.none()
    rules = record_rules(queryset.model, permission)
    if unit_field is None and not rules:
        return queryset.none()
    if unit_field is not None:
        queryset = queryset.filter(**{f"{unit_field}__in": units_for(user, permission)})
    for rule in rules:
        condition = rule(user)
        if condition is None:
            return queryset.none()
        queryset = queryset.filter(condition)
    return queryset


def require_record(
    user, permission: str, obj: Model, *, unit_field: str | None = "org_unit"
) -> None:
    """Raise 404 unless `visible` keeps `obj` for the user."""
    qs = type(obj)._default_manager.filter(pk=obj.pk)
    if not visible(user, permission, qs, unit_field=unit_field).exists():
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


# --- Grants: which role and scope a user may give on a unit -------------------------------------
#
# A grant never exceeds the granter: the grantee's reach (the unit, or the unit and its subtree)
# must lie inside the granter's own user-management reach, and every permission of the role must
# be one the granter holds over that same reach. Approving and signing are personal powers: only
# a system administrator (superuser) gives them, so a unit head cannot make another unit head.


GRANTED_BY_ADMINISTRATORS_ONLY = frozenset({SUBMISSION_APPROVE, REPORT_SIGN})


def _reaches(user, permission: str, unit: OrgUnit, scope: str) -> bool:
    """Whether `user` holds `permission` on `unit` alone (UNIT) or on all of its subtree
    (SUBTREE: only through a subtree membership on the unit or one of its ancestors)."""
    if scope == Scope.UNIT:
        return has_permission(user, permission, unit)
    return any(
        membership.scope == Scope.SUBTREE
        and role_grants(membership.role, permission)
        and unit.path.startswith(membership.org_unit.path)
        for membership in _memberships(user)
    )


def grant_refusal(actor, *, role: str, scope: str, unit: OrgUnit) -> str | None:
    """Why `actor` may not give `role` with `scope` on `unit`, in the user's language; None
    when the grant is allowed."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return _("You may not manage the accounts of this unit.")
    if role not in ROLE_PERMISSIONS:
        return _("Choose a role from the list.")
    if scope not in Scope.values:
        return _("Choose a scope from the list.")
    if actor.is_superuser:
        return None
    if not has_permission(actor, USER_MANAGE, unit):
        return _("You may not manage the accounts of this unit.")
    if not _reaches(actor, USER_MANAGE, unit, scope):
        return _(
            "You may grant roles on this unit only, not on the units under it: "
            "choose the scope “This unit only”."
        )
    label = Role(role).label
    permissions = ROLE_PERMISSIONS[role]
    if permissions & GRANTED_BY_ADMINISTRATORS_ONLY:
        return _(
            "Only a system administrator may grant the role “%(role)s”: it approves or signs "
            "reports."
        ) % {"role": label}
    if not all(_reaches(actor, permission, unit, scope) for permission in permissions):
        return _(
            "You may not grant the role “%(role)s”: it may do things you may not do on this unit."
        ) % {"role": label}
    return None


def may_grant(actor, *, role: str, scope: str, unit: OrgUnit) -> bool:
    """Whether `actor` may give `role` with `scope` on `unit` (see `grant_refusal`)."""
    return grant_refusal(actor, role=role, scope=scope, unit=unit) is None


def grantable(actor) -> set[tuple[str, str]]:
    """Every (role, scope) `actor` may grant on at least one unit, for the choice lists.

    A user's permissions only change at the units of their memberships, so trying each of
    those units (and, for a superuser, any unit) finds every grant `may_grant` allows."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return set()
    if actor.is_superuser:
        return {(role, scope) for role in ROLE_PERMISSIONS for scope in Scope.values}
    units = {m.org_unit_id: m.org_unit for m in _memberships(actor)}.values()
    return {
        (role, scope)
        for unit in units
        for role in ROLE_PERMISSIONS
        for scope in Scope.values
        if may_grant(actor, role=role, scope=scope, unit=unit)
    }


def users_wholly_managed_by(actor):
    """Users every membership of whom lies on a unit where `actor` manages accounts (for a
    superuser: everyone). Their API keys are the ones a user manager may list and revoke: a
    unit head does not stop the key of a district officer who also belongs to the commune, and
    only a superuser stops a superuser's."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return User.objects.none()
    if actor.is_superuser:
        return User.objects.all()
    units = units_for(actor, USER_MANAGE)
    outside = Membership.objects.filter(user=OuterRef("pk")).exclude(org_unit__in=units)
    return (
        User.objects.filter(is_superuser=False, memberships__org_unit__in=units)
        .exclude(Exists(outside))
        .distinct()
    )


def may_manage_user(actor, user) -> bool:
    """Whether `user` is one of `users_wholly_managed_by(actor)`."""
    return users_wholly_managed_by(actor).filter(pk=user.pk).exists()


# Roles of a unit's own staff: a higher level that manages the unit's accounts may remove them
# (a reporter who left, a head who changed), though it may not give them.
UNIT_STAFF_ROLES = frozenset({Role.UNIT_HEAD, Role.REPORTER, Role.VIEWER})


def removal_refusal(actor, membership: Membership) -> str | None:
    """Why `actor` may not remove `membership`, in the user's language; None when allowed.

    Allowed: whoever may grant the same role and scope on the same unit (`grant_refusal`); and
    a user manager of a higher level removing a unit's own staff below it. So a unit head does
    not remove the leader or the standing office placed on their commune, nor a fellow head."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return _("You may not manage the accounts of this unit.")
    if actor.is_superuser:
        return None
    unit = membership.org_unit
    if not has_permission(actor, USER_MANAGE, unit):
        return _("You may not manage the accounts of this unit.")
    if grant_refusal(actor, role=membership.role, scope=membership.scope, unit=unit) is None:
        return None
    from_above = any(
        role_grants(m.role, USER_MANAGE)
        and m.scope == Scope.SUBTREE
        and m.org_unit_id != unit.pk
        and unit.path.startswith(m.org_unit.path)
        for m in _memberships(actor)
    )
    if membership.role in UNIT_STAFF_ROLES and from_above:
        return None
    return _(
        "You may not remove the role “%(role)s”: only someone who may grant it, or a higher "
        "level for the unit's own staff, may remove it."
    ) % {"role": Role(membership.role).label}


# --- Moves across a boundary change --------------------------------------------------------------


def memberships_on_closed_units(on=None) -> QuerySet[Membership]:
    """Memberships on units closed by `on` (today when omitted), or under such a unit: the
    people `binhdang move-to-successors` proposes to move."""
    return (
        Membership.objects.filter(org_unit__in=OrgUnit.objects.closed(on))
        .select_related("user", "org_unit")
        .order_by("org_unit__path", "user__username", "role")
    )


def move_refusal(actor, move, unit: OrgUnit) -> str | None:
    """Why `actor` may not confirm `move` (a MembershipMove) to `unit`, in the user's
    language; None when allowed. The grant rule applies to the new membership
    (`grant_refusal`) and the removal rule to the old one (`removal_refusal`); a system
    administrator always may."""
    refusal = grant_refusal(actor, role=move.role, scope=move.scope, unit=unit)
    if refusal is not None or actor.is_superuser:
        return refusal
    if move.membership is not None:
        return removal_refusal(actor, move.membership)
    return None


def moves_units_for(actor) -> QuerySet[OrgUnit]:
    """The units whose membership moves `actor` is shown: those where they manage accounts."""
    return units_for(actor, USER_MANAGE)

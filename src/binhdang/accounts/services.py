"""Account changes: each in a transaction, each audited."""

import re

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.formats.text import TextError, clean_text

from .models import TOKEN_MAX_DAYS, ApiToken, Membership, MembershipMove, MoveStatus, User
from .permissions import USER_MANAGE, Role, Scope
from .scoping import grant_refusal, may_manage_user, move_refusal, removal_refusal, require

USERNAME = re.compile(r"[\w.@+-]{1,150}")


class AccountError(Exception):
    """A change that cannot be made; `str(exc)` is a message for the user."""


class GrantRefused(AccountError):
    """The actor may not give this role with this scope on this unit."""


def _text(value: str, max_length: int) -> str:
    try:
        return clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise AccountError(exc.message) from exc


def _checked_account(username: str, full_name: str, email: str) -> tuple[str, str, str]:
    username = _text(username, 150)
    if not USERNAME.fullmatch(username):
        raise AccountError(_("Use letters, digits and . @ + - _ only."))
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("This user name is already taken."))
    full_name = _text(full_name, 200)
    if not full_name:
        raise AccountError(_("Enter the full name."))
    email = _text(email, 254)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise AccountError(_("Enter a valid e-mail address.")) from exc
    return username, full_name, email


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    full_name: str,
    email: str,
    org_unit,
    role: str,
    scope: str,
    request=None,
) -> User:
    """Create a user with one membership on a unit the actor manages, and e-mail a link to
    set a password (no password travels by e-mail).

    404 for a unit outside the actor's user management; AccountError for bad input;
    GrantRefused when the role or scope would exceed what the actor holds
    (`accounts.scoping.grant_refusal`). Nothing is stored when refused."""
    require(actor, USER_MANAGE, org_unit)
    if role not in Role.values or role == Role.ADMIN:
        raise AccountError(_("Choose a role from the list."))
    if scope not in Scope.values:
        raise AccountError(_("Choose a scope from the list."))
    refusal = grant_refusal(actor, role=role, scope=scope, unit=org_unit)
    if refusal is not None:
        raise GrantRefused(refusal)
    from binhdang.orgunits.succession import closed_refusal

    closed = closed_refusal([org_unit])
    if closed is not None:
        raise AccountError(closed)
    username, full_name, email = _checked_account(username, full_name, email)
    user = User.objects.create_user(username=username, email=email, full_name=full_name)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Membership.objects.create(user=user, org_unit=org_unit, role=role, scope=scope)
    record(
        actor=actor,
        action="user.create",
        obj=user,
        org_unit=org_unit,
        changes={"role": role, "scope": scope, "unit": org_unit.name},
    )
    if request is not None and email:
        transaction.on_commit(lambda: send_welcome_email(user, request))
    return user


def send_welcome_email(user: User, request) -> None:
    """A link to set a first password (PasswordResetForm skips users without a usable one)."""
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = "".join(render_to_string("accounts/welcome_subject.txt", context).splitlines())
    body = render_to_string("accounts/welcome_email.txt", context)
    from binhdang.notifications.tasks import send_email

    send_email.enqueue(subject, body, [user.email])


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    """Remove a membership; GrantRefused when `accounts.scoping.removal_refusal` says why not."""
    require(actor, USER_MANAGE, membership.org_unit)
    refusal = removal_refusal(actor, membership)
    if refusal:
        raise GrantRefused(refusal)
    record(
        actor=actor,
        action="membership.delete",
        obj=membership.user,
        org_unit=membership.org_unit,
        changes={"role": membership.role, "unit": membership.org_unit.name},
    )
    membership.delete()


def _token_issue(*, actor, owner: User, name: str, days: int, via: str) -> tuple[ApiToken, str]:
    name = _text(name, 100)
    if not name:
        raise AccountError(_("Give the key a name, for example the program that will use it."))
    if not isinstance(days, int) or not 1 <= days <= TOKEN_MAX_DAYS:
        raise AccountError(_("A key is valid for 1 to %(max)s days.") % {"max": TOKEN_MAX_DAYS})
    api_token, secret = ApiToken.issue_token(owner, name, days)
    record(
        actor=actor,
        action="api_token.create",
        obj=api_token,
        changes={
            "owner": owner.username,
            "name": name,
            "expires_at": api_token.expires_at.isoformat(),
            "via": via,
        },
    )
    return api_token, secret


@transaction.atomic
def token_create(*, actor: User, name: str, days: int) -> tuple[ApiToken, str]:
    """Issue an API key for the actor themself, valid `days` days (1 to TOKEN_MAX_DAYS).
    Returns the stored key and its secret, which is never shown again (only its digest is
    kept)."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise AccountError(_("Sign in to create an API key."))
    return _token_issue(actor=actor, owner=actor, name=name, days=days, via="page")


@transaction.atomic
def token_create_at_command_line(*, owner: User, name: str, days: int) -> tuple[ApiToken, str]:
    """Issue an API key for `owner` from `binhdang create-token`: the server's operator acts,
    so the audit entry has no actor and says where it came from."""
    return _token_issue(actor=None, owner=owner, name=name, days=days, via="command line")


def may_revoke(actor, api_token: ApiToken) -> bool:
    """Its owner, and user managers for users of their units."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    return api_token.user_id == actor.pk or may_manage_user(actor, api_token.user)


@transaction.atomic
def token_revoke(*, actor: User, api_token: ApiToken) -> ApiToken:
    """Stop a key from working from now on. 404 when the actor may not see the key;
    AccountError when it no longer works anyway."""
    if not may_revoke(actor, api_token):
        raise Http404
    api_token = ApiToken.objects.select_for_update().get(pk=api_token.pk)
    if api_token.revoked_at is not None:
        raise AccountError(_("This key was already revoked."))
    api_token.revoked_at = timezone.now()
    api_token.revoked_by = actor
    api_token.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor=actor,
        action="api_token.revoke",
        obj=api_token,
        changes={"owner": api_token.user.username, "name": api_token.name},
    )
    return api_token


# --- Moves across a boundary change --------------------------------------------------------------


@transaction.atomic
def moves_propose(*, on=None) -> list[MembershipMove]:
    """Store a proposal (`MembershipMove`, status proposed) for every membership on a unit
    closed by `on` that has successors and no open proposal yet; nothing moves. Run by
    `binhdang move-to-successors`: the server's operator acts, so the audit entries have no
    actor. Returns the proposals created (running it again creates none)."""
    from .selectors import move_proposals

    created = []
    for proposal in move_proposals(on):
        membership = proposal.membership
        if not proposal.candidates:
            continue
        if MembershipMove.objects.filter(
            membership=membership, status=MoveStatus.PROPOSED
        ).exists():
            continue
        move = MembershipMove.objects.create(
            membership=membership,
            user=membership.user,
            from_unit=membership.org_unit,
            role=membership.role,
            scope=membership.scope,
            proposed_unit=proposal.candidates[0],
        )
        move.candidates.set(proposal.candidates)
        record(
            actor=None,
            action="membership_move.propose",
            obj=membership.user,
            org_unit=membership.org_unit,
            changes={
                "role": membership.role,
                "scope": membership.scope,
                "from": membership.org_unit.name,
                "to": [u.name for u in proposal.candidates],
                "via": "command line",
            },
        )
        created.append(move)
    return created


def _open_move(move: MembershipMove) -> MembershipMove:
    move = MembershipMove.objects.select_for_update().get(pk=move.pk)
    if move.status != MoveStatus.PROPOSED:
        raise AccountError(_("This move was already decided."))
    return move


@transaction.atomic
def move_confirm(*, actor, move: MembershipMove, unit) -> Membership:
    """Move the user to `unit` (one of the move's successor units) with the same role and
    scope: the membership on the closed unit ends (it is removed; the move keeps what it was)
    and one on `unit` begins. GrantRefused when the actor may not give that role there or
    remove the old one (`accounts.scoping.move_refusal`); AccountError for a unit not among
    the successors or a move already decided. Audited."""
    move = _open_move(move)
    if not move.candidates.filter(pk=getattr(unit, "pk", None)).exists():
        raise AccountError(_("Choose one of the units that took over from the closed unit."))
    refusal = move_refusal(actor, move, unit)
    if refusal is not None:
        raise GrantRefused(refusal)
    membership, _created = Membership.objects.get_or_create(
        user=move.user, org_unit=unit, role=move.role, defaults={"scope": move.scope}
    )
    old = move.membership
    if old is not None:
        old.delete()
    move.membership = None
    move.status = MoveStatus.CONFIRMED
    move.moved_to = unit
    move.decided_by = actor
    move.decided_at = timezone.now()
    move.save(update_fields=["membership", "status", "moved_to", "decided_by", "decided_at"])
    record(
        actor=actor,
        action="membership.move",
        obj=move.user,
        org_unit=unit,
        changes={
            "role": move.role,
            "scope": move.scope,
            "from": move.from_unit.name,
            "to": unit.name,
        },
    )
    return membership


@transaction.atomic
def move_reject(*, actor, move: MembershipMove) -> MembershipMove:
    """Leave the membership where it is and close the proposal. Allowed to whoever could
    confirm it to one of its units (`accounts.scoping.move_refusal`). Audited."""
    move = _open_move(move)
    refusals = [move_refusal(actor, move, unit) for unit in move.candidates.all()]
    if refusals and all(refusals):
        raise GrantRefused(refusals[0])
    move.status = MoveStatus.REJECTED
    move.decided_by = actor
    move.decided_at = timezone.now()
    move.save(update_fields=["status", "decided_by", "decided_at"])
    record(
        actor=actor,
        action="membership_move.reject",
        obj=move.user,
        org_unit=move.from_unit,
        changes={"role": move.role, "from": move.from_unit.name},
    )
    return move

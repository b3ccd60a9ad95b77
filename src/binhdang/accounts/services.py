"""Account changes: each in a transaction, each audited."""

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from binhdang.audit.services import record

from .models import Membership, User
from .permissions import USER_MANAGE
from .scoping import require


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
    set a password (no password travels by e-mail)."""
    require(actor, USER_MANAGE, org_unit)
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
    require(actor, USER_MANAGE, membership.org_unit)
    record(
        actor=actor,
        action="membership.delete",
        obj=membership.user,
        org_unit=membership.org_unit,
        changes={"role": membership.role, "unit": membership.org_unit.name},
    )
    membership.delete()

"""Password reset: how many e-mails a request may send, and what a completed reset undoes.

The counts are read from the audit log, where every request is recorded: it is shared by
every gunicorn worker and every app server (the default cache is per process), and it shows
an administrator who asked for whose reset, from where.
"""

from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from binhdang.audit.models import AuditEntry
from binhdang.audit.services import record

REQUEST = "auth.password_reset_request"
WINDOW = timedelta(hours=1)


def password_reset_request(*, email: str, client_address: str | None) -> bool:
    """Record a reset request for `email`; True when its e-mail may be sent: fewer than
    BINHDANG_PASSWORD_RESET_PER_EMAIL sent to that address and fewer than
    BINHDANG_PASSWORD_RESET_PER_CLIENT sent for that client address in the last hour.
    The caller answers the same way either way, so nothing tells whether the account exists."""
    email = email.strip().lower()
    with transaction.atomic():
        sent = AuditEntry.objects.filter(
            action=REQUEST, at__gte=timezone.now() - WINDOW, changes__throttled=False
        )
        allowed = sent.filter(changes__email=email).count() < (
            settings.BINHDANG_PASSWORD_RESET_PER_EMAIL
        ) and (
            client_address is None
            or sent.filter(ip_address=client_address).count()
            < settings.BINHDANG_PASSWORD_RESET_PER_CLIENT
        )
        record(
            actor=None,
            action=REQUEST,
            changes={"email": email, "throttled": not allowed},
            ip_address=client_address,
        )
    return allowed


def password_reset_complete(*, user) -> None:
    """After a new password was set through an e-mailed link: the account's sign-in lock
    is lifted (from every address: whoever holds the mailbox is the account's owner)."""
    with transaction.atomic():
        lifted = axes_reset(username=user.get_username())
        record(actor=user, action="auth.password_reset", obj=user, changes={"unlocked": lifted})

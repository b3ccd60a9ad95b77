"""Sending notifications: in the app, and by e-mail through Django's e-mail backend (sent by
the background worker, see tasks.py)."""

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification


def notify(
    *,
    users: Iterable,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str | None = None,
    email: bool = True,
) -> list[Notification]:
    """Notify each user once. With a `dedupe_key`, a user who already has a notification with
    that key is skipped (the unique constraint decides, so concurrent senders cannot both send).
    E-mail is enqueued after the transaction commits, only for notifications actually created."""
    created = []
    for user in users:
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user, title=title, body=body, url=url, dedupe_key=dedupe_key
                    )
                )
        except IntegrityError:
            continue
    if email:
        recipients = [n.user.email for n in created if n.user.email]
        if recipients:
            link = f"{settings.BINHDANG_BASE_URL}{url}" if url else ""
            message = f"{body}\n\n{link}".strip()

            from .tasks import send_email

            transaction.on_commit(lambda: send_email.enqueue(title, message, recipients))
    return created


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())

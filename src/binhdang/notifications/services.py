"""Sending notifications: in the app, and by e-mail through Django's e-mail backend (sent by
the background worker, see tasks.py)."""

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from binhdang.core.rows import table

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
    recipients = {user.pk: user for user in users}
    created = []
    chunk = list(recipients)
    for start in range(0, len(chunk), INSERT_CHUNK):
        created += _insert_new(
            [recipients[pk] for pk in chunk[start : start + INSERT_CHUNK]],
            title=title, body=body, url=url, dedupe_key=dedupe_key,
        )  # fmt: skip
    if created:
        Notification.changed()
    if email:
        addresses = [n.user.email for n in created if n.user.email]
        if addresses:
            link = f"{settings.BINHDANG_BASE_URL}{url}" if url else ""
            message = f"{body}\n\n{link}".strip()

            from .tasks import send_email

            transaction.on_commit(lambda: send_email.enqueue(title, message, addresses))
    return created


INSERT_CHUNK = 500


def _insert_new(users: list, *, title, body, url, dedupe_key) -> list[Notification]:
    """The notifications of `users` inserted in one statement that skips each user who has
    one with `dedupe_key` already, waiting for a concurrent sender's to commit first
    (`ON CONFLICT DO NOTHING ... RETURNING`); the ones inserted. Where the database cannot
    return the rows inserted, one INSERT in a savepoint per user."""
    now = timezone.now()
    if not connection.features.can_return_rows_from_bulk_insert:
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
        return created
    when = connection.ops.adapt_datetimefield_value(now)
    rows = ", ".join(["(%s, %s, %s, %s, %s, NULL, %s)"] * len(users))
    params = [p for user in users for p in (user.pk, title, body, url, when, dedupe_key)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table(Notification)} (user_id, title, body, url, created_at, read_at, dedupe_key)"  # noqa: S608 - the model's table name
            f" VALUES {rows} ON CONFLICT DO NOTHING RETURNING id, user_id",
            params,
        )
        inserted = cursor.fetchall()
    by_pk = {user.pk: user for user in users}
    created = []
    for pk, user_id in inserted:
        notification = Notification(
            pk=pk, user=by_pk[user_id], title=title, body=body, url=url, created_at=now,
            dedupe_key=dedupe_key,
        )  # fmt: skip
        notification._state.adding, notification._state.db = False, connection.alias
        created.append(notification)
    return created


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())

"""Sending notifications: in the app, and by e-mail through Django's e-mail backend (sent by
the background worker, see tasks.py)."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from binhdang.core.rows import prepared_cursor, table

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
    """Notify each active user once; `users` are users or their ids (an inactive or deleted
    user is skipped, as the database has them when the notification is written). With a
    `dedupe_key`, a user who already has a notification with that key is skipped (the unique
    constraint decides, so concurrent senders cannot both send). E-mail is enqueued after the
    transaction commits, only for notifications actually created."""
    given = {}
    for user in users:
        pk = user if isinstance(user, int) else user.pk
        given.setdefault(pk, None if isinstance(user, int) else user)
    ids = list(given)
    created = []
    for start in range(0, len(ids), INSERT_CHUNK):
        created += _insert_new(
            ids[start : start + INSERT_CHUNK],
            title=title, body=body, url=url, dedupe_key=dedupe_key,
        )  # fmt: skip
    for notification in created:
        if given[notification.user_id] is not None:
            notification.user = given[notification.user_id]
    if created:
        Notification.changed()
    if email and created:
        addresses = _addresses(created, given)
        if addresses:
            link = f"{settings.BINHDANG_BASE_URL}{url}" if url else ""
            message = f"{body}\n\n{link}".strip()

            from .tasks import send_email

            transaction.on_commit(lambda: send_email.enqueue(title, message, addresses))
    return created


INSERT_CHUNK = 500


def _addresses(created: list[Notification], given: dict) -> list[str]:
    """The e-mail addresses of the users notified: of the users given, or read for the ids."""
    unknown = [n.user_id for n in created if given[n.user_id] is None]
    read = dict(
        get_user_model().objects.filter(pk__in=unknown).values_list("pk", "email")
        if unknown
        else []
    )
    found = [
        given[n.user_id].email if given[n.user_id] is not None else read.get(n.user_id, "")
        for n in created
    ]
    return [address for address in found if address]


def _insert_new(user_ids: list[int], *, title, body, url, dedupe_key) -> list[Notification]:
    """The notifications of the active users among `user_ids` inserted in one statement that
    skips each user who has one with `dedupe_key` already, waiting for a concurrent sender's
    to commit first (`INSERT ... SELECT ... ON CONFLICT DO NOTHING ... RETURNING`); the ones
    inserted. Where the database cannot return the rows inserted, one INSERT in a savepoint
    per user."""
    now = timezone.now()
    User = get_user_model()
    if not connection.features.can_return_rows_from_bulk_insert:
        created = []
        for pk in User.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    created.append(
                        Notification.objects.create(
                            user_id=pk, title=title, body=body, url=url, dedupe_key=dedupe_key
                        )
                    )
            except IntegrityError:
                continue
        return created
    when = connection.ops.adapt_datetimefield_value(now)
    marks = ", ".join(["%s"] * len(user_ids))
    with prepared_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table(Notification)} (user_id, title, body, url, created_at, dedupe_key)"  # noqa: S608 - the models' table names
            f" SELECT u.id, %s, %s, %s, %s, %s FROM {table(User)} u"
            f" WHERE u.id IN ({marks}) AND u.is_active"
            " ON CONFLICT DO NOTHING RETURNING id, user_id",
            [title, body, url, when, dedupe_key, *user_ids],
        )
        inserted = cursor.fetchall()
    order = {pk: position for position, pk in enumerate(user_ids)}
    created = []
    for pk, user_id in sorted(inserted, key=lambda row: order[row[1]]):
        notification = Notification(
            pk=pk, user_id=user_id, title=title, body=body, url=url, created_at=now,
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

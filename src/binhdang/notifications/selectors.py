from django.conf import settings

from binhdang.memo import kept

from .models import NOTIFICATIONS_GENERATION, Notification

UNREAD_SECONDS = 3600


# The badge counts a user's unread notifications up to one more than this, and shows "99+"
# beyond: a standing office is told of every report that arrives, 579 a round in Hà Nội, and
# counting them all on every page would cost more with every round.
UNREAD_SHOWN = 99


def unread_count(user) -> int:
    """The user's unread notifications, counted up to UNREAD_SHOWN + 1 (more than UNREAD_SHOWN
    then). With a shared cache the count is kept there under the notifications' generation,
    which every write of a notification counts on."""
    if not user.is_authenticated:
        return 0

    def count():
        unread = Notification.objects.filter(user=user, read_at__isnull=True)
        return unread[: UNREAD_SHOWN + 1].count()

    if not settings.BINHDANG_SHARED_CACHE:
        return count()
    return kept(
        f"notifications:unread:{user.pk}", (NOTIFICATIONS_GENERATION,), count, UNREAD_SECONDS
    )


def notifications_for(user):
    return Notification.objects.filter(user=user)

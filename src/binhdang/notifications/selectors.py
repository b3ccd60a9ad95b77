from django.conf import settings

from binhdang.memo import kept

from .models import NOTIFICATIONS_GENERATION, Notification

UNREAD_SECONDS = 3600


def unread_count(user) -> int:
    """The user's unread notifications. With a shared cache the count is kept there under the
    notifications' generation, which every write of a notification counts on."""
    if not user.is_authenticated:
        return 0

    def count():
        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    if not settings.BINHDANG_SHARED_CACHE:
        return count()
    return kept(
        f"notifications:unread:{user.pk}", (NOTIFICATIONS_GENERATION,), count, UNREAD_SECONDS
    )


def notifications_for(user):
    return Notification.objects.filter(user=user)

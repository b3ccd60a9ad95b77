from django.conf import settings
from django.core.cache import cache

from binhdang.memo import generations

from .models import NOTIFICATIONS_GENERATION, Notification

UNREAD_SECONDS = 3600


def unread_count(user) -> int:
    """The user's unread notifications. With a shared cache the count is kept there under the
    notifications' generation, which every write of a notification counts on."""
    if not user.is_authenticated:
        return 0
    key = None
    if settings.BINHDANG_SHARED_CACHE:
        key = f"notifications:unread:{user.pk}:{generations(NOTIFICATIONS_GENERATION)[0]}"
        count = cache.get(key)
        if count is not None:
            return count
    count = Notification.objects.filter(user=user, read_at__isnull=True).count()
    if key is not None:
        cache.set(key, count, UNREAD_SECONDS)
    return count


def notifications_for(user):
    return Notification.objects.filter(user=user)

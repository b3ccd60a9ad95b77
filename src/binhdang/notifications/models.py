from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from binhdang.memo import CountedModel, generation

# The generation of the notifications: the unread counts kept in the shared cache are kept
# under it (`selectors.unread_count`), and every write of a notification counts it on.
NOTIFICATIONS_GENERATION = generation("notifications:generation")


def notifications_changed() -> None:
    from binhdang.memo import next_generation

    next_generation(NOTIFICATIONS_GENERATION)


class Notification(CountedModel):
    """An in-app message to one user. `dedupe_key` makes a send idempotent: the same reminder
    step for the same user can be inserted only once, even by two concurrent senders."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)

    changed = staticmethod(notifications_changed)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_dedupe")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title

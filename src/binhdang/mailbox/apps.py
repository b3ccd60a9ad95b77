from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    name = "binhdang.mailbox"
    label = "mailbox"
    verbose_name = _("Soft-copy mailbox")

    def ready(self) -> None:
        from binhdang.core.periodic import PeriodicJob, register_periodic
        from binhdang.core.registry import NavEntry, register_nav, register_permissions

        from .permissions import MAILBOX_TRIAGE, PERMISSIONS
        from .receivers import poll_if_configured

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Soft-copy mailbox"), "mailbox:list", MAILBOX_TRIAGE, 35))
        register_periodic(
            PeriodicJob("mailbox-poll", poll_if_configured, "BINHDANG_MAILBOX_POLL_EVERY")
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "binhdang.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from binhdang.accounts.permissions import AUDIT_VIEW
        from binhdang.core.registry import NavEntry, register_nav

        register_nav(NavEntry(_("Audit log"), "audit:list", AUDIT_VIEW, order=95))

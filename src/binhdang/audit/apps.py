from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "binhdang.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from binhdang.core.registry import NavEntry, register_nav, register_permissions

        from .permissions import AUDIT_VIEW, PERMISSIONS

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Audit log"), "audit:list", AUDIT_VIEW, order=95))

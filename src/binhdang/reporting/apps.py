from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "binhdang.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_work_provider,
        )

        from .permissions import PERMISSIONS, ROUND_VIEW
        from .views import work_items

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Reporting rounds"), "reporting:list", ROUND_VIEW, 30))
        register_work_provider(work_items)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CfawConfig(AppConfig):
    name = "binhdang.cfaw"
    label = "cfaw"
    verbose_name = _("Committees for the Advancement of Women")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from .permissions import CFAW_VIEW, PERMISSIONS
        from .sections import CFAW_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(
            NavEntry(
                _("Committees for the Advancement of Women"), "cfaw:index", CFAW_VIEW, order=61
            )
        )
        register_report_section(CFAW_SECTION)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MainstreamingConfig(AppConfig):
    name = "binhdang.mainstreaming"
    label = "mainstreaming"
    verbose_name = _("Gender mainstreaming")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_figure,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from .figures import ASSESSED
        from .permissions import MAINSTREAMING_VIEW, PERMISSIONS
        from .report_section import MAINSTREAMING_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(
            NavEntry(_("Mainstreaming"), "mainstreaming:list", MAINSTREAMING_VIEW, order=62)
        )
        register_report_section(MAINSTREAMING_SECTION)
        register_figure(ASSESSED)

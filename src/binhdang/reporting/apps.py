from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "binhdang.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from binhdang.accounts.permissions import ROUND_VIEW
        from binhdang.core.registry import NavEntry, register_nav, register_work_provider

        from . import rules
        from .views import work_items

        rules.register()
        register_nav(NavEntry(_("Reporting rounds"), "reporting:list", ROUND_VIEW, 30))
        register_work_provider(work_items)

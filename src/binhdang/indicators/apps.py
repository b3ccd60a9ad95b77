from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "binhdang.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from binhdang.accounts.permissions import INDICATOR_VIEW
        from binhdang.core.registry import NavEntry, register_nav, register_work_provider

        from .work import assessments_due

        register_nav(NavEntry(_("Indicators"), "indicators:index", INDICATOR_VIEW, 40))
        register_work_provider(assessments_due)

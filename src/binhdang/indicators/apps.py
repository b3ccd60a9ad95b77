from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "binhdang.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
            register_work_provider,
        )

        from .permissions import INDICATOR_VIEW, PERMISSIONS
        from .report_section import INDICATORS_SECTION
        from .work import assessments_due

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Indicators"), "indicators:index", INDICATOR_VIEW, 40))
        register_work_provider(assessments_due)
        register_report_section(INDICATORS_SECTION)

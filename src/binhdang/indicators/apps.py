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

        from .models import ASSESSMENTS_GENERATION, FIGURES_GENERATION
        from .permissions import INDICATOR_VIEW, PERMISSIONS
        from .report_section import INDICATORS_SECTION
        from .work import assessments_due

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Indicators"), "indicators:index", INDICATOR_VIEW, 40))
        # Its items follow the indicators (their lead units, levels, activity) and the
        # assessments written; the units' levels follow the unit tree, part of the scope's.
        register_work_provider(
            assessments_due, kept_under=(ASSESSMENTS_GENERATION, FIGURES_GENERATION)
        )
        register_report_section(INDICATORS_SECTION)

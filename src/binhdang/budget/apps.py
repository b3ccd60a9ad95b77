from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "binhdang.budget"
    label = "budget"
    verbose_name = _("Budget for gender equality")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_figure,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from .figures import SPENT
        from .permissions import BUDGET_VIEW, PERMISSIONS
        from .report_section import BUDGET_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Budget"), "budget:list", BUDGET_VIEW, order=60))
        register_report_section(BUDGET_SECTION)
        register_figure(SPENT)

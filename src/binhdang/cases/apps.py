from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "binhdang.cases"
    label = "cases"
    verbose_name = _("Case coordination")

    def ready(self) -> None:
        from binhdang.core.periodic import PeriodicJob, register_periodic
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
            register_work_provider,
        )

        from . import rules
        from .permissions import CASE_STATISTICS, CASE_VIEW, PERMISSIONS
        from .report_section import CASES_SECTION
        from .services import run_alerts
        from .work import case_work

        register_permissions(self.label, PERMISSIONS)
        rules.register()
        register_nav(
            NavEntry(_("Cases"), "cases:index", CASE_VIEW, order=60,
                     visible_to=rules.may_see_any_case)
        )  # fmt: skip
        register_nav(
            NavEntry(_("Case statistics"), "cases:statistics", CASE_STATISTICS, order=61,
                     visible_to=partial(rules.may_see_any_case, permission=CASE_STATISTICS))
        )  # fmt: skip
        register_work_provider(case_work)
        register_report_section(CASES_SECTION)
        register_periodic(PeriodicJob("case-alerts", run_alerts, "BINHDANG_CASE_ALERTS_EVERY"))
        from . import figures

        figures.register()

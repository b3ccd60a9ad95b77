from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "binhdang.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from binhdang.core.periodic import PeriodicJob, register_periodic
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_work_provider,
        )
        from binhdang.documents.kinds import register_kind

        from . import rules
        from .document_kind import SUBMISSION
        from .models import EXPECTED_GENERATION, ROUNDS_GENERATION, SUBMISSIONS_GENERATION
        from .permissions import PERMISSIONS, ROUND_VIEW
        from .tasks import enqueue_reminders
        from .views import work_items

        register_permissions(self.label, PERMISSIONS)
        rules.register()
        register_nav(NavEntry(_("Reporting rounds"), "reporting:list", ROUND_VIEW, 30))
        # Its items follow the rounds, the units they expect and the reports' statuses.
        register_work_provider(
            work_items,
            kept_under=(ROUNDS_GENERATION, EXPECTED_GENERATION, SUBMISSIONS_GENERATION),
        )
        register_kind(SUBMISSION)
        # Reminders are due at most every few minutes; each step reaches each user once.
        register_periodic(PeriodicJob("reminders", enqueue_reminders, "BINHDANG_REMINDERS_EVERY"))

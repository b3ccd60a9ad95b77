from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "binhdang.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from binhdang.core.periodic import PeriodicJob, register_periodic
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_work_provider,
        )
        from binhdang.reporting.models import ROUNDS_GENERATION

        from .jobs import recover_stale
        from .kinds import register_kind
        from .models import DOCUMENTS_GENERATION
        from .permissions import PERMISSIONS, REPORT_CONSOLIDATE, REPORT_SIGN
        from .report_kind import REPORT
        from .work import reports_to_finish

        register_permissions(self.label, PERMISSIONS)
        # Consolidated reports are the standing office's and the leaders' work; a commune
        # reporter would only find an empty list there.
        register_nav(
            NavEntry(_("Reports"), "documents:list", (REPORT_CONSOLIDATE, REPORT_SIGN), 60)
        )
        # Its items follow the reports' statuses and dates and their rounds' titles, deadlines
        # and owner units.
        register_work_provider(
            reports_to_finish, kept_under=(DOCUMENTS_GENERATION, ROUNDS_GENERATION)
        )
        register_kind(REPORT)
        # A job whose worker died (its heartbeat stopped) is retried once, then failed.
        register_periodic(PeriodicJob("stale-documents", recover_stale, "BINHDANG_JOB_CHECK_EVERY"))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "binhdang.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_work_provider,
        )

        from .permissions import PERMISSIONS, REPORT_CONSOLIDATE, REPORT_SIGN
        from .work import reports_to_finish

        register_permissions(self.label, PERMISSIONS)
        # Consolidated reports are the standing office's and the leaders' work; a commune
        # reporter would only find an empty list there.
        register_nav(
            NavEntry(_("Reports"), "documents:list", (REPORT_CONSOLIDATE, REPORT_SIGN), 60)
        )
        register_work_provider(reports_to_finish)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceModelsConfig(AppConfig):
    name = "binhdang.servicemodels"
    label = "servicemodels"
    verbose_name = _("Service models")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_figure,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from .figure_registry import FIGURES
        from .permissions import PERMISSIONS, SERVICEMODEL_VIEW
        from .sections import SERVICEMODELS_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(
            NavEntry(_("Service models"), "servicemodels:list", SERVICEMODEL_VIEW, order=45)
        )
        register_report_section(SERVICEMODELS_SECTION)
        for item in FIGURES:
            register_figure(item)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmpowermentConfig(AppConfig):
    name = "binhdang.empowerment"
    label = "empowerment"
    verbose_name = _("Women's economic empowerment")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_figure,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from .figure_registry import FIGURES
        from .permissions import EMPOWERMENT_VIEW, PERMISSIONS
        from .sections import EMPOWERMENT_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(
            NavEntry(_("Economic empowerment"), "empowerment:list", EMPOWERMENT_VIEW, order=46)
        )
        register_report_section(EMPOWERMENT_SECTION)
        for item in FIGURES:
            register_figure(item)

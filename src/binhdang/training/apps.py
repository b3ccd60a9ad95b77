from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "binhdang.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from . import figures
        from .permissions import PERMISSIONS, TRAINING_VIEW
        from .report_section import TRAINING_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Training"), "training:list", TRAINING_VIEW, order=46))
        register_report_section(TRAINING_SECTION)
        figures.register()

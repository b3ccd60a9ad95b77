from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldVisitsConfig(AppConfig):
    name = "tests.plugin_app"
    label = "field_visits"
    verbose_name = _("Field visits")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
            register_work_provider,
        )

        from .permissions import PERMISSIONS, VISIT_RECORD
        from .sections import VISITS_SECTION
        from .work import visits_to_record

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Field visits"), "field_visits:index", VISIT_RECORD, order=70))
        register_work_provider(visits_to_record)
        register_report_section(VISITS_SECTION)

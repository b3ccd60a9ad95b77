from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "binhdang.leadership"
    label = "leadership"
    verbose_name = _("Women in leadership")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from .permissions import LEADERSHIP_VIEW, PERMISSIONS
        from .sections import LEADERSHIP_SECTION

        register_permissions(self.label, PERMISSIONS)
        register_nav(
            NavEntry(_("Women in leadership"), "leadership:index", LEADERSHIP_VIEW, order=60)
        )
        register_report_section(LEADERSHIP_SECTION)
        from binhdang.accounts.scoping import register_record_rule

        from . import figures
        from .models import Leader
        from .permissions import PEOPLE_VIEW
        from .rules import people_rule

        figures.register()
        register_record_rule(Leader, PEOPLE_VIEW, people_rule)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "binhdang.communication"
    label = "communication"
    verbose_name = _("Communication")

    def ready(self) -> None:
        from binhdang.accounts.scoping import register_record_rule
        from binhdang.core.periodic import PeriodicJob, register_periodic
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
        )

        from . import figures
        from .models import Campaign
        from .permissions import COMMUNICATION_VIEW, PERMISSIONS
        from .report_section import COMMUNICATION_SECTION
        from .rules import campaign_rule
        from .services import ensure_recurring_campaigns

        register_permissions(self.label, PERMISSIONS)
        register_record_rule(Campaign, COMMUNICATION_VIEW, campaign_rule)
        register_nav(
            NavEntry(_("Communication"), "communication:list", COMMUNICATION_VIEW, order=45)
        )
        register_report_section(COMMUNICATION_SECTION)
        # Each run only checks that this year's campaigns exist: as often as the reminders.
        register_periodic(
            PeriodicJob(
                "recurring-campaigns", ensure_recurring_campaigns, "BINHDANG_REMINDERS_EVERY"
            )
        )
        figures.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "binhdang.inspections"
    label = "inspections"
    verbose_name = _("Inspections and complaints")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed

        from binhdang.accounts.scoping import register_record_rule
        from binhdang.core.periodic import PeriodicJob, register_periodic
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_report_section,
            register_work_provider,
        )

        from .models import INSPECTIONS_GENERATION, ComplainantIdentity, Complaint, handlers_changed
        from .permissions import COMPLAINT_IDENTITY, INSPECTION_VIEW, PERMISSIONS
        from .report_section import INSPECTIONS_SECTION
        from .rules import identity_rule
        from .tasks import enqueue_reminders
        from .work import complaint_steps, follow_up_items

        register_permissions(self.label, PERMISSIONS)
        register_record_rule(ComplainantIdentity, COMPLAINT_IDENTITY, identity_rule)
        register_nav(NavEntry(_("Inspections"), "inspections:list", INSPECTION_VIEW, order=64))
        # A complaint's handlers are written through the M2M, not the complaints' QuerySet.
        m2m_changed.connect(
            handlers_changed,
            sender=Complaint.handlers.through,
            dispatch_uid="inspections_handlers_changed",
        )
        # Their items follow the complaints and their handlers, the inspections and their
        # follow-up items (and the user's scope: the units, memberships and users).
        register_work_provider(complaint_steps, kept_under=(INSPECTIONS_GENERATION,))
        register_work_provider(follow_up_items, kept_under=(INSPECTIONS_GENERATION,))
        register_report_section(INSPECTIONS_SECTION)
        register_periodic(
            PeriodicJob("complaint-reminders", enqueue_reminders, "BINHDANG_REMINDERS_EVERY")
        )

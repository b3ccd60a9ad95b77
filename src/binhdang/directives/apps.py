from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "binhdang.directives"
    label = "directives"
    verbose_name = _("Directives")

    def ready(self) -> None:
        from binhdang.core.registry import (
            NavEntry,
            register_nav,
            register_permissions,
            register_work_provider,
        )
        from binhdang.documents.kinds import register_kind
        from binhdang.reporting.models import ROUNDS_GENERATION, SUBMISSIONS_GENERATION

        from .document_kind import DIRECTIVE
        from .models import DIRECTIVES_GENERATION
        from .permissions import DIRECTIVE_VIEW, PERMISSIONS
        from .work import open_task_assignments, tasks_of_closed_units

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Directives"), "directives:list", DIRECTIVE_VIEW, order=20))
        # The open tasks follow the directives, tasks and assignments, and, for a task that
        # asks for a report, the round and the unit's report in it; the tasks of closed units
        # follow the register alone (and the unit tree, part of the user's scope).
        register_work_provider(
            open_task_assignments,
            kept_under=(DIRECTIVES_GENERATION, ROUNDS_GENERATION, SUBMISSIONS_GENERATION),
        )
        register_work_provider(tasks_of_closed_units, kept_under=(DIRECTIVES_GENERATION,))
        register_kind(DIRECTIVE)

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

        from .document_kind import DIRECTIVE
        from .permissions import DIRECTIVE_VIEW, PERMISSIONS
        from .work import open_task_assignments, tasks_of_closed_units

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Directives"), "directives:list", DIRECTIVE_VIEW, order=20))
        register_work_provider(open_task_assignments)
        register_work_provider(tasks_of_closed_units)
        register_kind(DIRECTIVE)

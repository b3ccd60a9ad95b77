"""The permissions of directives and their tasks, and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

DIRECTIVE_VIEW = "directive.view"
DIRECTIVE_MANAGE = "directive.manage"
TASK_UPDATE = "task.update"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    DIRECTIVE_VIEW: EVERY_ROLE,
    DIRECTIVE_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE),
    TASK_UPDATE: (Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
}

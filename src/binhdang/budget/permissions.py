"""The permissions of the budget records and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

BUDGET_VIEW = "budget.view"
BUDGET_EDIT = "budget.edit"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    BUDGET_VIEW: EVERY_ROLE,
    BUDGET_EDIT: (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
}

"""The permissions of strategy indicators, and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

INDICATOR_VIEW = "indicator.view"
INDICATOR_ENTER = "indicator.enter"
INDICATOR_ASSESS = "indicator.assess"
INDICATOR_MANAGE = "indicator.manage"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    INDICATOR_VIEW: EVERY_ROLE,
    INDICATOR_ENTER: (Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
    INDICATOR_ASSESS: (Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
    INDICATOR_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE),
}

"""The permissions of the unit tree and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

ORGUNIT_VIEW = "orgunit.view"
ORGUNIT_MANAGE = "orgunit.manage"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    ORGUNIT_VIEW: EVERY_ROLE,
    ORGUNIT_MANAGE: (Role.ADMIN,),
}

"""The permissions of the gender-mainstreaming records and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

MAINSTREAMING_VIEW = "mainstreaming.view"
MAINSTREAMING_EDIT = "mainstreaming.edit"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    MAINSTREAMING_VIEW: EVERY_ROLE,
    MAINSTREAMING_EDIT: (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
}

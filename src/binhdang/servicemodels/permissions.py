"""The permissions of the service-model register, and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`). A model's contact (phone,
address, contact person) is for the people who refer victims to it: the standing office over
its subtree and the managing unit's own staff; everyone else reading the register sees it
masked."""

from binhdang.accounts.permissions import EVERY_ROLE, UNIT_RECORDERS, Role

SERVICEMODEL_VIEW = "servicemodel.view"
SERVICEMODEL_RECORD = "servicemodel.record"
SERVICEMODEL_CONTACT_VIEW = "servicemodel.contact.view"
SERVICEMODEL_MANAGE = "servicemodel.manage"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    SERVICEMODEL_VIEW: EVERY_ROLE,
    SERVICEMODEL_RECORD: UNIT_RECORDERS,
    SERVICEMODEL_CONTACT_VIEW: (Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
    SERVICEMODEL_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE),
}

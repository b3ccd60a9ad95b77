"""The permissions of the economic-empowerment records, and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, UNIT_RECORDERS

EMPOWERMENT_VIEW = "empowerment.view"
EMPOWERMENT_RECORD = "empowerment.record"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    EMPOWERMENT_VIEW: EVERY_ROLE,
    EMPOWERMENT_RECORD: UNIT_RECORDERS,
}

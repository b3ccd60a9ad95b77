"""The permission to read the audit log and the roles holding it.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import Role

AUDIT_VIEW = "audit.view"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    AUDIT_VIEW: (Role.ADMIN,),
}

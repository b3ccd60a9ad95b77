"""The permissions of consolidated reports, and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import Role

REPORT_CONSOLIDATE = "report.consolidate"
REPORT_SIGN = "report.sign"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    REPORT_CONSOLIDATE: (Role.ADMIN, Role.STANDING_OFFICE),
    REPORT_SIGN: (Role.LEADER,),
}

"""The permissions of inspections, complaints and denunciations, and the roles holding them.

The identity of a complainant or denouncer is read under `COMPLAINT_IDENTITY`, and only by the
complaint's handlers (a record rule, rules.py). Registered in the app's AppConfig.ready()."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

INSPECTION_VIEW = "inspection.view"
INSPECTION_EDIT = "inspection.edit"
COMPLAINT_VIEW = "complaint.view"
COMPLAINT_HANDLE = "complaint.handle"
COMPLAINT_IDENTITY = "complaint.identity"

HANDLERS = (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER)

PERMISSIONS: dict[str, tuple[str, ...]] = {
    INSPECTION_VIEW: EVERY_ROLE,
    INSPECTION_EDIT: (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
    # Viewers do not read complaints: a complaint names people and what they are accused of.
    COMPLAINT_VIEW: (*HANDLERS, Role.LEADER),
    COMPLAINT_HANDLE: HANDLERS,
    COMPLAINT_IDENTITY: HANDLERS,
}

"""The permissions of communication records, and the roles holding them.

A unit records its own activities (its reporters and head, and the standing office, which
also reads and records for its whole subtree when its membership covers it). Everyone placed
on a unit reads its records. Registered in the app's AppConfig.ready()."""

from binhdang.accounts.permissions import EVERY_ROLE, UNIT_RECORDERS, Role

COMMUNICATION_VIEW = "communication.view"
COMMUNICATION_EDIT = "communication.edit"
CAMPAIGN_MANAGE = "campaign.manage"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    COMMUNICATION_VIEW: EVERY_ROLE,
    COMMUNICATION_EDIT: UNIT_RECORDERS,
    CAMPAIGN_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE),
}

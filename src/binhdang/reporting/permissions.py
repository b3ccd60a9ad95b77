"""The permissions of reporting rounds and submissions, and the roles holding them.

Registered in the app's AppConfig.ready() (`register_permissions`)."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

ROUND_VIEW = "round.view"
ROUND_MANAGE = "round.manage"
SUBMISSION_VIEW = "submission.view"
SUBMISSION_EDIT = "submission.edit"
SUBMISSION_APPROVE = "submission.approve"
SUBMISSION_REVIEW = "submission.review"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    ROUND_VIEW: EVERY_ROLE,
    ROUND_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE),
    SUBMISSION_VIEW: EVERY_ROLE,
    SUBMISSION_EDIT: (Role.UNIT_HEAD, Role.REPORTER),
    SUBMISSION_APPROVE: (Role.UNIT_HEAD,),
    SUBMISSION_REVIEW: (Role.ADMIN, Role.STANDING_OFFICE),
}

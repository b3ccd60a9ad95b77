"""The permissions of training records, and the roles holding them: a unit records its own
courses (reporters, head, standing office); everyone placed on a unit reads them."""

from binhdang.accounts.permissions import EVERY_ROLE, Role

TRAINING_VIEW = "training.view"
TRAINING_EDIT = "training.edit"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    TRAINING_VIEW: EVERY_ROLE,
    TRAINING_EDIT: (Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
}

"""The permissions of training records, and the roles holding them: a unit records its own
courses (reporters, head, standing office); everyone placed on a unit reads them."""

from binhdang.accounts.permissions import EVERY_ROLE, UNIT_RECORDERS

TRAINING_VIEW = "training.view"
TRAINING_EDIT = "training.edit"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    TRAINING_VIEW: EVERY_ROLE,
    TRAINING_EDIT: UNIT_RECORDERS,
}

"""The permission of the soft-copy mailbox: the standing office (and the administrator) reads
the messages received for its rounds and decides those the mailbox could not place."""

from binhdang.accounts.permissions import Role

MAILBOX_TRIAGE = "mailbox.triage"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    MAILBOX_TRIAGE: (Role.ADMIN, Role.STANDING_OFFICE),
}

"""/api/v1/mailbox/: the messages received for the rounds of the user's office (read only)."""

from datetime import datetime

from ninja import Router, Schema

from . import selectors

router = Router(tags=["mailbox"])
PREFIX = "mailbox"


class FileOut(Schema):
    name: str
    size: int
    sha256: str
    status: str
    refusal: str


class MessageOut(Schema):
    id: int
    received_at: datetime
    sender: str
    subject: str
    sha256: str
    status: str
    reason: str
    round_slug: str | None
    unit_id: int | None
    unit_name: str | None
    files: list[FileOut]


@router.get("/messages", response=list[MessageOut])
def messages(request, status: str | None = None):
    """The messages (newest first, at most 200); `status` = triage | attached | assigned | rejected."""
    rows = selectors.messages_for(request.user, status).prefetch_related("files")[:200]
    return [
        MessageOut(
            id=m.pk,
            received_at=m.received_at,
            sender=m.sender,
            subject=m.subject,
            sha256=m.sha256,
            status=m.status,
            reason=m.reason,
            round_slug=m.round.slug if m.round else None,
            unit_id=m.org_unit_id,
            unit_name=m.org_unit.name if m.org_unit else None,
            files=[
                FileOut(
                    name=f.name, size=f.size, sha256=f.sha256, status=f.status, refusal=f.refusal
                )
                for f in m.files.all()
            ],
        )
        for m in rows
    ]

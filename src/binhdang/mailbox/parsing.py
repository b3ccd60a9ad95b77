"""Reading a raw message: who sent it, to which addresses, its subject and its files."""

import hashlib
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from binhdang.formats.text import nfc

ADDRESS_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")


@dataclass
class Part:
    index: int
    name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class Parsed:
    sender: str
    sender_name: str
    recipients: list[str]
    subject: str
    message_id: str
    parts: list[Part] = field(default_factory=list)
    # Sent by a program (an auto-reply, a bounce, a list): never answered (RFC 3834).
    automatic: bool = False


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name, "")
    except (ValueError, TypeError, IndexError):
        return ""
    return nfc(str(value or "")).strip()


def _addresses(message: EmailMessage, name: str) -> list[str]:
    try:
        values = message.get_all(name) or []
    except (ValueError, TypeError, IndexError):
        return []
    return [addr.strip().lower() for _name, addr in getaddresses([str(v) for v in values]) if addr]


def attachments(message: EmailMessage) -> list[Part]:
    """Every part with a file name (attached or inline), in the order of the message."""
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        try:
            filename = part.get_filename()
        except (ValueError, TypeError, IndexError):
            filename = None
        if not filename:
            continue
        content = part.get_payload(decode=True) or b""
        parts.append(Part(index=len(parts), name=nfc(filename).strip(), content=content))
    return parts


def parse(raw: bytes, envelope_recipients: list[str] | None = None) -> Parsed:
    """The fields the mailbox matches on. Never raises on a malformed message: what cannot be
    read is left empty."""
    message = message_from_bytes(raw, policy=policy.default)
    name, sender = parseaddr(_header(message, "From"))
    recipients = []
    for address in [
        *(envelope_recipients or []),
        *sum((_addresses(message, h) for h in ADDRESS_HEADERS), []),
    ]:
        address = address.strip().lower()
        if address and address not in recipients:
            recipients.append(address)
    return Parsed(
        sender=sender.strip().lower(),
        sender_name=nfc(name).strip()[:300],
        recipients=recipients,
        subject=_header(message, "Subject")[:500],
        message_id=_header(message, "Message-ID")[:500],
        parts=attachments(message),
        automatic=_automatic(message, sender),
    )


def _automatic(message: EmailMessage, sender: str) -> bool:
    auto = _header(message, "Auto-Submitted").lower()
    precedence = _header(message, "Precedence").lower()
    local = sender.split("@")[0].lower()
    return (
        (auto != "" and auto != "no")
        or precedence in {"bulk", "junk", "list"}
        or bool(_header(message, "List-Id"))
        or local in {"mailer-daemon", "postmaster", "noreply", "no-reply"}
    )

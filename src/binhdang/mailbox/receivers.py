"""The two ways messages arrive: polling an IMAP mailbox (imap-tools), or an SMTP endpoint
(aiosmtpd) that the mail server forwards the soft-copy address to. Both hand the raw bytes to
`services.receive`; a message is marked in the IMAP mailbox (keyword `BinhDangReceived`) only
after it is stored, so a failure leaves it for the next poll."""

import logging
import ssl

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connection
from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted

from .matching import rounds_named
from .models import MailMessage
from .services import receive

log = logging.getLogger(__name__)

KEYWORD = "BinhDangReceived"


def _tls_context() -> ssl.SSLContext:
    """Certificates checked, host name included; against BINHDANG_MAILBOX_IMAP_CA_FILE when
    set, else the system's trust store."""
    return ssl.create_default_context(cafile=settings.BINHDANG_MAILBOX_IMAP_CA_FILE or None)


def imap_connection():
    host, port = settings.BINHDANG_MAILBOX_IMAP_HOST, settings.BINHDANG_MAILBOX_IMAP_PORT
    mode = settings.BINHDANG_MAILBOX_IMAP_TLS
    if mode == "none":
        box = MailBoxUnencrypted(host, port, timeout=60)
    elif mode == "starttls":
        box = MailBoxStartTls(host, port, timeout=60, ssl_context=_tls_context())
    else:
        box = MailBox(host, port, timeout=60, ssl_context=_tls_context())
    return box.login(
        settings.BINHDANG_MAILBOX_IMAP_USER,
        settings.BINHDANG_MAILBOX_IMAP_PASSWORD,
        initial_folder=settings.BINHDANG_MAILBOX_IMAP_FOLDER,
    )


def _own_address() -> list[str]:
    address = settings.BINHDANG_MAILBOX_ADDRESS or settings.BINHDANG_MAILBOX_IMAP_USER
    return [address.lower()] if "@" in address else []


def poll_imap() -> list[MailMessage]:
    """Receive every message of the mailbox not yet marked; returns those newly stored."""
    stored = []
    with imap_connection() as box:
        for uid in box.uids(AND(no_keyword=KEYWORD)):
            status, data = box.client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in data or [] if isinstance(item, tuple)), None)
            if status != "OK" or raw is None:
                log.warning("mailbox: could not fetch message %s", uid)
                continue
            try:
                outcome = receive(raw, via=MailMessage.Via.IMAP, envelope_recipients=_own_address())
            except Exception:
                log.exception("mailbox: message %s not stored; tried again at the next poll", uid)
                continue
            box.client.uid("STORE", uid, "+FLAGS", f"({KEYWORD})")
            if outcome.created:
                stored.append(outcome.message)
    return stored


def poll_if_configured() -> int:
    """The periodic job: polls when BINHDANG_MAILBOX_MODE is "imap"."""
    if settings.BINHDANG_MAILBOX_MODE != "imap":
        return 0
    return len(poll_imap())


def _in_own_connection(function):
    """Run a database call from the SMTP server's thread, closing its connection after (the
    endpoint waits for mail for days; a connection kept open that long goes stale)."""

    def call(*args):
        close_old_connections()
        try:
            return function(*args)
        finally:
            connection.close()

    return call


@_in_own_connection
def _is_soft_copy_address(address: str) -> bool:
    return rounds_named([address.lower()]).exists()


@_in_own_connection
def _receive_smtp(raw: bytes, recipients: list[str]) -> MailMessage:
    return receive(raw, via=MailMessage.Via.SMTP, envelope_recipients=recipients).message


class SoftCopyHandler:
    """aiosmtpd handler: accepts mail for addresses a reporting round names, refuses the rest
    at RCPT (the sending server then tells its user), and stores each message before saying
    250, so a message the server accepted is never lost."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not await sync_to_async(_is_soft_copy_address, thread_sensitive=True)(address):
            return "550 5.1.1 No reporting round uses this address"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        try:
            await sync_to_async(_receive_smtp, thread_sensitive=True)(
                raw, [a.lower() for a in envelope.rcpt_tos]
            )
        except Exception:
            log.exception("mailbox: message from %s not stored", envelope.mail_from)
            return "451 4.3.0 Message not stored, try again later"
        return "250 2.0.0 Message received"


def smtp_controller(host: str | None = None, port: int | None = None):
    """An aiosmtpd Controller running the handler in its own thread (start()/stop())."""
    from aiosmtpd.controller import Controller

    return Controller(
        SoftCopyHandler(),
        hostname=host or settings.BINHDANG_MAILBOX_SMTP_HOST,
        port=port if port is not None else settings.BINHDANG_MAILBOX_SMTP_PORT,
        data_size_limit=settings.BINHDANG_MAILBOX_MAX_BYTES,
        decode_data=False,
    )

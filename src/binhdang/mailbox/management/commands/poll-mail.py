"""`binhdang poll-mail`: read the soft-copy IMAP mailbox once (the worker does it periodically)."""

from django.core.management.base import BaseCommand

from binhdang.mailbox.models import MessageStatus
from binhdang.mailbox.receivers import poll_imap


class Command(BaseCommand):
    help = "Receive the messages waiting in the soft-copy IMAP mailbox."

    def handle(self, *args, **options):
        stored = poll_imap()
        attached = sum(1 for m in stored if m.status == MessageStatus.ATTACHED)
        self.stdout.write(
            f"{len(stored)} new message(s): {attached} attached, {len(stored) - attached} to triage"
        )

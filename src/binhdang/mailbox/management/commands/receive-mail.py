"""`binhdang receive-mail`: the soft-copy SMTP endpoint, until interrupted."""

import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from binhdang.mailbox.receivers import smtp_controller


class Command(BaseCommand):
    help = "Receive soft copies by SMTP on BINHDANG_MAILBOX_SMTP_HOST:BINHDANG_MAILBOX_SMTP_PORT."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.listening = threading.Event()
        self.stop = threading.Event()  # set by Ctrl+C, or by whoever runs the command in a thread

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None)
        parser.add_argument("--port", type=int, default=None)

    def handle(self, *args, host=None, port=None, **options):
        controller = smtp_controller(host, port)
        controller.start()
        self.stdout.write(
            f"Receiving soft copies on {host or settings.BINHDANG_MAILBOX_SMTP_HOST}:"
            f"{port if port is not None else settings.BINHDANG_MAILBOX_SMTP_PORT} (Ctrl+C stops)"
        )
        self.listening.set()
        try:
            while not self.stop.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from binhdang.cases import crypto
from binhdang.cases.services import rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every case value under the first case key (BINHDANG_CASE_KEYS or the key "
        "file). With --new-key, first put a fresh key at the head of the key file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="add a new key to the key file")

    def handle(self, *args, new_key, **options):
        if new_key:
            if settings.BINHDANG_CASE_KEYS or not settings.BINHDANG_CASE_KEY_FILE:
                raise CommandError(
                    "--new-key writes the key file (BINHDANG_CASE_KEY_FILE); with "
                    "BINHDANG_CASE_KEYS put the new key first in the variable instead."
                )
            crypto.add_key_to_file(Path(settings.BINHDANG_CASE_KEY_FILE))
        crypto.reset_keys()
        count = rotate_keys()
        self.stdout.write(f"{count} values re-encrypted under the current key.")

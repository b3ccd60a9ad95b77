import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdang.cases.exports import ExportError, open_encrypted_zip


class Command(BaseCommand):
    help = "Open a passphrase-encrypted case export into a folder (asks for the passphrase)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--into", default=".", help="folder to write the files to")

    def handle(self, *args, file, into, **options):
        passphrase = getpass.getpass("Passphrase: ")
        try:
            files = open_encrypted_zip(Path(file).read_bytes(), passphrase)
        except (OSError, ExportError) as exc:
            raise CommandError(str(exc)) from exc
        target = Path(into)
        target.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (target / Path(name).name).write_bytes(content)
            self.stdout.write(str(target / Path(name).name))

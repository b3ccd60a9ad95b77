from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdang.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database and every uploaded file to one tar.gz archive with a manifest "
        "(migration state, row counts, sha256 of every member)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            default="",
            help="Archive path (default: binhdang-backup-<date-time>.tar.gz in the current folder)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        path = Path(output or f"binhdang-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            result = create_backup(path, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {result.path}: {result.tables} tables, {result.rows} rows, "
            f"{result.files} files ({result.bytes} bytes of files)."
        )

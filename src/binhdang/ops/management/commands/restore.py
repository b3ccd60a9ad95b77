from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdang.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `binhdang backup` into an empty database (verifies every "
        "checksum first). --force replaces the data of a database that is not empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="Replace everything in a non-empty database"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, force, database, **options):
        try:
            manifest = restore_backup(Path(archive), force=force, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['counts'])} tables and "
            f"{manifest['files']} files from {archive} (made {manifest['created_at']})."
        )

from django.core.management.base import BaseCommand

from binhdang.cases.services import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise the survivor identity of cases closed longer ago than the retention period "
        "(audited). Run on a schedule; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        count = apply_retention(dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{count} closed cases {verb}.")

import time

from django.core.management.base import BaseCommand, CommandError

from binhdang.orgunits.importer import import_admin_units


class Command(BaseCommand):
    help = "Load Vietnam's administrative units (legacy: before 1/7/2025; 2025: from 1/7/2025)."

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="admin_set", choices=["legacy", "2025"], required=True)

    def handle(self, *args, admin_set, **options):
        started = time.perf_counter()
        try:
            result = import_admin_units(admin_set)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        counts = ", ".join(f"{k}: {v}" for k, v in result.counts.items() if v)
        self.stdout.write(
            f"{admin_set}: created {result.created}, updated {result.updated}, "
            f"unchanged {result.unchanged}, successor links created {result.links_created} "
            f"({counts}) in {elapsed:.1f} s"
        )

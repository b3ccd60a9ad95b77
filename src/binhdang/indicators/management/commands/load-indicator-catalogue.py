from django.core.management.base import BaseCommand

from binhdang.indicators.services import load_catalogue


class Command(BaseCommand):
    help = (
        "Load the indicator catalogue (NQ 28/NQ-CP, QĐ 2232, 1790, 2282, 45): data elements, "
        "indicators with national targets, validation rules. Safe to run again; keeps "
        "administrators' edits unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Put the shipped values back over local edits."
        )

    def handle(self, *args, **options):
        created = load_catalogue(reset=options["reset"])
        self.stdout.write(
            f"Indicator catalogue: {created['elements']} data elements, "
            f"{created['indicators']} indicators, {created['rules']} rules created."
        )

import importlib
import pkgutil

from django.core.management.base import BaseCommand
from django.db import transaction

from binhdang.demo import steps


class Command(BaseCommand):
    help = (
        "Load the demo: Hà Giang -> Vị Xuyên with its communes and bodies, one user per role, "
        "the seed dispatch 760/UBND-LĐTBXH and its 2023 reporting round. Safe to run again."
    )

    def handle(self, *args, **options):
        # Steps run in name order (s10_units, s20_..., ...); each is idempotent on its own.
        for info in sorted(pkgutil.iter_modules(steps.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{steps.__name__}.{info.name}")
            with transaction.atomic():
                module.run(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo ready."))

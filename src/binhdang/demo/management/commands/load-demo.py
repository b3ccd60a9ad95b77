import importlib
import pkgutil
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from binhdang.demo import steps
from binhdang.demo.steps.s10_units import login_table


class Command(BaseCommand):
    help = (
        "Load the demo: Hà Giang -> Vị Xuyên with its communes and bodies, one user per role, "
        "the seed dispatch 760/UBND-LĐTBXH and its 2023 reporting round (closed, the historical "
        "record); and Tuyên Quang today (two levels since 1/7/2025) with the province's plan "
        "for the current year and its round caught mid-way. Safe to run again."
    )

    def handle(self, *args, **options):
        # Steps run in name order (s10_units, s20_..., ...); each is idempotent on its own.
        # The demo's own reminders and returns notify demo users in the app; their e-mails go
        # nowhere.
        timings = []
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for info in sorted(pkgutil.iter_modules(steps.__path__), key=lambda m: m.name):
                module = importlib.import_module(f"{steps.__name__}.{info.name}")
                started = time.perf_counter()
                with transaction.atomic():
                    module.run(self.stdout)
                timings.append(f"{info.name} {time.perf_counter() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS("Demo ready.") + f" ({', '.join(timings)})")
        self.stdout.write(login_table())

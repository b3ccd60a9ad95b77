"""Benchmark: a province's round figures computed from 100,000 activity records.

Creates (once, with bulk_create) --records activities spread over the commune-level units
and bodies of a province (legacy Hà Giang when imported, else the province with the most
communes), then times computing every communication figure for every unit of the province
over a year's cut-off window (15/12 to 14/12), as the round's forms and the consolidated
report ask for them. Target: < 1 s for all of them."""

import json
import random
import statistics
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count

from binhdang.communication.models import Activity, Channel
from binhdang.core.registry import figures
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, Kind, OrgUnit

TITLE = "Hoạt động đo hiệu năng"
TARGET_MS = 1000
WINDOW = (date(2022, 12, 15), date(2023, 12, 14))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Time a province's communication figures over 100,000 activity records."

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=100_000)
        parser.add_argument("--repeats", type=int, default=20)
        parser.add_argument("--json", action="store_true")

    def _province(self) -> OrgUnit:
        province = OrgUnit.objects.filter(external_id="legacy:province:02").first()
        if province is None:
            province = (
                OrgUnit.objects.filter(kind=Kind.PROVINCE)
                .annotate(n=Count("children"))
                .order_by("-n")
                .first()
            )
        if province is None:
            raise CommandError("No province: run `binhdang import-admin-units` first.")
        return province

    def _populate(self, units: list[OrgUnit], wanted: int) -> int:
        have = Activity.objects.filter(title=TITLE, org_unit__in=units).count()
        if have >= wanted:
            return have
        rng = random.Random(100_000)  # noqa: S311 - benchmark data
        channels = list(Channel.values)
        start = date(2022, 6, 1)
        batch = []
        with transaction.atomic():
            for _ in range(wanted - have):
                unit = rng.choice(units)
                total = rng.randint(0, 300)
                batch.append(
                    Activity(
                        org_unit=unit,
                        title=TITLE,
                        starts_on=start + timedelta(days=rng.randint(0, 720)),
                        channel=rng.choice(channels),
                        topics=",law,gbv,",
                        audience_total=total,
                        audience_women=total // 2,
                        audience_ethnic=total // 3,
                        leaflets=rng.randint(0, 200),
                    )
                )
                if len(batch) == 5000:
                    Activity.objects.bulk_create(batch)
                    batch = []
            Activity.objects.bulk_create(batch)
        return wanted

    def handle(self, *args, **options):
        province = self._province()
        units = list(OrgUnit.objects.subtree_of(province))
        communes = [u for u in units if u.kind in COMMUNE_LEVEL_KINDS]
        records = self._populate(communes or units, options["records"])
        unit_ids = [u.pk for u in units]
        wanted = [f for f in figures() if f.key.startswith("communication.")]
        timings = []
        for _ in range(options["repeats"]):
            began = time.perf_counter()
            for item in wanted:
                item.compute(unit_ids, *WINDOW)
            timings.append((time.perf_counter() - began) * 1000)
        name = (
            f"figures from {records:,} activity records ({province.name}, {len(unit_ids):,} "
            f"units, {len(wanted)} figures)"
        )
        row = {
            "name": name,
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(_percentile(timings, 0.95), 1),
            "target_ms": TARGET_MS,
            "runs": len(timings),
        }
        if options["json"]:
            self.stdout.write(json.dumps([row], ensure_ascii=False))
            return
        ok = row["p95_ms"] < TARGET_MS
        self.stdout.write(
            f"{name}: median {row['median_ms']} ms, p95 {row['p95_ms']} ms, target < "
            f"{TARGET_MS} ms  {'PASS' if ok else 'FAIL'} ({connection.vendor})"
        )

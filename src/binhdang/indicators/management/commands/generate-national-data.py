"""A national data set for load and speed checks: every commune of a unit set x N data elements
(total and female) x Y years, about 10 million values for the legacy set, bulk-loaded in one
transaction (COPY on PostgreSQL, bulk_create elsewhere). Values are synthetic (source
"generated") and bypass the per-change history, which records people's edits.
"""

import time
from datetime import UTC, datetime
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from binhdang.indicators.models import DataElement, DataValue, Source, figures_changed
from binhdang.indicators.services import load_catalogue
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, OrgUnit

OPTIONS = ("total", "female")


class Command(BaseCommand):
    help = "Generate a national indicator data set (bulk load) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="unit_set", choices=["legacy", "2025"], default="legacy")
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--elements", type=int, default=100)
        parser.add_argument("--last-year", type=int, default=2024)
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier generated values first."
        )

    def handle(self, *args, **opts):
        started = time.perf_counter()
        load_catalogue()
        elements = self._elements(opts["elements"])
        units = list(
            OrgUnit.objects.filter(admin_set=opts["unit_set"], kind__in=COMMUNE_LEVEL_KINDS)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # Real or demo values are never overwritten: their communes are left out.
        taken = set(
            DataValue.objects.exclude(source=Source.GENERATED)
            .filter(org_unit_id__in=units)
            .values_list("org_unit_id", flat=True)
            .distinct()
        )
        units = [u for u in units if u not in taken]
        if taken:
            self.stdout.write(f"{len(taken)} communes with real or demo values left out.")
        if not units:
            raise CommandError(
                f"No communes of the {opts['unit_set']} set: run import-admin-units first."
            )
        from binhdang.indicators.data.catalogue import RULES

        left = {r[0] for r in RULES}
        self.scales = [
            (50 + (i * 37) % 40) if e.code in left else 100 for i, e in enumerate(elements)
        ]
        years = list(range(opts["last_year"] - opts["years"] + 1, opts["last_year"] + 1))
        with transaction.atomic():
            existing = DataValue.objects.filter(source=Source.GENERATED)
            if existing.exists() and not opts["replace"]:
                raise CommandError("Generated values exist already; use --replace.")
            if connection.vendor == "postgresql":
                count = self._load_postgresql(units, elements, years)
            else:
                existing.delete()
                count = self._bulk(units, elements, years)
        if connection.vendor == "postgresql":
            # Outside the transaction: marks pages all-visible so roll-ups read the index only.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {DataValue._meta.db_table}")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{count:,} values: {len(units):,} communes x {len(elements)} elements x "
            f"{len(OPTIONS)} options x {len(years)} years in {elapsed:.1f} s "
            f"(target: under 180 s on PostgreSQL)."
        )

    def _elements(self, wanted: int) -> list[DataElement]:
        # The catalogue's counts first, so the dashboards have real indicators to show.
        elements = list(DataElement.objects.filter(value_type="int").order_by("order")[:wanted])
        for i in range(len(elements) + 1, wanted + 1):
            element, _ = DataElement.objects.get_or_create(
                code=f"GEN_{i:03d}",
                defaults={"name": f"Số liệu thử nghiệm {i:03d}", "disaggregations": list(OPTIONS),
                          "group": "Dữ liệu sinh tự động", "order": 10000 + i},
            )  # fmt: skip
            elements.append(element)
        return elements

    def _load_postgresql(self, units, elements, years) -> int:
        """Indexes and foreign keys are dropped for the load and rebuilt once after it (one
        sort per index instead of ten million insertions), all inside the transaction, so a
        failure leaves the table as it was."""
        table = DataValue._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
                [table],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND i.indexname NOT IN (SELECT conname FROM pg_constraint "
                "WHERE conrelid = %s::regclass)",
                [table, table],
            )
            indexes = cursor.fetchall()
            for name, _definition in constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            figures_changed()
            cursor.execute(
                f"DELETE FROM {table} WHERE source = %s",  # noqa: S608
                [Source.GENERATED],
            )
            loaded = time.perf_counter()
            count = self._copy(units, elements, years)
            self.stdout.write(f"COPY: {time.perf_counter() - loaded:.1f} s")
            rebuilt = time.perf_counter()
            for _name, definition in indexes:
                cursor.execute(definition)
            for name, definition in sorted(constraints, key=lambda c: "FOREIGN" in c[1]):
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(f"ANALYZE {table}")
            self.stdout.write(f"indexes and constraints: {time.perf_counter() - rebuilt:.1f} s")
        return count

    def _numbers(self, unit: int, e: int, year: int) -> tuple[int, int]:
        # A unit-year base scaled per element; elements on the left of a "<=" rule get a
        # smaller scale and the female share depends on the unit and year only, so the data
        # passes the catalogue's rules (parts never exceed wholes).
        base = 200 + (unit * 7919 + year * 31) % 300
        total = base * self.scales[e] // 100
        female = total * (35 + (unit * 13 + year) % 25) // 100
        return total, female

    def _copy(self, units, elements, years) -> int:
        now = datetime.now(UTC).isoformat()
        table = DataValue._meta.db_table
        columns = (
            "element_id, org_unit_id, year, sub_period, disaggregation, value, source, updated_at"
        )
        count = 0
        tail = f"\t{Source.GENERATED}\t{now}\n"
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for unit in units:
                    lines = []
                    for index, element in enumerate(elements):
                        eid = element.pk
                        for year in years:
                            total, female = self._numbers(unit, index, year)
                            lines.append(f"{eid}\t{unit}\t{year}\t\ttotal\t{total}{tail}")
                            lines.append(f"{eid}\t{unit}\t{year}\t\tfemale\t{female}{tail}")
                    copy.write("".join(lines))
                    count += len(lines)
        return count

    def _bulk(self, units, elements, years) -> int:
        batch, count = [], 0
        for unit in units:
            for index, element in enumerate(elements):
                for year in years:
                    total, female = self._numbers(unit, index, year)
                    for option, value in (("total", total), ("female", female)):
                        batch.append(
                            DataValue(
                                element=element, org_unit_id=unit, year=year,
                                disaggregation=option, value=Decimal(value),
                                source=Source.GENERATED,
                            )
                        )  # fmt: skip
            if len(batch) >= 20000:
                DataValue.objects.bulk_create(batch, batch_size=5000)
                count += len(batch)
                batch = []
        DataValue.objects.bulk_create(batch, batch_size=5000)
        return count + len(batch)

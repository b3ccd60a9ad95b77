"""Speed of the indicator reads on a national data set (see generate-national-data).

Prints, from one run, the median and p95 of: one indicator rolled up to every province vs a
hand-written SQL GROUP BY over the same tables (the ratio must stay within 1.5x), a province
dashboard page as that province's standing office (< 300 ms), finding every unit under a
province (< 5 ms), a 2025 commune's dashboard with its history re-mapped from its former
communes (< 300 ms), and an Excel upload of one commune's values validated and saved (< 1 s).
"""

import statistics
import time
from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from openpyxl import load_workbook

from binhdang.accounts.models import Membership, User
from binhdang.indicators import selectors
from binhdang.indicators.aggregation import DV, OU, rollup
from binhdang.indicators.excel import build_template
from binhdang.indicators.models import DataValue, Indicator
from binhdang.indicators.services import upload_values
from binhdang.orgunits.models import OrgUnit


def _timed(fn, runs: int) -> tuple[list[float], object]:
    fn()  # warm-up: connection, caches of the database
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def _stats(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


class Command(BaseCommand):
    help = "Benchmark indicator roll-ups, the province dashboard, subtree lookups and uploads."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--indicator", default="NQ28-3.2")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--province", default="legacy:province:02")
        parser.add_argument(
            "--commune",
            default="2025:ward:00913",
            help="A 2025 commune whose history is re-mapped from its former units "
            "(default Xã Vị Xuyên: three communes whole and part of Việt Lâm).",
        )

    def line(self, label, times, target_ms=None, extra=""):
        median, p95 = _stats(times)
        target = f"target < {target_ms:g} ms" if target_ms else ""
        verdict = ""
        if target_ms:
            verdict = "OK" if p95 < target_ms else ("OK (median)" if median < target_ms else "SLOW")
        self.stdout.write(
            f"{label:<46} median {median:9.2f} ms   p95 {p95:9.2f} ms   {target:<16} {verdict} {extra}"
        )

    def handle(self, *args, **opts):
        runs = opts["runs"]
        indicator = Indicator.objects.select_related("numerator", "denominator").get(
            code=opts["indicator"]
        )
        year = (
            opts["year"]
            or DataValue.objects.order_by("-year").values_list("year", flat=True).first()
        )
        province = OrgUnit.objects.filter(external_id=opts["province"]).first()
        if year is None or province is None:
            raise CommandError("Load data first (generate-national-data).")
        values = DataValue.objects.count()
        self.stdout.write(
            f"{connection.vendor}: {values:,} values; indicator {indicator.code}; year {year}; "
            f"province {province.name}; {runs} runs each"
        )

        # 1. Roll-up to every province vs a hand-written GROUP BY (commune -> district ->
        # province by parent joins, the query one would write knowing the three levels).
        rollup_times, figures = _timed(lambda: rollup(indicator, year), runs)
        # Table names come from the models; values are parameters.
        hand_sql = (
            "SELECT p.id, SUM(CASE WHEN dv.element_id = %s AND dv.disaggregation = %s "  # noqa: S608
            "THEN dv.value END), SUM(CASE WHEN dv.element_id = %s AND dv.disaggregation = %s "
            f"THEN dv.value END) FROM {DV} dv JOIN {OU} c ON c.id = dv.org_unit_id "
            f"JOIN {OU} d ON d.id = c.parent_id JOIN {OU} p ON p.id = d.parent_id "
            "WHERE dv.year = %s AND dv.sub_period = '' AND dv.element_id IN (%s, %s) "
            "GROUP BY p.id"
        )
        params = [
            indicator.numerator_id, indicator.numerator_disaggregation,
            indicator.denominator_id, indicator.denominator_disaggregation,
            year, indicator.numerator_id, indicator.denominator_id,
        ]  # fmt: skip

        def hand():
            with connection.cursor() as cursor:
                cursor.execute(hand_sql, params)
                return cursor.fetchall()

        hand_times, hand_rows = _timed(hand, runs)
        same = {r[0]: (r[1], r[2]) for r in hand_rows} == {
            k: (f.numerator, f.denominator) for k, f in figures.items()
        }
        ratio = statistics.median(rollup_times) / statistics.median(hand_times)
        self.line("hand-written SQL GROUP BY (provinces)", hand_times)
        self.line(
            "rollup() to every province",
            rollup_times,
            extra=f"ratio {ratio:.2f}x (target <= 1.5x) {'OK' if ratio <= 1.5 else 'SLOW'}; "
            f"{len(figures)} provinces; same figures: {same}",
        )

        # 2. Province dashboard page as the province's standing office.
        user, _ = User.objects.get_or_create(
            username="bench.province", defaults={"full_name": "Bench province"}
        )
        Membership.objects.get_or_create(
            user=user, org_unit=province, role="standing_office", defaults={"scope": "subtree"}
        )
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(user)
        url = f"/indicators/unit/{province.pk}/"

        def page():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        page_times, _r = _timed(page, runs)
        self.line("province dashboard page (no year given)", page_times, 300)
        page_times, _r = _timed(lambda: client.get(f"{url}?year={year}"), runs)
        self.line(f"province dashboard page (?year={year})", page_times, 300)

        # 2b. A 2025 commune's dashboard: its history re-mapped from the former communes
        # (summed, and a split commune's share) in the database on every view.
        commune_2025 = OrgUnit.objects.filter(external_id=opts["commune"]).first()
        if commune_2025 is not None and commune_2025.predecessors.exists():
            officer, _ = User.objects.get_or_create(
                username="bench.commune2025", defaults={"full_name": "Bench commune 2025"}
            )
            Membership.objects.get_or_create(
                user=officer, org_unit=commune_2025, role="reporter", defaults={"scope": "unit"}
            )
            officer_client = Client()
            officer_client.force_login(officer)
            commune_url = f"/indicators/unit/{commune_2025.pk}/"

            def commune_page():
                response = officer_client.get(commune_url)
                assert response.status_code == 200, response.status_code
                assert b'id="boundary-change"' in response.content
                return response

            commune_times, _r = _timed(commune_page, runs)
            self.line(
                "2025 commune dashboard, re-mapped history",
                commune_times,
                300,
                extra=f"{commune_2025.name}, {commune_2025.predecessors.count()} former units",
            )
        else:
            self.stdout.write(
                f"2025 commune {opts['commune']} with former units not found: "
                "import-admin-units --set legacy and --set 2025 first."
            )

        # 3. Every unit under a province.
        subtree_times, ids = _timed(
            lambda: list(OrgUnit.objects.subtree_of(province).values_list("pk", flat=True)), runs
        )
        self.line("all units under a province", subtree_times, 5, extra=f"{len(ids)} units")

        # 4. Excel upload of one commune's values, validated and saved (values alternate so
        # every run really writes).
        commune = (
            OrgUnit.objects.subtree_of(province)
            .filter(data_values__year=year)
            .order_by("pk")
            .first()
        )
        elements = selectors.entry_elements()
        stored = {
            (commune.pk, code, option, y): value
            for (code, option, y), value in selectors.stored_values(
                user, commune, [year, year - 1]
            ).items()
        }
        template = build_template([commune], year, elements, stored)
        files = []
        for bump in (0, 1):
            wb = load_workbook(BytesIO(template))
            ws = wb.worksheets[0]
            for row in ws.iter_rows(min_row=8):
                if row[1].value and row[3].value == "total" and row[6].value is not None:
                    row[6].value = int(row[6].value) + bump
            out = BytesIO()
            wb.save(out)
            files.append(out.getvalue())
        counter = {"n": 0}

        def upload():
            counter["n"] += 1
            content = files[counter["n"] % 2]
            upload = SimpleUploadedFile("bao-cao.xlsx", content)
            return upload_values(actor=user, uploaded=upload)

        upload_times, outcome = _timed(upload, runs)
        self.line(
            "Excel upload of one commune (validate + save)",
            upload_times,
            1000,
            extra=f"{outcome.changed} values changed per run",
        )

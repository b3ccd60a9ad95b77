"""Benchmark of the reporting round at national scale (run on PostgreSQL).

Creates (or reuses) a round of a benchmark "ministry" unit addressed to every commune-level
unit of the 2025 set (3,321), most of them already submitted, then measures:
- the completeness page for the whole country, requested through the Django test client as
  the round's standing office (target < 300 ms);
- a unit's draft save through the autosave endpoint, as the unit's reporter (< 100 ms);
- 10 submissions per second sustained for --duration seconds (start, save, submit each),
  then counts them in the database: none may be lost, no request may fail.
"""

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binhdang.accounts.models import Membership, User
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, AdminSet, Kind, OrgUnit
from binhdang.reporting import services
from binhdang.reporting.models import (
    ExpectedUnit,
    ReportingRound,
    Submission,
    SubmissionAnswer,
    SubmissionStatus,
    SubmissionValue,
)

SLUG = "bench-2025-communes"
LOAD_UNITS = 700  # kept unsubmitted for the sustained-load phase


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Measure the reporting round at national scale (3,321 communes of the 2025 set)."

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=30)
        parser.add_argument("--duration", type=int, default=60, help="seconds of sustained load")
        parser.add_argument("--rate", type=float, default=10.0, help="submissions per second")
        parser.add_argument("--workers", type=int, default=4)

    def handle(self, *args, **options):
        communes = OrgUnit.objects.filter(
            admin_set=AdminSet.Y2025, kind__in=list(COMMUNE_LEVEL_KINDS)
        ).order_by("pk")
        if communes.count() < 3000:
            raise CommandError(
                "The 2025 unit set is missing: run `binhdang import-admin-units --set 2025` first."
            )
        reporting_round, office, admin = self._round(communes)
        unit_ids = list(communes.values_list("pk", flat=True))
        load_ids = unit_ids[-LOAD_UNITS:]
        self._populate(reporting_round, unit_ids[:-LOAD_UNITS], load_ids, admin)
        rows = []
        rows.append(self._bench_completeness(reporting_round, office, options["repeats"]))
        rows.append(self._bench_save(reporting_round, unit_ids[0], options["repeats"]))
        rows.extend(self._bench_load(reporting_round, load_ids, admin, options))
        self.stdout.write("")
        self.stdout.write(f"{'figure':<46} {'median':>10} {'p95':>10} {'target':>12}  result")
        for figure, median, p95, target, ok in rows:
            self.stdout.write(
                f"{figure:<46} {median:>10} {p95:>10} {target:>12}  {'PASS' if ok else 'FAIL'}"
            )
        self.stdout.write(f"database: {connection.vendor}")

    # ------------------------------------------------------------ setup

    def _round(self, communes):
        ministry, _ = OrgUnit.objects.get_or_create(
            external_id="bench:ministry",
            defaults={"name": "Bộ Lao động - Thương binh và Xã hội (benchmark)",
                      "kind": Kind.OTHER, "admin_set": AdminSet.LOCAL},
        )  # fmt: skip
        office, _ = User.objects.get_or_create(
            username="bench.office", defaults={"full_name": "Thường trực (benchmark)"}
        )
        Membership.objects.get_or_create(
            user=office, org_unit=ministry, role="standing_office", defaults={"scope": "subtree"}
        )
        admin, created = User.objects.get_or_create(
            username="bench.admin",
            defaults={"full_name": "Benchmark", "is_superuser": True, "is_staff": True},
        )
        reporting_round = ReportingRound.objects.filter(slug=SLUG).first()
        if reporting_round is None:
            today = timezone.localdate()
            reporting_round = services.round_create(
                actor=admin, title="Báo cáo bình đẳng giới toàn quốc (benchmark)", slug=SLUG,
                owner_unit=ministry, standing_office=ministry, opens_on=today - timedelta(days=30),
                deadline=today + timedelta(days=30), period_year=today.year, units=communes,
            )  # fmt: skip
            for number in ("1", "2", "3", "4"):
                services.section_add(
                    reporting_round=reporting_round, number=number, title=f"Nhiệm vụ {number}"
                )
            total = services.field_add(
                reporting_round=reporting_round, code="participants", label="Người tham gia"
            )
            services.field_add(
                reporting_round=reporting_round, code="participants_women", label="Trong đó nữ",
                part_of=total,
            )  # fmt: skip
            services.field_add(reporting_round=reporting_round, code="courses", label="Lớp")
            services.round_open(actor=admin, reporting_round=reporting_round)
        return reporting_round, office, admin

    def _populate(self, reporting_round, done_ids, load_ids, admin):
        """Most units submitted (bulk, in one transaction); the load units reset to nothing."""
        with transaction.atomic():
            Submission.objects.filter(round=reporting_round, org_unit_id__in=load_ids).delete()
            have = set(
                Submission.objects.filter(round=reporting_round).values_list(
                    "org_unit_id", flat=True
                )
            )
            missing = [u for u in done_ids if u not in have]
            if not missing:
                return
            now = timezone.now()
            statuses = [SubmissionStatus.ACCEPTED] * 6 + [SubmissionStatus.SUBMITTED] * 2 + [
                SubmissionStatus.RETURNED, SubmissionStatus.DRAFT,
            ]  # fmt: skip
            created = Submission.objects.bulk_create(
                [
                    Submission(
                        round=reporting_round,
                        org_unit_id=u,
                        status=statuses[i % len(statuses)],
                        version=3,
                        first_submitted_at=now,
                        submitted_at=now,
                        is_late=i % 7 == 0,
                        accepted_at=now if i % len(statuses) < 6 else None,
                    )  # fmt: skip
                    for i, u in enumerate(missing)
                ],
                batch_size=1000,
            )
            by_unit = {s.org_unit_id: s.pk for s in created}
            rows = list(ExpectedUnit.objects.filter(round=reporting_round, org_unit_id__in=missing))
            for row in rows:
                row.submission_id = by_unit[row.org_unit_id]
            ExpectedUnit.objects.bulk_update(rows, ["submission"], batch_size=1000)
            section = reporting_round.sections.order_by("position").first()
            field = reporting_round.fields.get(code="participants")
            SubmissionAnswer.objects.bulk_create(
                [SubmissionAnswer(submission_id=s.pk, section=section, part="done",
                                  text="Đã tổ chức tuyên truyền về bình đẳng giới.") for s in created],
                batch_size=1000,
            )  # fmt: skip
            SubmissionValue.objects.bulk_create(
                [SubmissionValue(submission_id=s.pk, field=field, value=100) for s in created],
                batch_size=1000,
            )
        self.stdout.write(f"Seeded {len(created)} submissions.")

    # ------------------------------------------------------------ measures

    def _time(self, fn, repeats: int) -> list[float]:
        fn()  # warm caches and connections
        out = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
        return out

    def _bench_completeness(self, reporting_round, office, repeats):
        client = Client(HTTP_HOST="localhost")
        client.force_login(office)
        url = reverse("reporting:detail", kwargs={"slug": reporting_round.slug})

        def request():
            response = client.get(url, secure=True)
            assert response.status_code == 200, response.status_code

        times = self._time(request, repeats)
        return self._row("completeness page, 3,321 units (ms)", times, 300)

    def _bench_save(self, reporting_round, unit_id, repeats):
        unit = OrgUnit.objects.get(pk=unit_id)
        reporter, _ = User.objects.get_or_create(username="bench.reporter")
        Membership.objects.get_or_create(user=reporter, org_unit=unit, role="reporter")
        submission = Submission.objects.get(round=reporting_round, org_unit=unit)
        Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.DRAFT)
        section = reporting_round.sections.order_by("position").first()
        client = Client(HTTP_HOST="localhost")
        client.force_login(reporter)
        url = reverse(
            "reporting:autosave", kwargs={"slug": reporting_round.slug, "unit_id": unit.pk}
        )
        state = {"version": Submission.objects.get(pk=submission.pk).version, "n": 0}

        def save():
            state["n"] += 1
            response = client.post(
                url,
                {"version": state["version"], f"a_{section.pk}_done": f"Bản nháp {state['n']}",
                 "v_participants": str(100 + state["n"])},
                secure=True,
            )  # fmt: skip
            assert response.status_code == 200, response.content
            state["version"] = response.json()["version"]

        times = self._time(save, repeats)
        return self._row("draft save via autosave endpoint (ms)", times, 100)

    def _bench_load(self, reporting_round, load_ids, admin, options):
        duration, rate = options["duration"], options["rate"]
        count = min(len(load_ids), int(duration * rate))
        units = list(OrgUnit.objects.filter(pk__in=load_ids[:count]))
        section = reporting_round.sections.order_by("position").first()
        errors, latencies = [], []

        def one(unit):
            start = time.perf_counter()
            try:
                submission = services.submission_save(
                    actor=admin, reporting_round=reporting_round, org_unit=unit,
                    data={"answers": {f"{section.pk}:done": f"Báo cáo của {unit.name}"},
                          "values": {"participants": "120", "participants_women": "64"}},
                )  # fmt: skip
                services.submission_submit(actor=admin, submission=submission)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                errors.append(f"{unit.pk}: {exc!r}")
            finally:
                latencies.append((time.perf_counter() - start) * 1000)
                connection.close()

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=options["workers"]) as pool:
            for i, unit in enumerate(units):
                delay = started + i / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(one, unit)
        elapsed = time.perf_counter() - started
        stored = Submission.objects.filter(
            round=reporting_round, org_unit__in=units, status=SubmissionStatus.SUBMITTED
        ).count()
        achieved = count / elapsed if elapsed else 0
        for error in errors[:5]:
            self.stdout.write(f"error: {error}")
        return [
            self._row("one submission: start+save+submit (ms)", latencies, None),
            (
                f"sustained rate over {elapsed:.0f} s (per s)",
                f"{achieved:.1f}",
                "",
                f">= {rate:g}",
                achieved >= rate * 0.95,
            ),
            (
                "submissions stored / sent, errors",
                f"{stored}/{count}",
                f"{len(errors)} err",
                "all, 0",
                stored == count and not errors,
            ),
        ]

    def _row(self, figure, times, target):
        median, p95 = statistics.median(times), _percentile(times, 0.95)
        return (
            figure,
            f"{median:.1f}",
            f"{p95:.1f}",
            f"< {target}" if target else "",
            True if target is None else p95 < target,
        )

"""Speed of consolidation and document generation on synthetic rounds.

Targets: a district report over 50 units in under 3 s, a province report over 124 communes and
all its departments in under 10 s (compile + .docx + .xlsx, as a document job does). The
synthetic units, rounds and submissions are created once in the current database under
"bench:" external ids and the slugs bench-documents-district / -province.
"""

import statistics
import time
from datetime import date, datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from binhdang.accounts.models import Membership, User
from binhdang.accounts.permissions import Role, Scope
from binhdang.documents import report_kind, services
from binhdang.documents.models import ConsolidatedReport
from binhdang.orgunits.models import Kind, OrgUnit
from binhdang.reporting.models import (
    TZ,
    ExpectedUnit,
    FormSection,
    NumericField,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionAnswer,
    SubmissionStatus,
    SubmissionValue,
)

PARTS = ["done", "results", "difficulties", "proposals"]
SENTENCE = (
    "{unit} đã tổ chức {n} buổi tuyên truyền về Luật Bình đẳng giới, phòng, chống bạo lực gia "
    "đình lồng ghép trong sinh hoạt thôn, bản; phối hợp phát {m} tin, bài trên hệ thống truyền "
    "thanh cơ sở và treo băng rôn hưởng ứng Tháng hành động vì bình đẳng giới."
)


def _unit(external_id, **fields) -> OrgUnit:
    unit = OrgUnit.objects.filter(external_id=external_id).first()
    if unit is None:
        unit = OrgUnit(external_id=external_id, **fields)
        unit.save()
    return unit


class Command(BaseCommand):
    help = "Benchmark consolidated report generation (median and p95 against the targets)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument("--pdf", action="store_true", help="also time PDF conversion")

    def handle(self, *args, **options):
        actor = self._actor()
        district_round = self._round("district", communes=25, departments=20, fronts=5, actor=actor)
        province_round = self._round(
            "province", communes=124, departments=30, fronts=8, actor=actor
        )
        for label, rnd, target in (
            ("district report, 50 units", district_round, 3.0),
            ("province report, 124 communes + 38 bodies", province_round, 10.0),
        ):
            self._bench(label, rnd, target, actor, options["runs"], ("docx", "xlsx"))
            if options["pdf"]:
                self._bench(
                    label + " + PDF",
                    rnd,
                    None,
                    actor,
                    max(2, options["runs"] // 3),
                    ("docx", "xlsx", "pdf"),
                )

    def _bench(self, label, rnd, target, actor, runs, formats):
        times = []
        sizes = {}
        for _ in range(runs):
            ConsolidatedReport.objects.filter(round=rnd).update(status="draft")
            start = time.perf_counter()
            services.compile_report(actor=actor, round=rnd)
            report = ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
                round=rnd
            )
            files = report_kind.report_files(report, user=actor, formats=formats, with_charts=False)
            times.append(time.perf_counter() - start)
            sizes = {k: len(v) for k, v in files.items()}
        times.sort()
        median = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        verdict = "" if target is None else (" OK" if p95 < target else " TOO SLOW")
        goal = "" if target is None else f" (target < {target:g} s)"
        self.stdout.write(
            f"{label}: median {median:.2f} s, p95 {p95:.2f} s over {runs} runs{goal}{verdict}; "
            + ", ".join(f"{k} {v // 1024} KiB" for k, v in sizes.items())
        )

    def _actor(self) -> User:
        user, created = User.objects.get_or_create(
            username="bench.documents", defaults={"full_name": "Benchmark", "email": ""}
        )
        if created:
            user.set_unusable_password()
            user.save()
        return user

    @transaction.atomic
    def _round(self, level, *, communes, departments, fronts, actor) -> ReportingRound:
        slug = f"bench-documents-{level}"
        existing = ReportingRound.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        owner = _unit(
            f"bench:{level}", name=f"{'Tỉnh' if level == 'province' else 'Huyện'} Thử Nghiệm",
            kind=Kind.PROVINCE if level == "province" else Kind.DISTRICT,
        )  # fmt: skip
        office = _unit(
            f"bench:{level}:office",
            name="Phòng Lao động - Thương binh và Xã hội",
            kind=Kind.DEPARTMENT,
            parent=owner,
        )
        Membership.objects.get_or_create(
            user=actor, org_unit=owner, role=Role.STANDING_OFFICE, defaults={"scope": Scope.SUBTREE}
        )
        units = [office]
        units += [
            _unit(
                f"bench:{level}:c{i}",
                name=f"Xã Thử Nghiệm {i:03d}",
                kind=Kind.COMMUNE,
                parent=owner,
            )
            for i in range(communes)
        ]
        units += [
            _unit(
                f"bench:{level}:d{i}", name=f"Phòng ban {i:02d}", kind=Kind.DEPARTMENT, parent=owner
            )
            for i in range(departments - 1)
        ]
        units += [
            _unit(
                f"bench:{level}:f{i}",
                name=f"Hội đoàn thể {i:02d}",
                kind=Kind.MASS_ORGANISATION,
                parent=owner,
            )
            for i in range(fronts)
        ]
        rnd = ReportingRound.objects.create(
            title=f"Đợt báo cáo thử nghiệm ({level})", slug=slug, owner_unit=owner, standing_office=office,
            period_year=2023, opens_on=date(2023, 4, 1), deadline=date(2023, 12, 5), status=RoundStatus.OPEN,
        )  # fmt: skip
        sections = [
            FormSection.objects.create(
                round=rnd, number=str(i), title=f"Nhiệm vụ {i}", position=i, parts=PARTS
            )
            for i in range(1, 5)
        ]
        fields = []
        for i in range(12):
            fields.append(NumericField.objects.create(
                round=rnd, section=sections[i % 4], code=f"f{i}", label=f"Chỉ tiêu số {i + 1}",
                unit_of_measure="người", position=i,
            ))  # fmt: skip
        NumericField.objects.create(
            round=rnd, section=sections[0], code="ratio", label="Tỷ lệ", value_type="percent",
            numerator=fields[1], denominator=fields[0], position=20,
        )  # fmt: skip
        ExpectedUnit.objects.bulk_create([ExpectedUnit(round=rnd, org_unit=u) for u in units])
        moment = datetime(2023, 12, 1, 9, 0, tzinfo=TZ)
        subs = Submission.objects.bulk_create([
            Submission(round=rnd, org_unit=u, status=SubmissionStatus.ACCEPTED, version=3,
                       first_submitted_at=moment, submitted_at=moment, is_late=False)
            for u in units
        ])  # fmt: skip
        answers, values = [], []
        for n, (sub, unit) in enumerate(zip(subs, units, strict=True)):
            for s in sections:
                for part in PARTS:
                    text = SENTENCE.format(unit=unit.name, n=n % 13 + 2, m=n % 29 + 3)
                    answers.append(
                        SubmissionAnswer(submission=sub, section=s, part=part, text=text)
                    )
            for i, f in enumerate(fields):
                values.append(
                    SubmissionValue(
                        submission=sub,
                        field=f,
                        value=Decimal(100 + n * 7 + i) if i != 1 else Decimal(60 + n),
                    )
                )
        SubmissionAnswer.objects.bulk_create(answers, batch_size=2000)
        SubmissionValue.objects.bulk_create(values, batch_size=2000)
        self.stdout.write(
            f"created {slug}: {len(units)} units, {len(answers)} answers, {len(values)} values"
        )
        return rnd

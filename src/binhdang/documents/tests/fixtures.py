"""A small consolidation world on top of the shared `world` fixture: a district round with
two form sections, three numeric fields (one a ratio), four expected units of three kinds;
commune A and the Women's Union accepted, commune B only submitted, the Labour office not
reported."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

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

TEXT_A = "Xã Phú Linh tổ chức 12 buổi tuyên truyền về Luật Bình đẳng giới tại các thôn, bản."
TEXT_W = "Hội Liên hiệp Phụ nữ huyện phối hợp tổ chức Tháng hành động vì bình đẳng giới."


def make_round(world, slug: str = "bdg-2023") -> ReportingRound:
    existing = ReportingRound.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    rnd = ReportingRound.objects.create(
        title="Báo cáo kết quả công tác bình đẳng giới năm 2023",
        slug=slug,
        owner_unit=world.district,
        standing_office=world.labour_office,
        period_year=2023,
        opens_on=date(2023, 4, 14),
        deadline=date(2023, 12, 5),
        status=RoundStatus.OPEN,
    )
    s1 = FormSection.objects.create(
        round=rnd, number="1", title="Công tác tuyên truyền về bình đẳng giới", position=1,
        parts=["done", "difficulties"],
    )  # fmt: skip
    FormSection.objects.create(
        round=rnd, number="2", title="Phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        position=2, parts=["done"],
    )  # fmt: skip
    total = NumericField.objects.create(
        round=rnd, section=s1, code="participants", label="Số lượt người tham gia",
        unit_of_measure="lượt người", position=1,
    )  # fmt: skip
    women = NumericField.objects.create(
        round=rnd, section=s1, code="participants_women", label="Trong đó: nữ",
        unit_of_measure="lượt người", part_of=total, position=2,
    )  # fmt: skip
    NumericField.objects.create(
        round=rnd, section=s1, code="participants_women_pct", label="Tỷ lệ nữ tham gia",
        unit_of_measure="%", value_type="percent", numerator=women, denominator=total, position=3,
    )  # fmt: skip
    for unit in (world.commune_a, world.commune_b, world.womens_union, world.labour_office):
        ExpectedUnit.objects.create(round=rnd, org_unit=unit)
    add_submission(rnd, world.commune_a, TEXT_A, {"participants": 300, "participants_women": 180})
    add_submission(
        rnd, world.womens_union, TEXT_W, {"participants": 125, "participants_women": 101}
    )
    add_submission(
        rnd, world.commune_b, "Xã Kim Thạch: chưa duyệt.", {"participants": 999},
        status=SubmissionStatus.SUBMITTED,
    )  # fmt: skip
    return rnd


def add_submission(rnd, unit, text, values, status=SubmissionStatus.ACCEPTED, difficulty=""):
    sub, _ = Submission.objects.update_or_create(
        round=rnd, org_unit=unit,
        defaults={
            "status": status, "version": 3,
            "first_submitted_at": datetime(2023, 12, 1, 9, 0, tzinfo=TZ), "is_late": False,
        },
    )  # fmt: skip
    ExpectedUnit.objects.filter(round=rnd, org_unit=unit).update(submission=sub)
    s1 = rnd.sections.get(number="1")
    SubmissionAnswer.objects.update_or_create(
        submission=sub, section=s1, part="done", defaults={"text": text}
    )
    if difficulty:
        SubmissionAnswer.objects.update_or_create(
            submission=sub, section=s1, part="difficulties", defaults={"text": difficulty}
        )
    fields = {f.code: f for f in rnd.fields.all()}
    for code, value in values.items():
        SubmissionValue.objects.update_or_create(
            submission=sub, field=fields[code], defaults={"value": Decimal(value)}
        )
    return sub

"""A small round on the `world` fixture: district D's round expecting communes A and B and
the Women's Union, two sections and three numbers (participants, of which women, courses)."""

from datetime import date

from binhdang.orgunits.models import UnitGroup
from binhdang.reporting import services
from binhdang.reporting.models import ReportingRound


def make_round(world, *, slug="bdg-2023", requires_head_approval=False, **extra) -> ReportingRound:
    existing = ReportingRound.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    communes, _ = UnitGroup.objects.get_or_create(
        owner=world.district,
        slug="cac-xa",
        defaults={"name": "UBND các xã", "rule_root": world.district, "rule_kinds": ["commune"]},
    )
    reporting_round = services.round_create(
        actor=world.standing_office,
        title="Báo cáo bình đẳng giới năm 2023",
        slug=slug,
        owner_unit=world.district,
        standing_office=world.labour_office,
        opens_on=extra.pop("opens_on", date(2023, 4, 14)),
        deadline=extra.pop("deadline", date(2023, 12, 5)),
        period_year=2023,
        requires_head_approval=requires_head_approval,
        groups=[communes],
        units=[world.womens_union],
        **extra,
    )
    s1 = services.section_add(reporting_round=reporting_round, number="1", title="Tuyên truyền")
    services.section_add(reporting_round=reporting_round, number="2", title="Chiến lược")
    total = services.field_add(
        reporting_round=reporting_round, code="participants", label="Người tham gia", section=s1
    )
    services.field_add(
        reporting_round=reporting_round, code="participants_women", label="Trong đó nữ",
        section=s1, part_of=total,
    )  # fmt: skip
    services.field_add(reporting_round=reporting_round, code="courses", label="Lớp tập huấn")
    services.round_open(actor=world.standing_office, reporting_round=reporting_round)
    return reporting_round


def fill(world, reporting_round, unit=None, user=None, text="Đã tổ chức 3 buổi tuyên truyền."):
    """Start and save a draft for `unit` (commune A by default) and return the submission."""
    unit = unit or world.commune_a
    user = user or world.reporter_a
    section = reporting_round.sections.get(number="1")
    return services.submission_save(
        actor=user,
        reporting_round=reporting_round,
        org_unit=unit,
        data={
            "answers": {f"{section.pk}:done": text},
            "values": {"participants": "120", "participants_women": "70"},
        },
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submitted(world):
    """Commune A's report, sent, with one attached PDF (idempotent per test database)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from binhdang.reporting.models import Submission

    reporting_round = make_round(world)
    existing = Submission.objects.filter(round=reporting_round, org_unit=world.commune_a).first()
    if existing is not None:
        return existing
    submission = fill(world, reporting_round)
    services.attachment_add(
        actor=world.reporter_a,
        submission=submission,
        uploaded=SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="own_report",
    )
    services.submission_submit(actor=world.reporter_a, submission=submission)
    return submission

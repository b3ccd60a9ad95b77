"""The 2023 reporting round of dispatch 760/UBND-LĐTBXH, caught as on 06/12/2023 (the day
after its deadline): most units submitted and accepted, some late, one returned (Xã Kim
Thạch), one draft (Xã Phú Linh, for the demo reporter to finish), a few missing. Plus the
province's round that Vị Xuyên answers upward. The units' texts come from `unit_texts`
(varied as real units write them) with a fixed random seed, so the demo is the same on every
machine."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from binhdang.accounts.models import Membership, User
from binhdang.accounts.permissions import Role, Scope
from binhdang.core import registry
from binhdang.demo.steps.s10_units import district_units
from binhdang.demo.unit_texts import narrative
from binhdang.directives.models import Directive
from binhdang.orgunits.models import Kind, OrgUnit, UnitGroup
from binhdang.reporting import selectors, services
from binhdang.reporting.models import TZ, ReportingRound

SLUG = "760-ubnd-ldtbxh-2023"
PROVINCE_SLUG = "961-ubnd-vhxh-2023"
TITLE = "Báo cáo kết quả thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023"

SECTIONS = [
    ("1", "Công tác tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới, "
          "vì sự tiến bộ của phụ nữ"),
    ("2", "Triển khai Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới; Chương trình "
          "phòng ngừa, ứng phó với bạo lực trên cơ sở giới"),
    ("3", "Nâng cao năng lực, hiệu quả quản lý nhà nước về bình đẳng giới"),
    ("4", "Hoạt động vì sự tiến bộ của phụ nữ"),
]  # fmt: skip

# code, label, unit, section, type, part_of, data element, disaggregation
FIELDS = [
    ("comm_sessions", "Số buổi tuyên truyền đã tổ chức", "buổi", "1", "int", None, "GE_LAW_SESSIONS", "total"),
    ("participants", "Số lượt người tham gia tuyên truyền", "lượt người", "1", "int", None, "", ""),
    ("participants_women", "Trong đó: nữ", "lượt người", "1", "int", "participants", "", ""),
    ("participants_ethnic", "Trong đó: người dân tộc thiểu số", "lượt người", "1", "int", "participants", "", ""),
    ("leaflets", "Số tờ rơi, tờ gấp đã phát", "tờ", "1", "int", None, "", ""),
    ("gbv_cases", "Số vụ bạo lực trên cơ sở giới được phát hiện", "vụ", "2", "int", None, "GBV_DETECTED", "total"),
    ("survivors_supported", "Số nạn nhân được hỗ trợ, can thiệp", "người", "2", "int", None, "GBV_SERVED", "total"),
    ("training_courses", "Số lớp tập huấn, bồi dưỡng về bình đẳng giới", "lớp", "3", "int", None, "", ""),
    ("trainees", "Số lượt học viên", "lượt người", "3", "int", None, "", ""),
    ("trainees_women", "Trong đó: nữ", "lượt người", "3", "int", "trainees", "", ""),
    ("budget", "Kinh phí đã sử dụng", "triệu đồng", "3", "decimal", None, "", ""),
]  # fmt: skip

# The fields counted from the records (`core.registry.Figure` keys), where an installed app
# keeps them: the demo's numbers are then the counts of its records (steps s25-s29).
COUNTED = {
    "comm_sessions": "communication.sessions",
    "participants": "communication.participants",
    "participants_women": "communication.participants_women",
    "participants_ethnic": "communication.participants_ethnic",
    "leaflets": "communication.leaflets",
    "training_courses": "training.courses",
    "trainees": "training.trainees",
    "trainees_women": "training.trainees_women",
    "budget": "budget.spent",
}

DRAFT = "00706"  # Xã Phú Linh
RETURNED = "00703"  # Xã Kim Thạch
MISSING = {"00937", "00943", "00952", "hccb"}  # Xín Chải, Lao Chải, Cao Bồ, Hội CCB
LATE = {"00958": "accept", "00970": "accept", "yte": "submitted"}  # Thượng Sơn, Ngọc Linh
WAITING = {"00967", "congan"}  # Việt Lâm, Công an huyện: sent on time, not yet reviewed


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=TZ)


def _reporter(key: str, unit: OrgUnit) -> User:
    """The unit's reporter: a demo login where one exists, else a reporter account without a
    password (it only gives the narrative an author and the reminders a recipient)."""
    membership = (
        Membership.objects.filter(org_unit=unit, role=Role.REPORTER).select_related("user").first()
    )
    if membership is not None:
        return membership.user
    user, created = User.objects.get_or_create(
        username=f"baocao.{key}",
        defaults={"full_name": f"Cán bộ báo cáo - {unit.display_name}", "email": ""},
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        user=user, org_unit=unit, role=Role.REPORTER, defaults={"scope": Scope.UNIT}
    )
    return user


def _numbers(rng: random.Random, commune: bool) -> dict:
    sessions = rng.randint(4, 14) if commune else rng.randint(2, 8)
    participants = sessions * rng.randint(35, 90)
    trainees = rng.randint(8, 45)
    return {
        "comm_sessions": sessions,
        "participants": participants,
        "participants_women": int(participants * rng.uniform(0.45, 0.7)),
        "participants_ethnic": int(participants * (rng.uniform(0.5, 0.9) if commune else 0.3)),
        "leaflets": rng.randint(100, 900),
        "gbv_cases": rng.randint(0, 4) if commune else rng.randint(0, 2),
        "training_courses": rng.randint(1, 4),
        "trainees": trainees,
        "trainees_women": int(trainees * rng.uniform(0.4, 0.75)),
        "budget": f"{rng.randint(5, 60)},{rng.randint(0, 9)}",
    }


def _counted(reporting_round: ReportingRound, unit) -> dict:
    """The unit's numbers as its records count them, for the fields counted from records."""
    codes = {f.pk: f.code for f in reporting_round.fields.all()}
    return {
        codes[field_id]: figure.value.normalize()
        for field_id, figure in selectors.counted_figures(reporting_round, unit).items()
    }


def _counted_codes(reporting_round: ReportingRound) -> set[str]:
    return set(reporting_round.fields.exclude(computed_from="").values_list("code", flat=True))


def _form(
    reporting_round: ReportingRound, directive: Directive | None, *, counted: bool = True
) -> list:
    tasks = {}
    if directive is not None:
        tasks = {t.number: t for t in directive.tasks.filter(parent__isnull=True)}
    sections = [
        services.section_add(
            reporting_round=reporting_round,
            number=number,
            title=title,
            task=tasks.get(number),
            position=i,
        )  # fmt: skip
        for i, (number, title) in enumerate(SECTIONS)
    ]
    by_number = {s.number: s for s in sections}
    created = {}
    for i, (code, label, uom, section, kind, part_of, element, disaggregation) in enumerate(FIELDS):
        created[code] = services.field_add(
            reporting_round=reporting_round, code=code, label=label, unit_of_measure=uom,
            section=by_number[section], value_type=kind, part_of=created.get(part_of),
            data_element_code=element, disaggregation=disaggregation, position=i,
            required=code in {"comm_sessions", "participants"},
            computed_from=(
                COUNTED[code] if counted and registry.figure(COUNTED.get(code, "")) else ""
            ),
        )  # fmt: skip
    services.field_add(
        reporting_round=reporting_round, code="participants_women_pct",
        label="Tỷ lệ nữ tham gia tuyên truyền", unit_of_measure="%", section=by_number["1"],
        value_type="percent", numerator=created["participants_women"],
        denominator=created["participants"], position=len(FIELDS),
    )  # fmt: skip
    return sections


def _district_round(units, office, stdout) -> None:
    directive = Directive.objects.filter(
        number_symbol="760/UBND-LĐTBXH", issuing_unit=units["district"]
    ).first()
    groups = UnitGroup.objects.filter(
        owner=units["district"],
        slug__in=["cac-xa", "cac-phong-ban", "mttq-doan-the", "luc-luong-vu-trang"],
    )
    reporting_round = services.round_create(
        actor=office, title=TITLE, slug=SLUG, owner_unit=units["district"],
        standing_office=units["ldtbxh"], opens_on=date(2023, 4, 14), deadline=date(2023, 12, 5),
        period_year=2023, directive=directive, soft_copy_email="ldtbxh.vx@hagiang.gov.vn",
        report_type="periodic", cutoff_from=date(2022, 12, 15), cutoff_to=date(2023, 12, 14),
        report_template="Báo cáo theo nội dung, nhiệm vụ tại Công văn số 760/UBND-LĐTBXH; "
        "số liệu theo biểu mẫu của đợt báo cáo",
        delivery_method="Văn bản giấy gửi UBND huyện (qua Phòng Lao động - Thương binh và Xã "
        "hội) và bản mềm qua hộp thư điện tử ldtbxh.vx@hagiang.gov.vn",
        reminder_offsets=[-7, -2], remind_every_days_after=3, groups=list(groups),
        units=[units["btg"], units["bvstbpn"]],
    )  # fmt: skip
    sections = _form(reporting_round, directive)
    services.round_open(actor=office, reporting_round=reporting_round)

    rng = random.Random(760)  # noqa: S311 - demo text, not security
    key_of = {u.pk: k for k, u in units.items()}
    expected = reporting_round.expected_rows.select_related("org_unit").order_by("org_unit__name")
    counts = {"accepted": 0, "late": 0, "waiting": 0, "missing": 0}
    for row in expected:
        unit = row.org_unit
        key = key_of.get(unit.pk, str(unit.pk))
        if key in MISSING:
            counts["missing"] += 1
            continue
        reporter = _reporter(key, unit)
        numbers = _numbers(rng, unit.kind in (Kind.COMMUNE, Kind.TOWNSHIP))
        numbers.update(_counted(reporting_round, unit))
        answers = narrative(rng, key, unit, numbers, sections)
        explanations = {}
        if key == RETURNED:
            numbers.pop("participants_women")  # what the standing office asks for
            if "participants_women" in _counted_codes(reporting_round):
                explanations["participants_women"] = (
                    "Sổ ghi chép chưa tách được số nữ của các buổi họp thôn, sẽ bổ sung sau."
                )
        if key == DRAFT:
            # Half-written: sections 1-2 only, as a reporter would leave it.
            answers = {k: v for k, v in answers.items() if k.split(":")[0] in
                       {str(sections[0].pk), str(sections[1].pk)}}  # fmt: skip
            numbers = {k: numbers[k] for k in ("comm_sessions", "participants", "leaflets")}
        submission = services.submission_save(
            actor=reporter, reporting_round=reporting_round, org_unit=unit,
            data={
                "answers": answers,
                "values": {k: v if isinstance(v, int | Decimal) else str(v) for k, v in numbers.items()},
                "explanations": explanations,
            },
        )  # fmt: skip
        if key == DRAFT:
            continue
        if key in LATE:
            # Accepted late reports came on 07/12, in time for the report of 08/12.
            day = rng.choice([7, 8]) if LATE[key] == "submitted" else 7
            sent = _at(date(2023, 12, day), rng)
        else:
            sent = _at(date(2023, 11, 20) + timedelta(days=rng.randint(0, 15)), rng)
        services.submission_submit(actor=reporter, submission=submission, now=sent)
        if key == RETURNED:
            services.submission_return(
                actor=office, submission=submission,
                comments={sections[0].pk: "Đề nghị bổ sung số liệu người tham gia là nữ"},
                now=_at(date(2023, 12, 4), rng),
            )  # fmt: skip
            continue
        if key in WAITING or LATE.get(key) == "submitted":
            counts["waiting"] += 1
            continue
        reviewed = max(sent + timedelta(hours=rng.randint(2, 30)), _at(date(2023, 12, 6), rng))
        if key in LATE:
            # A late report is reviewed within hours, in time for the report of 08/12.
            reviewed = min(reviewed, sent + timedelta(hours=3))
        services.submission_accept(actor=office, submission=submission, now=reviewed)
        counts["accepted"] += 1
        counts["late"] += key in LATE
    stdout.write(
        f"Round {SLUG}: {expected.count()} expected, {counts['accepted']} accepted "
        f"({counts['late']} late), {counts['waiting']} waiting for review, 1 returned "
        f"(Xã Kim Thạch), 1 draft (Xã Phú Linh), {counts['missing']} missing."
    )


def _province_round(units, stdout) -> None:
    office = User.objects.get(username="thuongtruc.hagiang")
    directive = Directive.objects.filter(
        number_symbol="961/UBND-VHXH", issuing_unit=units["province"]
    ).first()
    districts = OrgUnit.objects.filter(parent=units["province"], kind=Kind.DISTRICT)
    reporting_round = services.round_create(
        actor=office, title=f"{TITLE} (tỉnh Hà Giang)", slug=PROVINCE_SLUG,
        owner_unit=units["province"], standing_office=units["so_ldtbxh"],
        opens_on=date(2023, 4, 6), deadline=date(2023, 12, 15), period_year=2023,
        report_type="periodic", cutoff_from=date(2022, 12, 15), cutoff_to=date(2023, 12, 14),
        delivery_method="Văn bản giấy và bản mềm gửi UBND tỉnh (qua Sở Lao động - TB&XH tỉnh)",
        directive=directive, reminder_offsets=[-7, -2], remind_every_days_after=3,
        units=list(districts),
    )  # fmt: skip
    # Not counted: Vị Xuyên answers it with its report 125/BC-UBND, the sum of the reports it
    # accepted (127 communication sessions), while its subtree's records also count the units
    # whose report is missing, a draft, returned or not yet reviewed (166 sessions): every
    # counted field but the budget would differ, and the upward submission carries no
    # explanations.
    _form(reporting_round, directive, counted=False)
    count = services.round_open(actor=office, reporting_round=reporting_round)
    stdout.write(f"Round {PROVINCE_SLUG}: {count} districts expected (Vị Xuyên reports upward).")


def run(stdout) -> None:
    units = district_units()
    office = User.objects.get(username="thuongtruc.vixuyen")
    if not ReportingRound.objects.filter(slug=SLUG).exists():
        _district_round(units, office, stdout)
    if not ReportingRound.objects.filter(slug=PROVINCE_SLUG).exists():
        _province_round(units, stdout)

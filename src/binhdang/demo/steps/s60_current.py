"""Tuyên Quang today (two-level government since 1/7/2025): the province with its bodies, the
communes formed from the old Vị Xuyên district with theirs (from the shipped templates, as
`binhdang create-bodies` makes them), the province's plan for the current year addressed to the
communes directly, and its reporting round caught mid-way on the day the demo is loaded: some
communes sent, one returned with a comment, drafts, some not started. Communes report to the
province's standing office (Sở Nội vụ), which consolidates them into the province's report to
the ministry (a draft here).

Fictional data, marked as such in the plan's title. Dates follow `date.today()`: the round's
deadline is three weeks after the day the demo is loaded, and every step before it lies in the
past days. Idempotent: a second run leaves a round already there alone."""

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from binhdang.accounts.models import Membership, User
from binhdang.accounts.permissions import Role, Scope
from binhdang.demo.steps.s10_units import COMMUNES, DEMO_PASSWORD, district_units
from binhdang.demo.steps.s20_directive import PROVINCE_NUMBER, SEED_NUMBER
from binhdang.demo.steps.s30_round import PROVINCE_SLUG as PROVINCE_SLUG_2023
from binhdang.demo.steps.s30_round import SECTIONS, _form, _numbers
from binhdang.demo.steps.s30_round import SLUG as SLUG_2023
from binhdang.directives.models import Directive, DirectiveStatus, DirectiveType, Recurrence
from binhdang.directives.services import (
    LegalBasisData,
    TaskData,
    directive_close,
    directive_create,
    directive_issue,
)
from binhdang.documents import services as documents
from binhdang.orgunits.body_templates import load_template
from binhdang.orgunits.importer import REFORM_START
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, AdminSet, Kind, OrgUnit, UnitGroup
from binhdang.orgunits.services import bodies_create
from binhdang.reporting import services
from binhdang.reporting.models import TZ, ReportingRound, RoundStatus

PROVINCE_CODE = 8  # Tỉnh Tuyên Quang (2025), which Hà Giang joined
SLUG_PREFIX = "kh-bdg-tuyenquang-"
GROUP_SLUG = "cac-xa-phuong"
DEADLINE_AFTER = timedelta(days=21)

# The 2025 communes (by their code) and the state each one's report is in on the day the demo
# is loaded. Xã Phú Linh's draft is left for the demo reporter to finish.
ACCEPTED = {"00919", "00925", "00958"}  # Minh Tân, Tùng Bá, Thượng Sơn
WAITING = {"00913", "00928", "00970"}  # Vị Xuyên, Thanh Thủy, Linh Hồ: sent, not yet reviewed
RETURNED = "00967"  # Xã Việt Lâm
DRAFTS = {"00706", "00937", "00976"}  # Phú Linh, Lao Chải, Bạch Ngọc
# Not started: Thuận Hoà, Cao Bồ, Phường Hà Giang 2 (and every other commune of the province).
PHU_LINH = "00706"

# (username, full name, unit key, role, scope); unit keys: "province", a body key of the
# province, or "commune:<code>".
USERS = [
    ("noivu.tuyenquang", "Ma Thị Thanh", "province", Role.STANDING_OFFICE, Scope.SUBTREE),
    ("lanhdao.tuyenquang", "Hoàng Văn Nghĩa", "province", Role.LEADER, Scope.SUBTREE),
    ("vhxh.phulinh2025", "Lương Thị Hiền", f"commune:{PHU_LINH}", Role.REPORTER, Scope.UNIT),
    ("truong.phulinh2025", "Nguyễn Văn Thắng", f"commune:{PHU_LINH}", Role.UNIT_HEAD, Scope.UNIT),
]

DONE = {
    "1": "{unit} đã tổ chức {comm_sessions} buổi tuyên truyền về Luật Bình đẳng giới, phòng, "
    "chống bạo lực gia đình tại các thôn, tổ dân phố; Đài truyền thanh xã phát {radio} tin, bài.",
    "2": "Phòng Văn hóa - Xã hội tham mưu UBND xã rà soát các chỉ tiêu của Kế hoạch thực hiện "
    "Chiến lược quốc gia về bình đẳng giới trên địa bàn xã mới sau sắp xếp; duy trì {models} mô "
    "hình Địa chỉ tin cậy.",
    "3": "Kiện toàn Ban vì sự tiến bộ của phụ nữ xã sau sắp xếp đơn vị hành chính; cử {trainees} "
    "lượt cán bộ tham gia {training_courses} lớp tập huấn do Sở Nội vụ tổ chức.",
    "4": "Phối hợp với Hội Liên hiệp Phụ nữ xã hỗ trợ {loans} hộ do phụ nữ làm chủ tiếp cận vốn "
    "vay; tỷ lệ cán bộ nữ trong cấp ủy xã đạt {women_share}%.",
}
RESULTS = "Nhận thức của cán bộ và nhân dân về bình đẳng giới được nâng lên; {survivors} trường "
RESULTS += "hợp bạo lực được phát hiện và hỗ trợ kịp thời."
DIFFICULTIES = (
    "Địa bàn xã mới rộng, nhiều thôn vùng cao; cán bộ làm công tác bình đẳng giới kiêm nhiệm và "
    "mới tiếp nhận nhiệm vụ sau sắp xếp."
)
PROPOSALS = "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ cho cán bộ Phòng Văn hóa - Xã hội."


def current_year(today: date) -> int:
    return today.year


def round_slug(today: date) -> str:
    return f"{SLUG_PREFIX}{current_year(today)}"


def _unit(external_id: str, **values) -> OrgUnit:
    unit = OrgUnit.objects.filter(external_id=external_id).first()
    if unit is None:
        unit = OrgUnit(external_id=external_id, **values)
        unit.save()
    return unit


def province_and_communes(legacy: dict[str, OrgUnit]) -> tuple[OrgUnit, list[OrgUnit]]:
    """Tỉnh Tuyên Quang (2025) and the communes formed from Vị Xuyên's, as the units import makes
    them (adopted when `import-admin-units --set 2025` ran first), linked to the legacy units they
    came from; the communes are then found through that successor mapping."""
    from vietnam_provinces import Province, Ward

    package_province = next(p for p in Province.iter_all() if p.code == PROVINCE_CODE)
    province = _unit(
        f"2025:province:{PROVINCE_CODE:02d}", code=f"{PROVINCE_CODE:02d}",
        name=package_province.name, short_name="Tuyên Quang", kind=Kind.PROVINCE,
        division_type="tỉnh", admin_set=AdminSet.Y2025, valid_from=REFORM_START,
    )  # fmt: skip
    legacy["province"].successors.add(province)
    old_codes = {int(code): code for code, _name in COMMUNES}
    for ward in Ward.iter_all():
        if ward.province_code != PROVINCE_CODE:
            continue
        sources = [int(s.code) for s in ward.get_legacy_sources()]
        if not old_codes.keys() & set(sources):
            continue
        division = str(ward.division_type)
        commune = _unit(
            f"2025:ward:{ward.code:05d}", code=f"{ward.code:05d}", name=ward.name,
            short_name=ward.name.removeprefix(division.capitalize() + " "),
            kind=Kind.WARD if division == "phường" else Kind.COMMUNE, division_type=division,
            admin_set=AdminSet.Y2025, parent=province, valid_from=REFORM_START,
        )  # fmt: skip
        for code in sources:
            if code in old_codes:
                legacy[old_codes[code]].successors.add(commune)
    communes = list(
        OrgUnit.objects.filter(
            admin_set=AdminSet.Y2025,
            kind__in=[str(k) for k in COMMUNE_LEVEL_KINDS],
            predecessors__parent=legacy["district"],
        )
        .distinct()
        .order_by("code")
    )
    return province, communes


def _user(username: str, full_name: str, unit: OrgUnit, role: str, scope: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, org_unit=unit, role=role, defaults={"scope": scope})
    return user


def _commune_reporter(commune: OrgUnit) -> User:
    """The commune's reporter: the demo login where one exists, else an account without a
    password (it gives the report an author)."""
    membership = (
        Membership.objects.filter(org_unit=commune, role=Role.REPORTER)
        .select_related("user")
        .first()
    )
    if membership is not None:
        return membership.user
    user, created = User.objects.get_or_create(
        username=f"vhxh.{commune.code}",
        defaults={"full_name": f"Cán bộ Phòng VH-XH - {commune.name}", "email": ""},
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        user=user, org_unit=commune, role=Role.REPORTER, defaults={"scope": Scope.UNIT}
    )
    return user


def _plan(office: User, province: OrgUnit, bodies: dict, group: UnitGroup, today: date):
    year = current_year(today)
    number = "45/KH-UBND"
    existing = Directive.objects.filter(
        number_symbol=number, issuing_unit=province, subject__contains=f"năm {year}"
    ).first()
    if existing is not None:
        return existing
    issued = min(date(year, 3, 15), today - timedelta(days=60))
    noivu = bodies["noivu"]
    tasks = [
        TaskData(number="1", title=SECTIONS[0][1]),
        TaskData(
            number="1.1",
            text="Tuyên truyền Luật Bình đẳng giới, Luật Phòng, chống bạo lực gia đình trên hệ "
            "thống truyền thanh cơ sở và tại các thôn, tổ dân phố.",
            lead_units=[bodies["vhttdl"]],
            cooperating_units=[bodies["hlhpn"], bodies["mttq"]],
        ),
        TaskData(
            number="1.2",
            text="Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực "
            f"trên cơ sở giới năm {year} (từ ngày 15/11 đến 15/12).",
            due_on=date(year, 12, 15),
            recurrence=Recurrence.YEARLY,
            window=(15, 11, 15, 12),
            lead_units=[noivu],
        ),
        TaskData(number="2", title=SECTIONS[1][1]),
        TaskData(
            number="2.1",
            text="Rà soát, đánh giá các mục tiêu, chỉ tiêu của Chiến lược quốc gia về bình đẳng "
            "giới trên địa bàn xã, phường mới sau sắp xếp đơn vị hành chính.",
            cooperating_units=[noivu],
        ),
        TaskData(number="3", title=SECTIONS[2][1]),
        TaskData(
            number="3.1",
            text="Kiện toàn Ban vì sự tiến bộ của phụ nữ tỉnh và các xã, phường; giao Phòng Văn "
            "hóa - Xã hội làm cơ quan thường trực công tác bình đẳng giới cấp xã.",
            lead_units=[bodies["bvstbpn"]],
        ),
        TaskData(number="4", title=SECTIONS[3][1]),
        TaskData(
            number="4.1",
            text="Hỗ trợ phụ nữ dân tộc thiểu số phát triển kinh tế, tiếp cận vốn vay; phòng, "
            "chống mua bán người ở các xã biên giới.",
            lead_units=[bodies["hlhpn"]],
            cooperating_units=[bodies["congan"]],
        ),
        TaskData(number="5", title="Chế độ báo cáo"),
        TaskData(
            number="5.1",
            text=f"UBND các xã, phường báo cáo kết quả thực hiện năm {year} về UBND tỉnh (qua "
            "Sở Nội vụ) để tổng hợp, báo cáo Bộ Nội vụ.",
            due_on=today + DEADLINE_AFTER,
        ),
    ]
    data = {
        "doc_type": DirectiveType.KE_HOACH,
        "number_symbol": number,
        "issued_on": issued,
        "place": "Tuyên Quang",
        "issuing_unit": province,
        "drafting_unit": noivu,
        "subject": f"thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm {year} "
        "(dữ liệu minh họa)",
        "signing_authority": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Hoàng Văn Nghĩa",
        "addressee_lines": "- Các sở, ban, ngành, đoàn thể tỉnh;\n- Ủy ban nhân dân các xã, phường.",
        "intro": "Dữ liệu minh họa của bản chạy thử, không phải văn bản thật. Ủy ban nhân dân "
        f"tỉnh ban hành Kế hoạch thực hiện công tác bình đẳng giới năm {year} như sau:",
        "closing": "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân "
        "dân các xã, phường tổ chức thực hiện./.",
        "distribution_list": "- Bộ Nội vụ (Vụ CTTN&BĐG);\n- TTr Tỉnh ủy, HĐND tỉnh;\n"
        "- Chủ tịch, các PCT UBND tỉnh;\n- Như trên;\n- Lưu: VT, SNV.",
    }
    # Every commune leads the report item, through the group of the province's communes.
    commune_units = list(group.resolve())
    tasks = [
        replace(t, lead_units=commune_units) if t.number in ("2.1", "5.1") else t for t in tasks
    ]
    directive = directive_create(
        actor=office,
        data=data,
        tasks=tasks,
        legal_bases=[
            LegalBasisData(
                text="Căn cứ Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 của Bộ Nội vụ về việc "
                "triển khai công tác bình đẳng giới và vì sự tiến bộ của phụ nữ."
            )
        ],
        recipient_units=[bodies[k] for k in ("noivu", "vhttdl", "yte", "congan", "mttq", "hlhpn")],
        recipient_groups=[group],
    )
    return directive_issue(actor=office, directive=directive, notify_units=False)


def _answers(rng: random.Random, unit: OrgUnit, numbers: dict, sections, parts=None) -> dict:
    context = {
        **numbers,
        "unit": unit.name,
        "radio": rng.randint(6, 30),
        "models": rng.randint(1, 3),
        "loans": rng.randint(3, 25),
        "survivors": numbers["gbv_cases"],
        "women_share": rng.randint(18, 42),
    }
    answers = {}
    for section in sections[: parts or len(sections)]:
        answers[f"{section.pk}:done"] = DONE[section.number].format(**context)
        answers[f"{section.pk}:results"] = RESULTS.format(**context)
        answers[f"{section.pk}:difficulties"] = DIFFICULTIES
        answers[f"{section.pk}:proposals"] = PROPOSALS
    return answers


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=TZ)


def _round(office, province, bodies, group, directive, communes, today, stdout) -> ReportingRound:
    year = current_year(today)
    deadline = today + DEADLINE_AFTER
    reporting_round = services.round_create(
        actor=office, title=f"Báo cáo kết quả công tác bình đẳng giới, vì sự tiến bộ của phụ nữ "
        f"năm {year} (dữ liệu minh họa)", slug=round_slug(today), owner_unit=province,
        standing_office=bodies["noivu"], opens_on=min(directive.issued_on, today),
        deadline=deadline, period_year=year, directive=directive, report_type="periodic",
        cutoff_from=date(year - 1, 12, 15), cutoff_to=date(year, 12, 14),
        report_template=f"Báo cáo theo nội dung Kế hoạch {directive.number_symbol}",
        delivery_method="Qua hệ thống và bản mềm gửi Sở Nội vụ tỉnh Tuyên Quang",
        reminder_offsets=[-7, -2], remind_every_days_after=3, groups=[group],
    )  # fmt: skip
    # Not counted: today's world keeps no activity or course records (those are 2023's).
    sections = _form(reporting_round, directive, counted=False)
    services.round_open(actor=office, reporting_round=reporting_round)
    rng = random.Random(year)  # noqa: S311 - demo text, not security
    counts = dict.fromkeys(("accepted", "waiting", "returned", "draft"), 0)
    for commune in communes:
        code = commune.code
        if code not in ACCEPTED | WAITING | DRAFTS | {RETURNED}:
            continue
        reporter = _commune_reporter(commune)
        numbers = _numbers(rng, commune=True)
        draft = code in DRAFTS
        answers = _answers(rng, commune, numbers, sections, parts=2 if draft else None)
        if draft:
            numbers = {k: numbers[k] for k in ("comm_sessions", "participants", "leaflets")}
        if code == RETURNED:
            numbers.pop("participants_women")
        submission = services.submission_save(
            actor=reporter, reporting_round=reporting_round, org_unit=commune,
            data={"answers": answers, "values": {k: str(v) for k, v in numbers.items()}},
        )  # fmt: skip
        if draft:
            counts["draft"] += 1
            continue
        sent = _at(today - timedelta(days=rng.randint(3, 10)), rng)
        services.submission_submit(actor=reporter, submission=submission, now=sent)
        if code == RETURNED:
            services.submission_return(
                actor=office, submission=submission,
                comments={sections[0].pk: "Đề nghị bổ sung số lượt người tham gia là nữ."},
                now=sent + timedelta(days=1),
            )  # fmt: skip
            counts["returned"] += 1
        elif code in ACCEPTED:
            services.submission_accept(
                actor=office, submission=submission, now=sent + timedelta(days=1)
            )
            counts["accepted"] += 1
        else:
            counts["waiting"] += 1
    expected = reporting_round.expected_rows.count()
    stdout.write(
        f"Round {reporting_round.slug}: deadline {deadline:%d/%m/%Y}, {expected} communes "
        f"expected, {counts['accepted']} accepted, {counts['waiting']} waiting for review, "
        f"{counts['returned']} returned (Xã Việt Lâm), {counts['draft']} drafts (Xã Phú Linh "
        f"among them), the others not started."
    )
    return reporting_round


def _consolidate(office: User, reporting_round: ReportingRound, year: int) -> None:
    """The Sở Nội vụ's draft of the province's report to the ministry, from what it accepted."""
    report = documents.compile_report(actor=office, round=reporting_round)
    documents.report_update_header(
        actor=office,
        report=report,
        values={
            "recipients": "Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới)",
            "subject": f"Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ "
            f"năm {year} (dữ liệu minh họa)",
        },
    )


def close_2023_world() -> None:
    """The 2023 rounds and directives are the historical record: closed, so nobody is reminded
    of them or shown their items as overdue on today's clock."""
    for number, username in (
        (SEED_NUMBER, "thuongtruc.vixuyen"),
        (PROVINCE_NUMBER, "thuongtruc.hagiang"),
    ):
        directive = Directive.objects.filter(
            number_symbol=number, issued_on__year=2023, status=DirectiveStatus.ISSUED
        ).first()
        if directive is not None:
            directive_close(actor=User.objects.get(username=username), directive=directive)
    for slug, username in (
        (SLUG_2023, "thuongtruc.vixuyen"),
        (PROVINCE_SLUG_2023, "thuongtruc.hagiang"),
    ):
        reporting_round = ReportingRound.objects.filter(slug=slug).first()
        if reporting_round is not None and reporting_round.status != RoundStatus.CLOSED:
            services.round_close(
                actor=User.objects.get(username=username), reporting_round=reporting_round
            )


def run(stdout) -> None:
    today = date.today()
    close_2023_world()
    legacy = district_units()
    province, communes = province_and_communes(legacy)
    actor = User.objects.filter(username="admin").first()
    province_bodies = bodies_create(
        actor=actor, unit=province, template=load_template("province-2025")
    ).by_key
    commune_template = load_template("commune-2025")
    for commune in communes:
        bodies_create(actor=actor, unit=commune, template=commune_template)
    group, _created = UnitGroup.objects.update_or_create(
        owner=province, slug=GROUP_SLUG,
        defaults={"name": "UBND các xã, phường", "rule_root": province,
                  "rule_kinds": [str(k) for k in COMMUNE_LEVEL_KINDS]},
    )  # fmt: skip
    by_code = {c.code: c for c in communes}
    for username, full_name, key, role, scope in USERS:
        unit = by_code[key.split(":")[1]] if key.startswith("commune:") else province
        _user(username, full_name, unit, role, scope)
    office = User.objects.get(username="noivu.tuyenquang")
    if ReportingRound.objects.filter(slug=round_slug(today)).exists():
        return
    directive = _plan(office, province, province_bodies, group, today)
    reporting_round = _round(
        office, province, province_bodies, group, directive, communes, today, stdout
    )
    _consolidate(office, reporting_round, current_year(today))
    stdout.write(
        f"Tuyên Quang (2025): {len(communes)} communes formed from Vị Xuyên, with their bodies; "
        f"plan {directive.number_symbol}; consolidated report in draft at the Sở Nội vụ."
    )


def login_rows() -> list[tuple[str, str]]:
    return [(u[0], u[3].value) for u in USERS]

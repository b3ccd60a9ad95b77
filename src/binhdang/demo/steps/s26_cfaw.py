"""The Committees for the Advancement of Women of Vị Xuyên: the district's committee and each
commune's, set up after the 2021 elections and reconstituted (kiện toàn) by a decision in 2023;
the district committee's 2023 work programme and meetings.

Deterministic (random.Random seeded by the unit's code); idempotent: a committee is set up
once and a decision recorded once (keyed on its number).
"""

import random
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.accounts.models import User
from binhdang.cfaw import services
from binhdang.cfaw.models import Committee, Meeting, ProgrammeItem
from binhdang.cfaw.types import ITEMS, MEETINGS, MEMBERS
from binhdang.demo.steps.s10_units import COMMUNES, district_units
from binhdang.leadership.records import save_record

STARTS = date(2021, 8, 16)
SURNAMES = ["Nguyễn", "Hoàng", "Lò", "Vàng", "Đặng", "Nông", "Ma", "Lý", "Triệu", "Sùng", "Phàn"]
WOMEN = ["Thị Hoa", "Thị Mai", "Thị Lan", "Thị Dung", "Thị Nga", "Thị Hằng", "Thị Thu", "Thị Yến"]
MEN = ["Văn Thắng", "Văn Sáng", "Văn Páo", "Văn Quý", "Văn Tuấn", "Văn Hùng", "Văn Chiến"]

DISTRICT_MEMBERS = [
    ("Đặng Thị Phượng", "head", "Ủy ban nhân dân huyện", "Phó Chủ tịch", "female"),
    ("Hoàng Văn Chiến", "deputy", "Phòng Lao động - Thương binh và Xã hội huyện", "Trưởng phòng", "male"),
    ("Phạm Thị Lan", "deputy", "Hội Liên hiệp Phụ nữ huyện", "Chủ tịch", "female"),
    ("Nguyễn Thị Hoa", "standing", "Phòng Lao động - Thương binh và Xã hội huyện", "Chuyên viên", "female"),
    ("Nông Văn Tuấn", "member", "Ban Tuyên giáo Huyện ủy", "Phó Trưởng ban", "male"),
    ("Đỗ Thị Hằng", "member", "Phòng Văn hóa và Thông tin huyện", "Phó Trưởng phòng", "female"),
    ("Lý Văn Sơn", "member", "Phòng Nội vụ huyện", "Phó Trưởng phòng", "male"),
    ("Triệu Thị Yến", "member", "Phòng Giáo dục và Đào tạo huyện", "Chuyên viên", "female"),
    ("Trần Văn Quân", "member", "Công an huyện", "Phó Trưởng Công an", "male"),
    ("Lê Văn Hùng", "member", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Phó Chủ tịch", "male"),
]  # fmt: skip
DISTRICT_DECISION = "1352/QĐ-UBND"
DISTRICT_ITEMS = [
    ("Tham mưu xây dựng Kế hoạch công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2023", "Nguyễn Thị Hoa", date(2023, 4, 14), "done"),
    ("Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới", "Phạm Thị Lan", date(2023, 12, 15), "done"),
    ("Kiểm tra việc thực hiện công tác bình đẳng giới tại 5 xã", "Ma Văn Quý", date(2023, 10, 31), "done"),
    ("Bồi dưỡng kiến thức, kỹ năng cho nữ đại biểu Hội đồng nhân dân các xã", "Lý Văn Sơn", date(2023, 9, 30), "done"),
    ("Rà soát, đề xuất quy hoạch cán bộ nữ giai đoạn 2025-2030", "Lý Văn Sơn", date(2023, 11, 30), "in_progress"),
    ("Sơ kết 3 năm thực hiện Chiến lược quốc gia về bình đẳng giới", "Đặng Thị Phượng", date(2024, 1, 15), "planned"),
]  # fmt: skip
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _member(actor, unit, name, post, body, title, sex, starts=STARTS):
    save_record(actor=actor, rtype=MEMBERS, unit=unit, raw={
        "full_name": name, "post": post, "from_body": body, "job_title": title, "sex": sex,
        "starts_on": starts, "ends_on": None,
    })  # fmt: skip


def _committee(actor, unit) -> tuple[Committee, bool]:
    existing = Committee.objects.filter(org_unit=unit).first()
    if existing is not None:
        return existing, False
    return services.committee_create(actor=actor, unit=unit), True


def _district(actor, unit) -> None:
    committee, created = _committee(actor, unit)
    if created:
        for row in DISTRICT_MEMBERS:
            _member(actor, unit, *row)
    if not committee.decisions.filter(number=DISTRICT_DECISION).exists():
        leaving = committee.members.filter(full_name__in=["Hoàng Văn Chiến", "Trần Văn Quân"])
        services.reconstitute(
            actor=actor, committee=committee, number=DISTRICT_DECISION,
            signed_on=date(2023, 5, 12), signer="Chủ tịch UBND huyện Vị Xuyên",
            summary="Kiện toàn Ban vì sự tiến bộ của phụ nữ huyện Vị Xuyên",
            leave=[m.pk for m in leaving],
            join=[
                services.NewMember("Ma Văn Quý", "deputy", "Phòng Lao động - Thương binh và Xã hội huyện", "male", "Trưởng phòng"),
                services.NewMember("Vàng Thị Dung", "member", "Công an huyện", "female", "Đội trưởng"),
            ],
            uploaded=SimpleUploadedFile("QD-1352-kien-toan-Ban-VSTBPN.pdf", PDF, content_type="application/pdf"),
        )  # fmt: skip
    if not ProgrammeItem.objects.filter(committee=committee, year=2023).exists():
        for title, lead, due, status in DISTRICT_ITEMS:
            save_record(actor=actor, rtype=ITEMS, unit=unit, raw={
                "year": 2023, "title": title, "lead_member": lead, "due_on": due,
                "status": status, "result": "",
            })  # fmt: skip
    if not Meeting.objects.filter(committee=committee, held_on__year=2023).exists():
        for held_on, title, present in (
            (date(2023, 5, 19), "Họp triển khai nhiệm vụ năm 2023 sau kiện toàn", 10),
            (date(2023, 12, 8), "Họp tổng kết công tác năm 2023", 9),
        ):
            save_record(actor=actor, rtype=MEETINGS, unit=unit, raw={
                "held_on": held_on, "title": title, "attendees": present, "minutes": None,
            })  # fmt: skip


def _person(rng, woman: bool) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(WOMEN if woman else MEN)}"


def _commune(actor, unit, code: str, place: str) -> None:
    committee, created = _committee(actor, unit)
    rng = random.Random(f"{code}-cfaw")
    if created:
        rows = [
            (_person(rng, rng.random() < 0.3), "head", f"Ủy ban nhân dân {place}", "Phó Chủ tịch"),
            (_person(rng, True), "deputy", f"Hội Liên hiệp Phụ nữ {place}", "Chủ tịch"),
            (_person(rng, rng.random() < 0.6), "standing", f"Ủy ban nhân dân {place}", "Công chức Văn hóa - Xã hội"),
            (_person(rng, rng.random() < 0.4), "member", f"Ủy ban Mặt trận Tổ quốc {place}", "Phó Chủ tịch"),
            (_person(rng, rng.random() < 0.4), "member", f"Đoàn Thanh niên {place}", "Bí thư"),
            (_person(rng, rng.random() < 0.5), "member", f"Trạm Y tế {place}", "Trạm trưởng"),
        ]  # fmt: skip
        for name, post, body, title in rows:
            female = name.split(" ", 1)[1] in WOMEN
            _member(actor, unit, name, post, body, title, "female" if female else "male")
    number = f"{rng.randint(40, 180)}/QĐ-UBND"
    if committee.decisions.filter(signed_on__year=2023).exists():
        return
    running = list(services.members_on(committee, date(2023, 3, 1)).filter(post="member"))
    leaving = running[:1]
    signed_on = date(2023, rng.randint(2, 9), rng.randint(1, 28))
    woman = rng.random() < 0.5
    services.reconstitute(
        actor=actor, committee=committee, number=number, signed_on=signed_on,
        signer=f"Chủ tịch UBND {place}", summary=f"Kiện toàn Ban vì sự tiến bộ của phụ nữ {place}",
        leave=[m.pk for m in leaving],
        join=[services.NewMember(
            _person(rng, woman), "member", f"Hội Nông dân {place}", "female" if woman else "male",
            "Chủ tịch",
        )],
    )  # fmt: skip


def run(stdout) -> None:
    units = district_units()
    actor = User.objects.get(username="admin")
    _district(actor, units["district"])
    for code, name in COMMUNES:
        place = name.replace("Xã ", "xã ").replace("Thị trấn ", "thị trấn ")
        _commune(actor, units[code], code, place)
    stdout.write(f"Committees for the Advancement of Women: {Committee.objects.count()}.")

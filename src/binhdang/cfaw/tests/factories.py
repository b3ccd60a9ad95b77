"""Commune A's committee for tests: four members from 01/03/2021, a kiện toàn decision of
15/06/2023 (with its file) replacing the head, a programme item and a meeting with minutes."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.cfaw import services
from binhdang.cfaw.models import Committee, Meeting, Member
from binhdang.cfaw.types import MEETINGS, MEMBERS
from binhdang.leadership.records import save_record

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEMBERS_A = (
    ("Hoàng Văn Thắng", "head", "UBND xã Phú Linh", "male"),
    ("Nguyễn Thị Hoa", "deputy", "Hội Liên hiệp Phụ nữ xã", "female"),
    ("Lò Thị Mai", "standing", "Công chức Văn hóa - Xã hội", "female"),
    ("Vàng Văn Páo", "member", "Đoàn Thanh niên xã", "male"),
)


def make_committee(world) -> Committee:
    existing = Committee.objects.filter(org_unit=world.commune_a).first()
    if existing is not None:
        return existing
    committee = services.committee_create(actor=world.reporter_a, unit=world.commune_a)
    for name, post, body, sex in MEMBERS_A:
        save_record(
            actor=world.reporter_a, rtype=MEMBERS, unit=world.commune_a,
            raw={"full_name": name, "post": post, "from_body": body, "sex": sex,
                 "starts_on": "01/03/2021"},
        )  # fmt: skip
    return committee


def make_decision(world):
    committee = make_committee(world)
    head = Member.objects.get(committee=committee, full_name="Hoàng Văn Thắng")
    return services.reconstitute(
        actor=world.reporter_a, committee=committee, number="125/QĐ-UBND",
        signed_on=date(2023, 6, 15), leave=[head.pk],
        join=[services.NewMember("Đặng Văn Quý", "head", "UBND xã Phú Linh", "male")],
        uploaded=SimpleUploadedFile("quyet-dinh-125.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip


def make_meeting(world) -> Meeting:
    make_committee(world)
    return save_record(
        actor=world.reporter_a, rtype=MEETINGS, unit=world.commune_a,
        raw={"held_on": "20/12/2023", "title": "Họp tổng kết năm 2023", "attendees": "9",
             "minutes": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip

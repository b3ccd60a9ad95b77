"""Inspections and complaints for tests, made through the services."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.inspections.services import (
    ComplaintData,
    IdentityData,
    InspectionData,
    complaint_create,
    file_add,
    follow_up_add,
    inspection_create,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COMPLAINANT = "Lò Thị Marker Bí Mật 7741"


def make_inspection(world, *, actor=None, unit=None, inspected=None, started_on=date(2023, 9, 12),
                    title="Kiểm tra việc thực hiện Luật Bình đẳng giới tại xã Phú Linh"):  # fmt: skip
    inspection = inspection_create(
        actor=actor or world.standing_office,
        data=InspectionData(
            org_unit=unit or world.district, title=title, started_on=started_on,
            ended_on=started_on, inspected_units=inspected or [world.commune_a],
            plan="Kế hoạch 15/KH-UBND ngày 20/02/2023", scope_law=True, scope_dv=True,
            findings="Xã đã ban hành kế hoạch; chưa bố trí kinh phí riêng.",
            recommendations="Bố trí kinh phí cho công tác bình đẳng giới năm 2024.",
        ),
    )  # fmt: skip
    return inspection


def make_follow_up(world, inspection, *, due_on=date(2023, 12, 31)):
    return follow_up_add(
        actor=world.standing_office, inspection=inspection,
        text="Bố trí kinh phí cho công tác bình đẳng giới", responsible_unit=world.commune_a,
        due_on=due_on,
    )  # fmt: skip


def make_file(world, inspection):
    return file_add(
        actor=world.standing_office,
        inspection=inspection,
        uploaded=SimpleUploadedFile("Biên bản kiểm tra.pdf", PDF, content_type="application/pdf"),
    )


def make_complaint(world, *, actor=None, unit=None, kind="complaint", received_on=date(2023, 11, 20),
                   name=COMPLAINANT):  # fmt: skip
    return complaint_create(
        actor=actor or world.reporter_a,
        data=ComplaintData(
            org_unit=unit or world.commune_a, kind=kind, received_on=received_on,
            channel="in_person", respondent="Trưởng thôn Nậm Am",
            content="Không được bầu vào ban quản lý thôn vì là nữ.",
        ),
        identity=IdentityData(name=name, contact="0912 345 678", address="Thôn Nậm Am"),
    )  # fmt: skip

"""Records of the test world (conftest `world`): an activity of commune A, its role model."""

from datetime import date

from django.core.files.base import ContentFile

from binhdang.communication.models import Activity, ActivityFile, Campaign, Channel, RoleModel
from binhdang.communication.services import ensure_recurring_campaigns

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_activity(world, unit=None, **values) -> Activity:
    unit = unit or world.commune_a
    defaults = {
        "title": f"Hội nghị tuyên truyền Luật Bình đẳng giới tại {unit.name}",
        "starts_on": date(2023, 11, 20),
        "channel": Channel.MEETING,
        "topics": ",law,gbv,",
        "place": unit if unit.kind in ("commune", "township", "ward") else None,
        "place_detail": "Nhà văn hóa thôn Nặm Tiến",
        "audience_total": 1234,
        "audience_women": 700,
        "audience_ethnic": 900,
        "leaflets": 300,
    }
    defaults.update(values)
    return Activity.objects.create(org_unit=unit, **defaults)


def action_month(year: int = 2023) -> Campaign:
    ensure_recurring_campaigns(year)
    return Campaign.objects.get(kind="action_month", year=year)


def make_file(activity) -> ActivityFile:
    attachment = ActivityFile(
        activity=activity, original_name="anh-hoi-nghi.png", kind="photo", size=len(PNG)
    )
    attachment.file.save("anh-hoi-nghi.png", ContentFile(PNG), save=False)
    attachment.save()
    return attachment


def make_role_model(world, unit=None, **values) -> RoleModel:
    unit = unit or world.commune_a
    defaults = {
        "kind": "person",
        "name": "Ông Vàng Seo Chứ",
        "ethnicity": "Mông",
        "commune": unit if unit.kind == "commune" else None,
        "village": "Thôn Khuổi Luông",
        "role": "Trưởng thôn, vận động bà con xóa bỏ tảo hôn",
        "recognised_on": date(2022, 9, 2),
        "recognised_by": "UBND huyện Vị Xuyên",
    }
    defaults.update(values)
    return RoleModel.objects.create(org_unit=unit, **defaults)

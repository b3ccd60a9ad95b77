"""Courses of the test world (conftest `world`)."""

from datetime import date
from decimal import Decimal

from binhdang.training.models import Course, Participant


def make_course(world, unit=None, **values) -> Course:
    unit = unit or world.commune_a
    defaults = {
        "title": "Tập huấn kỹ năng phòng, chống bạo lực gia đình cho cán bộ thôn",
        "topic": "gbv",
        "starts_on": date(2023, 6, 15),
        "place": "Hội trường UBND xã",
        "trainers": "Bà Phạm Thị Lan (Hội LHPN huyện)",
        "participants_total": 45,
        "participants_women": 28,
        "participants_ethnic": 30,
        "pos_gender_cadre": 10,
        "pos_cfaw_commune": 12,
        "pos_other": 23,
        "satisfaction_pct": Decimal("92.5"),
        "pre_test_mean": Decimal("5.8"),
        "post_test_mean": Decimal("8.1"),
    }
    defaults.update(values)
    return Course.objects.create(org_unit=unit, **defaults)


def make_participant(course, **values) -> Participant:
    defaults = {"full_name": "Hoàng Thị Mai", "sex": "f", "ethnic_minority": True,
                "position": "gender_cadre", "workplace": "UBND xã Phú Linh"}  # fmt: skip
    defaults.update(values)
    return Participant.objects.create(course=course, **defaults)

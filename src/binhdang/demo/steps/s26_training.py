"""Vị Xuyên's training courses of 2023 in records: a dozen courses of the district bodies and
some communes (gender mainstreaming, GBV prevention, leadership skills for women, the law),
with participants by sex, ethnic minority and position; two with the list of participants,
whose counts come from it. Deterministic; recorded through the services by the standing
office; skipped when the district already has courses."""

import random
from datetime import date

from django.db import transaction

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import COMMUNES, district_units
from binhdang.directives.models import Task
from binhdang.training import services
from binhdang.training.models import Course

# (unit key, title, topic, start, end, place, trainers, task, participants, women, ethnic,
#  {position field: count}, satisfied %, pre-test, post-test)
COURSES = [
    ("ldtbxh", "Tập huấn kỹ năng lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật", "mainstreaming", date(2023, 5, 16), date(2023, 5, 17), "Hội trường UBND huyện", "Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang", "3.3", 72, 41, 38, {"pos_gender_cadre": 48, "pos_council_deputy": 10, "pos_other": 14}, "91,5", "5,6", "8,2"),
    ("ldtbxh", "Bồi dưỡng kiến thức về bình đẳng giới cho cán bộ, công chức làm công tác bình đẳng giới cấp xã", "law", date(2023, 7, 11), None, "Hội trường UBND huyện", "Phòng Lao động - Thương binh và Xã hội huyện", "3.3", 0, 0, 0, {}, "94", "6,1", "8,6"),
    ("bvstbpn", "Tập huấn nâng cao năng lực cho thành viên Ban vì sự tiến bộ của phụ nữ huyện, xã", "law", date(2023, 8, 22), None, "Trung tâm Chính trị huyện", "Ban vì sự tiến bộ của phụ nữ tỉnh", "4.3", 96, 58, 61, {"pos_cfaw_district": 21, "pos_cfaw_commune": 75}, "89", "", ""),
    ("hlhpn", "Tập huấn kỹ năng lãnh đạo, quản lý cho cán bộ nữ trong diện quy hoạch", "leadership", date(2023, 6, 6), date(2023, 6, 8), "Trung tâm Chính trị huyện", "Học viện Phụ nữ Việt Nam", "4.2", 0, 0, 0, {}, "96,5", "5,9", "8,4"),
    ("hlhpn", "Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới cho chi hội trưởng phụ nữ", "gbv", date(2023, 9, 19), None, "Hội trường Hội LHPN huyện", "Hội LHPN tỉnh Hà Giang", "1.3", 110, 110, 92, {"pos_other": 110}, "92", "", ""),
    ("noivu", "Bồi dưỡng kỹ năng cho nữ đại biểu Hội đồng nhân dân nhiệm kỳ 2021-2026", "leadership", date(2023, 10, 10), None, "Hội trường UBND huyện", "Phòng Nội vụ huyện", "4.2", 54, 54, 39, {"pos_council_deputy": 54}, "90", "", ""),
    ("tuphap", "Tập huấn pháp luật về bình đẳng giới và phòng, chống bạo lực gia đình cho hòa giải viên", "law", date(2023, 4, 25), None, "Hội trường UBND huyện", "Phòng Tư pháp huyện", "1.1", 85, 39, 60, {"pos_other": 85}, "", "5,2", "7,9"),
    ("congan", "Tập huấn kỹ năng tiếp nhận, xử lý tin báo về bạo lực gia đình, mua bán người", "gbv", date(2023, 11, 21), None, "Công an huyện", "Công an tỉnh Hà Giang", "1.3", 48, 9, 21, {"pos_other": 48}, "", "", ""),
    ("yte", "Tập huấn chăm sóc, hỗ trợ nạn nhân bạo lực trên cơ sở giới tại cơ sở y tế", "gbv", date(2023, 8, 8), None, "Trung tâm Y tế huyện", "Sở Y tế tỉnh Hà Giang", "1.3", 40, 31, 18, {"pos_other": 40}, "88", "", ""),
    ("00913", "Tập huấn phòng, chống bạo lực gia đình cho tổ hòa giải các tổ dân phố", "gbv", date(2023, 6, 20), None, "Hội trường UBND thị trấn", "Hội LHPN huyện", "1.3", 36, 22, 12, {"pos_gender_cadre": 6, "pos_other": 30}, "", "", ""),
    ("00925", "Tập huấn bình đẳng giới cho cán bộ thôn", "law", date(2023, 9, 12), None, "Nhà văn hóa xã Tùng Bá", "Phòng Lao động - Thương binh và Xã hội huyện", "3.3", 42, 18, 40, {"pos_gender_cadre": 4, "pos_other": 38}, "", "", ""),
    ("00967", "Tập huấn lồng ghép giới trong kế hoạch phát triển kinh tế - xã hội của xã", "mainstreaming", date(2023, 12, 14), None, "Hội trường UBND xã Việt Lâm", "Phòng Tài chính - Kế hoạch huyện", "3.1", 30, 14, 24, {"pos_gender_cadre": 8, "pos_council_deputy": 6, "pos_other": 16}, "", "", ""),
]  # fmt: skip
FAMILY = [
    "Nguyễn",
    "Hoàng",
    "Nông",
    "Lò",
    "Vàng",
    "Sùng",
    "Triệu",
    "Lý",
    "Đặng",
    "Lục",
    "Ma",
    "Giàng",
]
WOMEN = [
    "Thị Mai",
    "Thị Hằng",
    "Thị Dung",
    "Thị Lan",
    "Thị Hoa",
    "Thị Sua",
    "Thị Mỷ",
    "Thị Nguyệt",
    "Thị Thu",
    "Thị Hiền",
]
MEN = ["Văn Tuấn", "Văn Hùng", "Seo Chứ", "Văn Bình", "Chẳn Phin", "Văn Sơn", "Văn Thắng"]
LIST_POSITIONS = {
    # The second course: the commune cadres doing gender work, named.
    1: ["gender_cadre"],
    # The leadership course: women in the planning pipeline.
    3: ["women_leader"],
}


def run(stdout) -> None:
    # One transaction: each service's own is a savepoint, the step commits once.
    with transaction.atomic():
        _run(stdout)


def _run(stdout) -> None:
    units = district_units()
    office = User.objects.get(username="thuongtruc.vixuyen")
    if Course.objects.filter(org_unit__path__startswith=units["district"].path).exists():
        return
    rng = random.Random(3)  # noqa: S311 - demo data, not security
    tasks = {
        t.number: t
        for t in Task.objects.filter(
            directive__number_symbol="760/UBND-LĐTBXH", directive__issuing_unit__code="030"
        )
    }
    communes = [units[code] for code, _name in COMMUNES]
    people = 0
    for i, row in enumerate(COURSES):
        key, title, topic, start, end, place, trainers, task, total, women, ethnic = row[:11]
        positions, satisfied, pre, post = row[11:]
        course = services.course_create(actor=office, data={
            "org_unit": units[key], "title": title, "topic": topic, "starts_on": start,
            "ends_on": end, "place": place, "trainers": trainers, "task": tasks.get(task),
            "participants_total": total, "participants_women": women,
            "participants_ethnic": ethnic, **positions, "satisfaction_pct": satisfied,
            "pre_test_mean": pre, "post_test_mean": post, "format": "in_person",
        })  # fmt: skip
        if i in LIST_POSITIONS:
            size = 24 if i == 1 else 32
            for n in range(size):
                female = i == 3 or rng.random() < 0.55
                name = f"{rng.choice(FAMILY)} {rng.choice(WOMEN if female else MEN)}"
                services.participant_add(actor=office, course=course, data={
                    "full_name": name, "sex": "f" if female else "m",
                    "ethnic_minority": rng.random() < 0.7,
                    "position": LIST_POSITIONS[i][0],
                    "workplace": f"UBND {communes[n % len(communes)].name}",
                })  # fmt: skip
        course.refresh_from_db()
        people += course.participants_total
    stdout.write(f"Training 2023: {len(COURSES)} courses, {people} trainees.")

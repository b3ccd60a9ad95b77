"""Vị Xuyên's communication work of 2023 in records: each commune's activities through the
year, the Action Month 2023 (15/11 - 15/12) with activities of most communes and of the
district bodies, and role models of the ethnic-minority communities. Deterministic (fixed
seed); recorded through the services by the district's standing office, so every record is
checked and audited. Skipped when the district already has activities."""

import random
from datetime import date, timedelta

from django.db import transaction

from binhdang.accounts.models import User
from binhdang.communication import services
from binhdang.communication.models import Activity, RoleModel
from binhdang.demo.steps.s10_units import COMMUNES, DISTRICT_BODIES, district_units
from binhdang.directives.models import Task

# Communes whose officers recorded nothing for the Action Month (the same ones that did not
# report in the 2023 round).
QUIET = {"00937", "00943", "00952"}
VILLAGES = [
    "Thôn Nặm Tiến", "Thôn Khuổi Luông", "Thôn Lùng Càng", "Thôn Bản Dầu", "Thôn Nà Pồng",
    "Thôn Làng Khẻn", "Thôn Tân Thành", "Thôn Lâm Đồng", "Thôn Nà Thác", "Thôn Mào Phìn",
    "Thôn Bản Mán", "Thôn Phìn Sảng", "Thôn Nậm Ngặt", "Thôn Khuôn Làng",
]  # fmt: skip
MEETINGS = [
    ("Hội nghị tuyên truyền Luật Bình đẳng giới tại {v}", "law,strategy", "1.1"),
    ("Nói chuyện chuyên đề phòng, chống bạo lực gia đình tại {v}", "dv,gbv", "1.1"),
    ("Tuyên truyền phòng, chống tảo hôn, hôn nhân cận huyết thống tại {v}", "law,other", "1.3"),
    ("Lồng ghép tuyên truyền bình đẳng giới trong sinh hoạt chi hội phụ nữ {v}", "law,economic", "1.2"),
    ("Tuyên truyền phòng, chống mua bán người tại {v}", "trafficking,gbv", "1.1"),
    ("Truyền thông về mất cân bằng giới tính khi sinh tại {v}", "sex_selection", "1.2"),
]  # fmt: skip
ACTION_MONTH_EVENTS = [
    ("Lễ mít tinh hưởng ứng Tháng hành động vì bình đẳng giới năm 2023", "meeting", "law,gbv"),
    ("Hội thi tìm hiểu pháp luật về bình đẳng giới và phòng, chống bạo lực gia đình", "contest", "law,dv"),
    ("Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động", "banner", "gbv"),
    ("Cấp phát tờ rơi phòng, chống bạo lực trên cơ sở giới tại các thôn", "leaflet", "gbv,dv"),
    ("Phát thanh tin, bài về Tháng hành động trên hệ thống loa truyền thanh xã", "radio", "law,gbv"),
    ("Đăng tin, bài hưởng ứng Tháng hành động trên trang Zalo của xã", "social", "gbv"),
]  # fmt: skip
# (unit key, title, channel, topics, day of the Action Month, people, leaflets, other products)
BODY_EVENTS = [
    ("ldtbxh", "Lễ phát động Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2023 huyện Vị Xuyên", "meeting", "law,strategy,gbv", date(2023, 11, 15), 350, 500, {"banners": 12}),
    ("hlhpn", "Diễn đàn “Phụ nữ và trẻ em gái với phòng, chống bạo lực trên cơ sở giới”", "meeting", "gbv,dv", date(2023, 11, 22), 180, 300, {}),
    ("hlhpn", "Tọa đàm chia sẻ kinh nghiệm mô hình “Địa chỉ tin cậy” ở cộng đồng", "meeting", "dv,gbv", date(2023, 12, 6), 65, 0, {}),
    ("mttq", "Hội nghị tuyên truyền chính sách pháp luật về bình đẳng giới cho người có uy tín", "meeting", "law,strategy", date(2023, 11, 28), 120, 200, {}),
    ("vhtt", "Tin, bài chuyên mục bình đẳng giới trên Cổng thông tin điện tử huyện", "portal", "law,gbv", date(2023, 11, 16), 0, 0, {"articles": 8}),
    ("ttvhtt", "Phóng sự truyền hình về Tháng hành động vì bình đẳng giới năm 2023", "tv", "gbv,dv", date(2023, 11, 30), 0, 0, {"broadcasts": 6}),
    ("ttvhtt", "Xe thông tin lưu động tuyên truyền về bình đẳng giới tại các xã vùng cao", "radio", "law,gbv", date(2023, 12, 4), 0, 0, {"broadcasts": 14, "banners": 4}),
    ("btg", "Hội nghị báo cáo viên chuyên đề bình đẳng giới", "meeting", "law,strategy", date(2023, 11, 20), 90, 0, {}),
    ("huyendoan", "Ngày hội thanh niên với bình đẳng giới và phòng, chống bạo lực học đường", "contest", "gbv,law", date(2023, 12, 2), 260, 400, {}),
    ("congan", "Tuyên truyền phòng, chống mua bán người tại các xã biên giới", "meeting", "trafficking", date(2023, 12, 8), 210, 350, {}),
    ("yte", "Truyền thông về chăm sóc sức khỏe sinh sản và mất cân bằng giới tính khi sinh", "meeting", "sex_selection", date(2023, 12, 12), 140, 250, {}),
    ("gddt", "Sinh hoạt dưới cờ chủ đề “Học sinh nói không với bạo lực học đường”", "meeting", "gbv", date(2023, 11, 27), 480, 0, {}),
    ("bvstbpn", "Hội nghị tổng kết Tháng hành động vì bình đẳng giới năm 2023", "meeting", "law,gbv", date(2023, 12, 15), 75, 0, {}),
]  # fmt: skip
# A session each district body held in its own work during the year (the round's narrative
# quotes the people it reached).
BODY_SESSIONS = {
    "ldld": "Tuyên truyền chính sách đối với lao động nữ cho đoàn viên công đoàn",
    "bchqs": "Lồng ghép giáo dục pháp luật về bình đẳng giới trong huấn luyện dân quân tự vệ",
    "hnd": "Tuyên truyền bình đẳng giới trong sinh hoạt chi hội nông dân",
    "hccb": "Lồng ghép tuyên truyền bình đẳng giới trong sinh hoạt chi hội cựu chiến binh",
    "huyendoan": "Sinh hoạt chuyên đề “Thanh niên với bình đẳng giới” cho đoàn viên",
    "dantoc": "Tuyên truyền phòng, chống tảo hôn, hôn nhân cận huyết thống cho người có uy tín",
    "nnptnt": "Lồng ghép bình đẳng giới trong tập huấn khuyến nông cho hộ nông dân",
    "ttvhtt": "Đêm văn nghệ tuyên truyền về bình đẳng giới",
    "vhtt": "Hội nghị hướng dẫn tuyên truyền về bình đẳng giới trên hệ thống truyền thanh cơ sở",
}
GENERIC_SESSION = (
    "Lồng ghép phổ biến pháp luật về bình đẳng giới trong hội nghị cán bộ, công chức, viên chức"
)

ROLE_MODELS = [
    ("00706", "person", "Ông Vàng Seo Chứ", "Mông", "Thôn Khuổi Luông", "Trưởng thôn, người có uy tín; vận động bà con xóa bỏ tảo hôn, tự nguyện chia sẻ việc nhà với vợ", date(2022, 9, 2), "UBND huyện Vị Xuyên"),
    ("00703", "household", "Hộ ông Lục Văn Thào", "Tày", "Thôn Nà Pồng", "Gia đình văn hóa tiêu biểu, vợ chồng cùng bàn bạc phát triển kinh tế, cho con gái học hết đại học", date(2023, 1, 10), "UBND xã Kim Thạch"),
    ("00937", "person", "Bà Sùng Thị Mỷ", "Mông", "Thôn Phìn Sảng", "Chi hội trưởng phụ nữ, hòa giải viên; phát hiện, can thiệp nhiều vụ bạo lực gia đình", date(2021, 10, 20), "Hội LHPN tỉnh Hà Giang"),
    ("00943", "person", "Ông Lý Chẳn Phin", "Dao", "Thôn Mào Phìn", "Già làng, tuyên truyền phòng, chống hôn nhân cận huyết thống", date(2022, 12, 5), "Ban Dân tộc tỉnh"),
    ("00952", "household", "Hộ bà Đặng Thị Dung", "Dao", "Thôn Nậm Ngặt", "Phụ nữ làm chủ hộ, mô hình trồng chè Shan tuyết thu hút lao động nữ trong thôn", date(2023, 3, 8), "UBND huyện Vị Xuyên"),
    ("00925", "person", "Bà Hoàng Thị Nguyệt", "Tày", "Thôn Bản Dầu", "Tổ trưởng tổ hòa giải, nòng cốt câu lạc bộ phòng, chống bạo lực gia đình", date(2022, 6, 28), "UBND xã Tùng Bá"),
    ("00961", "person", "Ông Nông Văn Bình", "Nùng", "Thôn Tân Thành", "Người có uy tín, vận động nam giới tham gia phòng, chống bạo lực gia đình", date(2023, 6, 28), "UBND huyện Vị Xuyên"),
    ("00979", "household", "Hộ anh Triệu Văn Hùng", "Dao", "Thôn Khuôn Làng", "Chồng chia sẻ việc nhà, cùng vợ vay vốn phát triển chăn nuôi", date(2023, 10, 20), "Hội Nông dân huyện"),
    ("00967", "person", "Bà Giàng Thị Sua", "Mông", "Thôn Lùng Càng", "Nữ trưởng thôn đầu tiên của thôn, vận động phụ nữ tham gia sinh hoạt cộng đồng", date(2023, 3, 8), "UBND xã Việt Lâm"),
    ("00934", "person", "Ông Hoàng Văn Sơn", "Tày", "Thôn Lâm Đồng", "Bí thư chi bộ, gương mẫu thực hiện bình đẳng giới trong gia đình", date(2021, 12, 1), "Ban Tuyên giáo Huyện ủy"),
]  # fmt: skip


def _tasks() -> dict[str, Task]:
    return {
        t.number: t
        for t in Task.objects.filter(
            directive__number_symbol="760/UBND-LĐTBXH", directive__issuing_unit__code="030"
        )
    }


def _audience(rng: random.Random, low: int, high: int, ethnic_share: float) -> dict:
    total = rng.randint(low, high)
    return {
        "audience_total": total,
        "audience_women": int(total * rng.uniform(0.5, 0.72)),
        "audience_ethnic": int(total * ethnic_share),
    }


def _commune_year(rng, unit, tasks) -> list[dict]:
    """A commune's activities outside the Action Month: meetings in villages, broadcasts."""
    out = []
    for _ in range(rng.randint(3, 7)):
        title, topics, task = rng.choice(MEETINGS)
        village = rng.choice(VILLAGES)
        day = date(2023, 1, 5) + timedelta(days=rng.randint(0, 300))
        out.append({
            "title": title.format(v=village.replace("Thôn", "thôn")),
            "starts_on": day, "channel": "meeting", "topics": topics.split(","),
            "place": unit, "place_detail": village, "task": tasks.get(task),
            **_audience(rng, 35, 110, rng.uniform(0.6, 0.95)),
            "leaflets": rng.choice([0, 50, 100, 150]), "cost": rng.choice([0, 500_000, 1_000_000]),
            "cost_source": "state",
        })  # fmt: skip
    out.append({
        "title": "Phát thanh tin, bài về bình đẳng giới trên hệ thống loa truyền thanh xã",
        "starts_on": date(2023, 3, 1), "ends_on": date(2023, 3, 31), "channel": "radio",
        "topics": ["law", "economic"], "place": unit, "broadcasts": rng.randint(4, 12),
        "task": tasks.get("1.1"),
    })  # fmt: skip
    return out


def _commune_action_month(rng, unit, tasks) -> list[dict]:
    out = []
    for title, channel, topics in rng.sample(ACTION_MONTH_EVENTS, rng.randint(2, 4)):
        day = date(2023, 11, 15) + timedelta(days=rng.randint(0, 30))
        values = {"title": title, "starts_on": day, "channel": channel,
                  "topics": topics.split(","), "place": unit, "task": tasks.get("1.1")}  # fmt: skip
        if channel in ("meeting", "contest"):
            values.update(_audience(rng, 60, 220, rng.uniform(0.6, 0.95)))
            values["place_detail"] = (
                "Hội trường UBND xã" if channel == "meeting" else "Nhà văn hóa xã"
            )
            values["leaflets"] = rng.choice([100, 150, 200])
            values["cost"] = rng.choice([1_500_000, 2_000_000, 3_000_000])
            values["cost_source"] = "state"
        elif channel == "leaflet":
            values["leaflets"] = rng.randint(200, 600)
        elif channel == "banner":
            values["banners"] = rng.randint(3, 10)
            values["cost"] = values["banners"] * 350_000
            values["cost_source"] = "state"
        elif channel == "radio":
            values["broadcasts"] = rng.randint(6, 20)
        else:
            values["articles"] = rng.randint(2, 8)
        out.append(values)
    return out


def run(stdout) -> None:
    # One transaction: each service's own is a savepoint, the step commits once.
    with transaction.atomic():
        _run(stdout)


def _run(stdout) -> None:
    units = district_units()
    office = User.objects.get(username="thuongtruc.vixuyen")
    services.ensure_recurring_campaigns(2023)
    if Activity.objects.filter(org_unit__path__startswith=units["district"].path).exists():
        return
    rng = random.Random(2023)  # noqa: S311 - demo data, not security
    tasks = _tasks()
    count = 0
    for code, _name in COMMUNES:
        unit = units[code]
        records = _commune_year(rng, unit, tasks)
        if code not in QUIET:
            records += _commune_action_month(rng, unit, tasks)
        for values in records:
            services.activity_create(actor=office, data={"org_unit": unit, **values})
            count += 1
    for key, title, channel, topics, day, people, leaflets, more in BODY_EVENTS:
        values = {"title": title, "starts_on": day, "channel": channel,
                  "topics": topics.split(","), "leaflets": leaflets, "task": tasks.get("1.1"),
                  **more}  # fmt: skip
        if people:
            values.update(_audience(rng, people, people, 0.55))
            values["cost"] = rng.choice([3_000_000, 5_000_000, 8_000_000])
            values["cost_source"] = "state"
        services.activity_create(actor=office, data={"org_unit": units[key], **values})
        count += 1
    for key, _name, _short, _kind in DISTRICT_BODIES:
        day = date(2023, 3, 1) + timedelta(days=rng.randint(0, 200))
        values = {"title": BODY_SESSIONS.get(key, GENERIC_SESSION), "starts_on": day,
                  "channel": "meeting", "topics": ["law"], "task": tasks.get("1.1"),
                  "place_detail": "Hội trường cơ quan", **_audience(rng, 30, 160, 0.5)}  # fmt: skip
        services.activity_create(actor=office, data={"org_unit": units[key], **values})
        count += 1
    for code, kind, name, ethnicity, village, role, on, by in ROLE_MODELS:
        if not RoleModel.objects.filter(org_unit=units[code], name=name).exists():
            services.role_model_create(actor=office, data={
                "org_unit": units[code], "kind": kind, "name": name, "ethnicity": ethnicity,
                "commune": units[code], "village": village, "role": role,
                "recognised_on": on, "recognised_by": by,
            })  # fmt: skip
    stdout.write(
        f"Communication 2023: {count} activities of {len(COMMUNES)} communes and "
        f"{len(DISTRICT_BODIES)} district bodies, the Action Month 2023, "
        f"{len(ROLE_MODELS)} role models."
    )

"""Vị Xuyên's service models in 2023: about forty trusted addresses, clubs, counselling points,
a shelter and a hotline across its communes (three remote communes have none yet, which the
replication page shows), what they did in each quarter and in October and November 2023,
their 2023 evaluation, and each commune's population and ethnic-minority status. Entered
through the services (audited) by the district's standing office, with a fixed seed.

Idempotent: a model is keyed on its managing unit and name; a second run adds nothing."""

import random
from datetime import date
from decimal import Decimal

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import COMMUNES, district_units
from binhdang.servicemodels import services
from binhdang.servicemodels.criteria import load_criteria
from binhdang.servicemodels.models import (
    CommuneProfile,
    Conclusion,
    EvaluationCriterion,
    ModelKind,
    ModelStatus,
    ServiceModel,
)

# Remote communes where no model has been set up yet.
WITHOUT_MODEL = {"00937", "00943", "00952"}  # Xín Chải, Lao Chải, Cao Bồ
# Towns, not ethnic-minority areas under Quyết định 861/QĐ-TTg.
NOT_ETHNIC_AREA = {"00913", "00916"}
VILLAGES = [
    "Nà Pồng", "Bản Mào", "Khuổi Luông", "Nậm Tuộc", "Làng Khẻ", "Nà Ngoa", "Bản Bó",
    "Lùng Càng", "Tân Sơn", "Minh Thành", "Nà Lầu", "Bản Phố", "Khuổi Vài", "Thác Tăng",
    "Lùng Vài", "Nà Sài", "Bản Cưởm", "Làng Má", "Nặm Ngặt", "Đồng Tâm", "Tiến Thắng",
    "Khuổi Mỵ", "Bản Dầm", "Nà Chì",
]  # fmt: skip
PEOPLE = [
    "Hoàng Thị Mỷ", "Nông Thị Hạnh", "Lý Thị Chúc", "Ma Thị Thương", "Vàng Thị Say",
    "Triệu Thị Liên", "Nguyễn Thị Thu Hà", "Phạm Thị Hồng", "Lục Thị Dịu", "Hầu Thị Mai",
    "Đặng Thị Dung", "Lò Thị Hương", "Bàn Thị Nhất", "Sùng Thị Mỷ", "Giàng Thị Dợ",
]  # fmt: skip
DEMO_SEED = 25
YEAR = 2023
PROPOSALS = {
    Conclusion.NEEDS_IMPROVEMENT: [
        "Kiện toàn ban chủ nhiệm, bổ sung sổ ghi chép và quy chế sinh hoạt.",
        "Tăng cường sự tham gia của nam giới và người có uy tín trong thôn.",
        "Bồi dưỡng kỹ năng tư vấn, chuyển gửi cho người phụ trách.",
    ],
    Conclusion.NOT_EFFECTIVE: [
        "Sáp nhập vào câu lạc bộ của xã; chuyển thành viên sang sinh hoạt tại thôn bên cạnh.",
    ],
}


def _plan(rng: random.Random, units) -> list[dict]:
    """The models, deterministic: two or so per commune and a few district-wide ones."""
    rows = []

    def add(unit_key, commune_code, kind, name, village="", members=(8, 3), capacity=None):
        rows.append(
            {
                "unit": units[unit_key],
                "commune": units[commune_code],
                "kind": kind,
                "name": name,
                "village": village,
                "members": members,
                "capacity": capacity,
                "phone": f"0{rng.choice([912, 915, 985, 386])} {rng.randint(100, 999)} "
                f"{rng.randint(100, 999)}",
            }
        )

    for i, (code, name) in enumerate(COMMUNES):
        if code in WITHOUT_MODEL:
            continue
        short = name.removeprefix("Xã ").removeprefix("Thị trấn ")
        place = f"thị trấn {short}" if name.startswith("Thị trấn") else f"xã {short}"
        village = VILLAGES[i % len(VILLAGES)]
        add(code, code, ModelKind.TRUSTED_ADDRESS, f"Địa chỉ tin cậy thôn {village}", f"Thôn {village}",
            members=(rng.randint(3, 6), rng.randint(1, 3)), capacity=rng.choice([2, 3, 4]))  # fmt: skip
        if i % 3 == 0 or (i % 3 == 1 and code in NOT_ETHNIC_AREA):
            add(code, code, ModelKind.DV_CLUB, f"Câu lạc bộ Gia đình hạnh phúc {place}",
                members=(rng.randint(18, 30), rng.randint(8, 16)))  # fmt: skip
        elif i % 3 == 1:
            add(code, code, ModelKind.ETHNIC_GE,
                f"Mô hình “Phụ nữ dân tộc thiểu số với bình đẳng giới” {place}",
                members=(rng.randint(20, 35), rng.randint(5, 12)))  # fmt: skip
    # The district Women's Union's own models, Project 8 of the ethnic-minority programme.
    add("hlhpn", "00913", ModelKind.SHELTER, "Nhà tạm lánh “Ngôi nhà bình yên” huyện Vị Xuyên",
        "Tổ 5", members=(4, 1), capacity=6)  # fmt: skip
    for code, short in (("00919", "Minh Tân"), ("00940", "Phương Tiến"), ("00970", "Ngọc Linh")):
        add("hlhpn", code, ModelKind.MARRIAGE_CLUB,
            f"Câu lạc bộ “Phụ nữ nói không với tảo hôn, kết hôn trái pháp luật với người nước ngoài” xã {short}",
            members=(rng.randint(22, 30), 0))  # fmt: skip
    add("tuphap", "00913", ModelKind.COUNSELLING, "Điểm tư vấn pháp luật về hôn nhân và gia đình huyện",
        "Tổ 3", members=(2, 2))  # fmt: skip
    add(
        "ldtbxh",
        "00913",
        ModelKind.HOTLINE,
        "Đường dây nóng tiếp nhận thông tin về bạo lực gia đình huyện Vị Xuyên",
        members=(2, 1),
    )
    return rows


def _supported(kind: str, rng: random.Random) -> int:
    if kind in (ModelKind.TRUSTED_ADDRESS, ModelKind.SHELTER):
        return rng.randint(0, 3)
    if kind in (ModelKind.COUNSELLING, ModelKind.HOTLINE):
        return rng.randint(4, 12)
    return rng.randint(10, 35)


def run(stdout) -> None:
    units = district_units()
    office = User.objects.get(username="thuongtruc.vixuyen")
    rng = random.Random(DEMO_SEED)
    for code, _name in COMMUNES:
        township = code in NOT_ETHNIC_AREA
        CommuneProfile.objects.get_or_create(
            commune=units[code],
            defaults={
                "population": rng.randint(3200, 6800) * (2 if township else 1),
                "ethnic_minority_area": not township,
                "source": "Niên giám thống kê huyện Vị Xuyên 2022 (số liệu minh họa)",
            },
        )
    load_criteria(EvaluationCriterion)  # the shipped template, should a flush have emptied it
    criteria = list(EvaluationCriterion.objects.filter(is_active=True))
    existing = set(ServiceModel.objects.values_list("org_unit_id", "name"))
    for n, row in enumerate(_plan(rng, units)):
        established = date(
            rng.choice([2019, 2020, 2021, 2022]), rng.randint(1, 12), rng.randint(1, 28)
        )
        conclusion = rng.choices(
            [Conclusion.EFFECTIVE, Conclusion.NEEDS_IMPROVEMENT, Conclusion.NOT_EFFECTIVE],
            weights=[70, 24, 6],
        )[0]
        if (row["unit"].pk, row["name"]) in existing:
            continue
        women, men = row["members"]
        model = services.service_model_create(
            actor=office,
            data=services.ServiceModelData(
                org_unit=row["unit"], commune=row["commune"], name=row["name"], kind=row["kind"],
                village=row["village"], contact_person=PEOPLE[n % len(PEOPLE)],
                contact_phone=row["phone"], contact_address=f"Nhà văn hóa {row['village'] or row['commune'].name}",
                established_on=established, decision_number=f"{rng.randint(12, 240)}/QĐ-UBND",
                decision_date=established, members_women=women, members_men=men,
                capacity=row["capacity"],
            ),
        )  # fmt: skip
        for kind, number in (
            ("quarter", 1),
            ("quarter", 2),
            ("quarter", 3),
            ("month", 10),
            ("month", 11),
        ):
            total = _supported(row["kind"], rng) * (3 if kind == "quarter" else 1)
            women_supported = round(total * rng.uniform(0.75, 1.0))
            services.period_record_save(
                actor=office,
                service_model=model,
                data=services.PeriodData(
                    year=YEAR, period_kind=kind, period_number=number,
                    activities=rng.randint(1, 3) * (3 if kind == "quarter" else 1),
                    supported_total=total, supported_women=women_supported,
                    supported_ethnic=round(total * rng.uniform(0.6, 0.95)),
                    referrals=rng.randint(0, 2) if row["kind"] != ModelKind.ETHNIC_GE else 0,
                ),
            )  # fmt: skip
        share = {
            Conclusion.EFFECTIVE: 0.85,
            Conclusion.NEEDS_IMPROVEMENT: 0.65,
            Conclusion.NOT_EFFECTIVE: 0.4,
        }
        services.evaluation_save(
            actor=office,
            service_model=model,
            data=services.EvaluationData(
                year=YEAR,
                evaluated_on=date(YEAR, rng.choice([10, 11]), rng.randint(1, 28)),
                conclusion=conclusion,
                evaluated_by="Đoàn kiểm tra liên ngành huyện (Phòng LĐ-TB&XH, Hội LHPN, Phòng VH&TT)",
                findings=(
                    "Duy trì sinh hoạt định kỳ, ghi chép đầy đủ; người dân biết và tìm đến khi cần."
                    if conclusion == Conclusion.EFFECTIVE
                    else "Sinh hoạt chưa đều, sổ sách ghi chép chưa đầy đủ."
                ),
                proposals=rng.choice(PROPOSALS.get(conclusion, [""])),
                scores={
                    c.pk: Decimal(str(round(c.max_score * min(1.0, rng.uniform(share[conclusion] - 0.1, share[conclusion] + 0.1)), 1)))
                    for c in criteria
                },
            ),
        )  # fmt: skip
        if conclusion == Conclusion.NOT_EFFECTIVE:
            services.service_model_set_status(
                actor=office, service_model=model, status=ModelStatus.SUSPENDED,
                on=date(YEAR, 11, 30), reason="Tạm dừng để kiện toàn sau rà soát năm 2023",
            )  # fmt: skip

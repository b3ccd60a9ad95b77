"""Vị Xuyên's 2023 support to women's economic empowerment: Project 8 of the ethnic-minority
programme run by the district Women's Union, vocational training and livelihood support of
the poverty-reduction programme (Phòng LĐ-TB&XH), loans entrusted by the Bank for Social
Policies through the Women's Union, a new-rural-development OCOP product and a few communes'
own plans: a few hundred women in all. Entered through the services (audited) by the
district's standing office, with a fixed seed.

Idempotent: a record is keyed on its unit, date and content; a second run adds nothing."""

import random
from datetime import date
from decimal import Decimal

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import COMMUNES, district_units
from binhdang.empowerment import services
from binhdang.empowerment.models import Support

DEMO_SEED = 26
YEAR = 2023
# (unit key, programme, kind, content, project, women share, amount per person in đồng)
ACTIVITIES = [
    ("hlhpn", "ntp_ethnic_p8", "startup",
     "Hỗ trợ thành lập và duy trì tổ hợp tác, tổ nhóm sinh kế do phụ nữ làm chủ", "Dự án 8", 1.0, 1_800_000),
    ("hlhpn", "ntp_ethnic_p8", "vocational",
     "Tập huấn nâng cao năng lực phụ nữ dân tộc thiểu số tham gia phát triển kinh tế",
     "Dự án 8", 0.95, 450_000),
    ("hlhpn", "ntp_ethnic_p8", "other",
     "Hỗ trợ phụ nữ là nạn nhân bạo lực gia đình tiếp cận sinh kế, tái hòa nhập", "Dự án 8", 1.0, 2_500_000),
    ("hlhpn", "ntp_poverty", "credit",
     "Giải ngân vốn vay ủy thác Ngân hàng Chính sách xã hội cho hội viên phụ nữ hộ nghèo, cận nghèo",
     "", 0.9, 50_000_000),
    ("ldtbxh", "ntp_poverty", "vocational",
     "Mở lớp đào tạo nghề cho lao động nông thôn (chăn nuôi, trồng trọt, may công nghiệp)", "", 0.62, 2_400_000),
    ("ldtbxh", "ntp_poverty", "poor_households",
     "Hỗ trợ con giống, vật tư phát triển sinh kế cho hộ nghèo do phụ nữ làm chủ hộ", "", 1.0, 9_000_000),
    ("ldtbxh", "ntp_poverty", "jobs",
     "Tư vấn, giới thiệu việc làm và xuất khẩu lao động theo hợp đồng", "", 0.48, 150_000),
    ("nnptnt", "new_rural", "startup",
     "Hỗ trợ hợp tác xã do phụ nữ làm chủ phát triển sản phẩm OCOP chè Shan tuyết", "", 0.8, 3_000_000),
]  # fmt: skip
# Communes with an activity of their own plan.
OWN_PLAN = {"00706": "Phú Linh", "00928": "Thanh Thủy", "00967": "Việt Lâm", "00925": "Tùng Bá"}


def _rows(rng: random.Random, units) -> list[dict]:
    rows = []
    communes = [code for code, _name in COMMUNES]
    for unit_key, programme, kind, title, project, share, per_person in ACTIVITIES:
        for code in rng.sample(communes, 3):
            total = {"credit": rng.randint(6, 14), "other": rng.randint(3, 8)}.get(
                kind, rng.randint(12, 35)
            )
            women = min(total, round(total * share))
            rows.append(
                {
                    "org_unit": units[unit_key], "programme": programme, "kind": kind,
                    "title": title, "project_name": project, "commune": units[code],
                    "given_on": date(YEAR, rng.randint(3, 11), rng.randint(1, 28)),
                    "beneficiaries_total": total, "women": women,
                    "ethnic": round(total * rng.uniform(0.7, 0.95)),
                    "poor": round(total * (0.9 if kind in ("credit", "poor_households") else rng.uniform(0.3, 0.6))),
                    "violence_victims": total if kind == "other" else rng.randint(0, 1),
                    "other_vulnerable": rng.randint(0, 2),
                    "amount": Decimal(total * per_person),
                }
            )  # fmt: skip
    for code, short in OWN_PLAN.items():
        total = rng.randint(20, 40)
        rows.append(
            {
                "org_unit": units[code], "programme": "own_plan", "kind": "vocational",
                "title": f"Tập huấn kỹ thuật trồng cây ăn quả, chăn nuôi cho phụ nữ xã {short}",
                "project_name": f"Kế hoạch bình đẳng giới năm {YEAR} của UBND xã",
                "commune": units[code],
                "given_on": date(YEAR, rng.randint(4, 10), rng.randint(1, 28)),
                "beneficiaries_total": total, "women": round(total * 0.85),
                "ethnic": round(total * 0.8), "poor": round(total * 0.4),
                "violence_victims": 0, "other_vulnerable": 1,
                "amount": Decimal(rng.randint(8, 20) * 1_000_000),
            }
        )  # fmt: skip
    return rows


def run(stdout) -> None:
    units = district_units()
    office = User.objects.get(username="thuongtruc.vixuyen")
    rng = random.Random(DEMO_SEED)
    existing = set(Support.objects.values_list("org_unit_id", "given_on", "title", "commune_id"))
    for row in _rows(rng, units):
        key = (row["org_unit"].pk, row["given_on"], row["title"], row["commune"].pk)
        if key in existing:
            continue
        services.support_create(actor=office, data=services.SupportData(**row))

"""Indicator demo: the catalogue, plausible 2021-2023 values for Vị Xuyên (its 24 communes,
its bodies and the district itself), local targets of Kế hoạch 295/KH-UBND and lead units'
assessments. Values are derived from the national figures in docs/DOMAIN.md, adjusted for a
mountainous, mostly ethnic-minority district, with a fixed seed; all are marked source=demo.
"""

import random
from decimal import Decimal

from binhdang.demo.steps.s10_units import COMMUNES, district_units
from binhdang.indicators.models import (
    Assessment,
    DataElement,
    DataValue,
    DataValueChange,
    Indicator,
    LocalTarget,
    Source,
)
from binhdang.indicators.services import load_catalogue

YEARS = (2021, 2022, 2023)
PLAN = "Kế hoạch 295/KH-UBND"


def _share(rng: random.Random, base: float, step: float, i: int, spread: float = 0.04) -> float:
    """A share for year index i: a base, a yearly step and some commune-to-commune noise."""
    return min(1.0, max(0.0, base + step * i + rng.uniform(-spread, spread)))


def commune_values(rng: random.Random, code: str, township: bool) -> dict:
    """{(element, option, year): value} for one commune."""
    out = {}
    people = rng.randint(3200, 6800) * (2 if township else 1)
    births = max(40, int(people * 0.018))
    for i, year in enumerate(YEARS):
        employed = int(people * 0.56)
        employed_f = int(employed * rng.uniform(0.47, 0.50))
        wage_f = int(employed_f * _share(rng, 0.33 if township else 0.17, 0.02, i))
        agri_f = int(employed_f * _share(rng, 0.35 if township else 0.78, -0.025, i))
        boys_per_100 = rng.uniform(110.0, 118.0) - 1.3 * i
        births_y = births + rng.randint(-6, 6)
        girls = round(births_y * 100 / (100 + boys_per_100))
        detected = rng.randint(2, 8)
        detected_f = max(1, detected - rng.randint(0, 1))
        served = min(detected, round(detected * _share(rng, 0.62, 0.06, i, 0.1)))
        not_prosecuted = rng.randint(1, 5)
        households = int(people / 4.4)
        cohort = rng.randint(45, 110)
        cohort2 = rng.randint(40, 95)
        at_risk = rng.randint(15, 45)
        victims = rng.randint(2, 7)
        perps = rng.randint(2, 6)
        workers = rng.randint(8, 14)
        surveyed = rng.randint(40, 60)
        conventions = rng.randint(6, 16)
        values = {
            ("AGENCY_TOTAL", "total"): 1,
            ("AGENCY_WOMAN_LEADER", "total"): int(rng.random() < 0.28 + 0.06 * i),
            ("EMPLOYED", "total"): employed,
            ("EMPLOYED", "female"): employed_f,
            ("EMPLOYED", "male"): employed - employed_f,
            ("WAGE_WORKERS", "female"): wage_f,
            ("AGRI_WORKERS", "female"): agri_f,
            ("LIVE_BIRTHS", "total"): births_y,
            ("LIVE_BIRTHS", "female"): girls,
            ("LIVE_BIRTHS", "male"): births_y - girls,
            ("MATERNAL_DEATHS", "total"): 1 if (code, year) in {("00943", 2021), ("00937", 2022)}
            else 0,
            ("GBV_DETECTED", "total"): detected,
            ("GBV_DETECTED", "female"): detected_f,
            ("GBV_SERVED", "total"): served,
            ("GBV_SERVED", "female"): min(served, detected_f),
            ("GBV_SOUGHT_HELP", "total"): min(detected, round(detected * _share(rng, 0.35, 0.05, i, 0.1))),
            ("GBV_NEED_HELP", "total"): detected,
            ("GBV_HELPED", "total"): min(detected, round(detected * _share(rng, 0.8, 0.05, i, 0.1))),
            ("PERP_NOT_PROSECUTED", "total"): not_prosecuted,
            ("PERP_COUNSELLED", "total"): min(not_prosecuted, round(not_prosecuted * _share(rng, 0.4, 0.07, i, 0.15))),
            ("EM_PRIMARY_COHORT", "total"): cohort,
            ("EM_PRIMARY_DONE", "total"): round(cohort * _share(rng, 0.925, 0.012, i, 0.02)),
            ("EM_LOWERSEC_COHORT", "total"): cohort2,
            ("EM_LOWERSEC_DONE", "total"): round(cohort2 * _share(rng, 0.84, 0.015, i, 0.03)),
            ("GE_LAW_SESSIONS", "total"): rng.choice([1, 2, 2, 3]),
            ("REPORTING_UNITS", "total"): 1,
            ("ACTION_MONTH_UNITS", "total"): int(rng.random() < 0.7 + 0.1 * i),
            ("VILLAGE_CONVENTIONS", "total"): conventions,
            ("VILLAGE_CONVENTIONS_OK", "total"): round(conventions * _share(rng, 0.82, 0.04, i, 0.06)),
            ("HOUSEHOLDS", "total"): households,
            ("HOUSEHOLDS_DV_TALKS", "total"): round(households * _share(rng, 0.27, 0.04, i, 0.05)),
            ("AT_RISK_PEOPLE", "total"): at_risk,
            ("AT_RISK_SKILLED", "total"): round(at_risk * _share(rng, 0.55, 0.06, i, 0.08)),
            ("DV_VICTIMS", "total"): victims,
            ("DV_VICTIMS_PROTECTED", "total"): min(victims, round(victims * _share(rng, 0.82, 0.04, i, 0.1))),
            ("DV_PERPETRATORS", "total"): perps,
            ("DV_PERPETRATORS_COUNSELLED", "total"): min(perps, round(perps * _share(rng, 0.62, 0.06, i, 0.12))),
            ("COMMUNES", "total"): 1,
            ("COMMUNES_DV_MODEL", "total"): int(rng.random() < 0.8 + 0.05 * i),
            ("DV_WORKERS", "total"): workers,
            ("DV_WORKERS_TRAINED", "total"): min(workers, round(workers * _share(rng, 0.7, 0.07, i, 0.08))),
            ("SURVEYED_PEOPLE", "total"): surveyed,
            ("PEOPLE_GE_AWARE", "total"): round(surveyed * _share(rng, 0.58, 0.05, i, 0.06)),
        }  # fmt: skip
        for (element, option), value in values.items():
            out[(element, option, year)] = value
    return out


def district_values(rng: random.Random) -> dict:
    """Values reported by the district itself (surveys, district-wide counts)."""
    out = {}
    for i, year in enumerate(YEARS):
        values = {
            ("UNPAID_CARE_HOURS", "female"): Decimal(str(round(21.5 - 0.6 * i, 1))),
            ("UNPAID_CARE_HOURS", "male"): Decimal(str(round(10.4 + 0.2 * i, 1))),
            ("GENDER_IN_CURRICULUM", "total"): 0 if i == 0 else 1,
            ("GE_LAW_SESSIONS", "total"): 2 + (i > 0),
            ("AGENCY_TOTAL", "total"): 1,
            ("AGENCY_WOMAN_LEADER", "total"): 1,
        }
        for (element, option), value in values.items():
            out[(element, option, year)] = value
    return out


# body key -> {(element, option): [2021, 2022, 2023]}
BODY_VALUES = {
    "noivu": {
        ("MASTERS_HOLDERS", "total"): [104, 118, 131],
        ("MASTERS_HOLDERS", "female"): [46, 55, 63],
        ("PHD_HOLDERS", "total"): [2, 3, 3],
        ("PHD_HOLDERS", "female"): [0, 1, 1],
    },
    "tckh": {
        ("ENTERPRISE_OWNERS", "total"): [176, 189, 203],
        ("ENTERPRISE_OWNERS", "female"): [38, 43, 49],
    },
    "ldtbxh": {
        ("SOCIAL_ESTAB_TOTAL", "total"): [2, 2, 2],
        ("SOCIAL_ESTAB_GBV", "total"): [1, 1, 2],
    },
    "congan": {
        ("TRAFFICKING_NEED_SUPPORT", "total"): [3, 2, 4],
        ("TRAFFICKING_NEED_SUPPORT", "female"): [3, 2, 3],
        ("TRAFFICKING_SUPPORTED", "total"): [3, 2, 4],
        ("TRAFFICKING_SUPPORTED", "female"): [3, 2, 3],
    },
    "ttvhtt": {
        ("BROADCASTERS", "total"): [1, 1, 1],
        ("BROADCASTERS_GE_PROGRAMME", "total"): [0, 1, 1],
        ("MEDIA_AGENCIES", "total"): [1, 1, 1],
        ("MEDIA_GENDER_INDEX", "total"): [0, 0, 1],
        ("TV_CHANNELS", "total"): [1, 1, 1],
        ("TV_CHANNELS_DV", "total"): [0, 1, 1],
    },
    "yte": {
        # The district health centre stands for the "province" pilot at this level.
        ("PROVINCES_TOTAL", "total"): [1, 1, 1],
        ("PROVINCES_LGBT_PILOT", "total"): [0, 0, 0],
        ("POP_COLLAB_DV_UNITS", "total"): [0, 1, 1],
    },
}
AGENCY_BODIES = ["ldtbxh", "vanphong", "noivu", "tuphap", "vhtt", "gddt", "yte", "tckh",
                 "nnptnt", "dantoc"]  # fmt: skip
WOMAN_LED = {"ldtbxh", "gddt", "yte", "noivu"}

LEAD_UNITS = {
    "NQ28-1.1": "noivu", "QD2282-1": "noivu", "NQ28-2.1": "ldtbxh", "NQ28-2.2": "nnptnt",
    "NQ28-2.3": "tckh", "NQ28-3.1": "hlhpn", "NQ28-3.2": "ldtbxh", "NQ28-3.3": "congan",
    "NQ28-3.4": "congan", "NQ28-3.5": "ldtbxh", "NQ28-4.1": "yte", "NQ28-4.2": "yte",
    "NQ28-4.3": "yte", "NQ28-5.1": "gddt", "NQ28-5.2": "noivu", "NQ28-5.3": "noivu",
    "NQ28-5.4": "gddt", "NQ28-5.5": "gddt", "NQ28-6.1": "ttvhtt", "NQ28-6.2": "vhtt",
    "QD2232-1": "ldtbxh", "QD2232-2": "ldtbxh", "QD1790-1": "tuphap", "QD1790-2": "ldtbxh",
    "QD1790-3": "vhtt", "QD1790-4": "vhtt", "QD1790-5": "vhtt", "QD45-1": "vhtt",
    "QD45-2": "ttvhtt", "QD45-3": "hlhpn", "QD45-4": "congan", "QD45-5": "congan",
    "QD45-6": "yte", "QD45-7": "vhtt", "QD45-8": "vhtt",
}  # fmt: skip

LOCAL_TARGETS = [  # (indicator, year, value, comparison)
    ("NQ28-1.1", 2025, 50, ">="),
    ("NQ28-3.2", 2025, 75, ">="),
    ("NQ28-4.1", 2025, 112, "<="),
    ("NQ28-5.4", 2025, 95, ">="),
    ("QD45-1", 2025, 40, ">="),
]

ASSESSMENTS = {
    "NQ28-3.2": (
        "ldtbxh",
        "Năm 2023, tỷ lệ nạn nhân bạo lực trên cơ sở giới được tiếp cận ít nhất một dịch vụ "
        "hỗ trợ cơ bản tăng so với năm 2022 nhờ các địa chỉ tin cậy tại cộng đồng; tuy nhiên "
        "nhiều xã vùng cao còn thiếu nhà tạm lánh, nạn nhân ngại trình báo. Dự báo khó đạt 80% "
        "vào năm 2025 nếu giữ nhịp tăng hiện nay.",
        "Duy trì và mở rộng địa chỉ tin cậy ở 100% xã; tập huấn kỹ năng hỗ trợ nạn nhân cho "
        "cán bộ văn hóa - xã hội và công an xã; phối hợp Hội LHPN công khai đường dây nóng.",
    ),
    "NQ28-4.1": (
        "yte",
        "Tỷ số giới tính khi sinh của huyện giảm dần nhưng còn cao hơn mục tiêu 111 bé trai/100 "
        "bé gái; tình trạng lựa chọn giới tính thai nhi vẫn còn ở một số xã.",
        "Tăng cường truyền thông về hậu quả mất cân bằng giới tính khi sinh; kiểm tra việc "
        "chẩn đoán, lựa chọn giới tính thai nhi tại các cơ sở y tế tư nhân.",
    ),
    "NQ28-1.1": (
        "noivu",
        "Tỷ lệ cơ quan, đơn vị có lãnh đạo chủ chốt là nữ ở cấp xã còn thấp; nguồn cán bộ nữ "
        "trong quy hoạch còn mỏng.",
        "Rà soát quy hoạch, ưu tiên đào tạo, bồi dưỡng cán bộ nữ trẻ, cán bộ nữ người dân tộc "
        "thiểu số; bảo đảm tỷ lệ nữ trong quy hoạch cấp ủy, lãnh đạo các cấp.",
    ),
}


def run(stdout) -> None:
    load_catalogue()
    units = district_units()
    rng = random.Random(40)  # fixed: the demo is the same on every machine
    wanted: dict[tuple, object] = {}  # (unit, element code, option, year) -> value
    for code, name in COMMUNES:
        township = name.startswith("Thị trấn")
        for (element, option, year), value in commune_values(rng, code, township).items():
            wanted[(units[code].pk, element, option, year)] = value
    for (element, option, year), value in district_values(rng).items():
        wanted[(units["district"].pk, element, option, year)] = value
    for key, series in BODY_VALUES.items():
        for (element, option), values in series.items():
            for year, value in zip(YEARS, values, strict=True):
                wanted[(units[key].pk, element, option, year)] = value
    for i, year in enumerate(YEARS):
        for key in AGENCY_BODIES:
            wanted[(units[key].pk, "AGENCY_TOTAL", "total", year)] = 1
            woman = key in WOMAN_LED or (key == "tuphap" and i == 2)
            wanted[(units[key].pk, "AGENCY_WOMAN_LEADER", "total", year)] = int(woman)
        for key in ["ldtbxh", "vhtt", "gddt", "yte", "noivu", "mttq", "hlhpn", "huyendoan",
                    "hnd", "hccb", "ldld", "btg", "bchqs", "congan"]:  # fmt: skip
            wanted[(units[key].pk, "REPORTING_UNITS", "total", year)] = 1
            wanted[(units[key].pk, "ACTION_MONTH_UNITS", "total", year)] = int(
                key not in {"hccb", "bchqs"} or i == 2
            )
            wanted[(units[key].pk, "GE_LAW_SESSIONS", "total", year)] = 2 if i else 1

    elements = {e.code: e for e in DataElement.objects.all()}
    unit_ids = {k[0] for k in wanted}
    existing = set(
        DataValue.objects.filter(org_unit_id__in=unit_ids, year__in=YEARS).values_list(
            "org_unit_id", "element__code", "disaggregation", "year"
        )
    )
    new_values, changes = [], []
    for (unit_id, element, option, year), value in wanted.items():
        if (unit_id, element, option, year) in existing:
            continue  # keep what is there (demo from an earlier run, or someone's edit)
        common = {"element": elements[element], "org_unit_id": unit_id, "year": year,
                  "disaggregation": option}  # fmt: skip
        new_values.append(DataValue(**common, value=Decimal(value), source=Source.DEMO))
        changes.append(DataValueChange(**common, new_value=Decimal(value), source=Source.DEMO))
    DataValue.objects.bulk_create(new_values, batch_size=1000)
    DataValueChange.objects.bulk_create(changes, batch_size=1000)

    for code, key in LEAD_UNITS.items():
        Indicator.objects.filter(code=code, lead_unit__isnull=True).update(lead_unit=units[key])
    for code, year, value, comparison in LOCAL_TARGETS:
        LocalTarget.objects.get_or_create(
            indicator=Indicator.objects.get(code=code), owner=units["district"], year=year,
            defaults={"value": Decimal(value), "comparison": comparison, "source": PLAN},
        )  # fmt: skip
    for code, (key, text, solutions) in ASSESSMENTS.items():
        Assessment.objects.get_or_create(
            indicator=Indicator.objects.get(code=code), org_unit=units[key], year=2023,
            defaults={"assessment": text, "solutions": solutions},
        )  # fmt: skip
    stdout.write(f"Indicators: {len(new_values)} demo values for 2021-2023 (source: demo).")

"""Women in leadership in Vị Xuyên, 2021-2023: every commune's leadership posts (Party
committee, People's Council, People's Committee and the mass organisations, heads and
deputies, by sex and ethnic minority) on 30/11 of each year, its People's Council deputies of
the 2021-2026 term and its cadres in the planning 2025-2030; the district's own bodies; the
district's courses for women leaders; Phú Linh keeps its list of leaders (the counts of its
2023 posts come from it).

Deterministic (random.Random seeded by the commune's code); idempotent: a unit's records of
a date are written once.
"""

import random
from datetime import date

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import DISTRICT_BODIES, district_units
from binhdang.leadership.models import (
    CouncilDeputies,
    Leader,
    LeadershipPost,
    LeaderTraining,
    PlanningCadre,
)
from binhdang.leadership.records import save_record
from binhdang.leadership.types import DEPUTIES, PEOPLE, PLANNING, POSTS, TRAINING

YEARS = (2021, 2022, 2023)
LIST_KEEPER = "00706"  # Xã Phú Linh keeps its list of leaders

# The chance that a post of a commune body is held by a woman, by body and year: the share of
# women rises slowly after the 2021 elections.
WOMAN_SHARE = {
    "party_committee": (0.12, 0.14, 0.16),
    "peoples_council": (0.30, 0.32, 0.35),
    "peoples_committee": (0.22, 0.26, 0.30),
}

SURNAMES = ["Nguyễn", "Hoàng", "Lò", "Vàng", "Đặng", "Nông", "Ma", "Lý", "Triệu", "Sùng", "Lục", "Phàn"]  # fmt: skip
WOMEN = ["Thị Hoa", "Thị Mai", "Thị Lan", "Thị Dung", "Thị Nga", "Thị Hằng", "Thị Thu", "Thị Phượng"]  # fmt: skip
MEN = ["Văn Thắng", "Văn Sáng", "Văn Páo", "Văn Quý", "Văn Tuấn", "Văn Hùng", "Văn Chiến", "Đức Minh"]  # fmt: skip
MINORITY_SURNAMES = {"Lò", "Vàng", "Nông", "Ma", "Lý", "Triệu", "Sùng", "Lục", "Phàn", "Hoàng"}


def _bodies(place: str) -> list[tuple[str, str, int]]:
    """(kind, name, deputies) of a commune's leadership bodies."""
    return [
        ("party_committee", f"Đảng ủy {place}", 2),
        ("peoples_council", f"Hội đồng nhân dân {place}", 1),
        ("peoples_committee", f"Ủy ban nhân dân {place}", 2),
        ("mass_organisation", f"Ủy ban Mặt trận Tổ quốc {place}", 1),
        ("mass_organisation", f"Hội Liên hiệp Phụ nữ {place}", 1),
        ("mass_organisation", f"Đoàn Thanh niên {place}", 1),
        ("mass_organisation", f"Hội Nông dân {place}", 1),
    ]


def _women(rng, kind: str, name: str, year_index: int, seats: int) -> int:
    if "Phụ nữ" in name:
        return seats
    share = WOMAN_SHARE.get(kind, (0.2, 0.22, 0.25))[year_index]
    return sum(1 for _ in range(seats) if rng.random() < share)


def _save(actor, rtype, unit, raw):
    return save_record(actor=actor, rtype=rtype, unit=unit, raw=raw)


def _commune_posts(actor, unit, place: str, code: str) -> None:
    for index, year in enumerate(YEARS):
        as_of = date(year, 11, 30)
        if LeadershipPost.objects.filter(org_unit=unit, as_of=as_of).exists():
            continue
        if code == LIST_KEEPER and year == YEARS[-1]:
            continue  # counted from the list below
        rng = random.Random(f"{code}-{year}")
        for kind, name, deputies in _bodies(place):
            for post, seats in (("head", 1), ("deputy", deputies)):
                women = _women(rng, kind, name, index, seats)
                ethnic = sum(1 for _ in range(seats) if rng.random() < 0.8)
                _save(actor, POSTS, unit, {
                    "as_of": as_of, "level": "commune", "body_kind": kind, "body_name": name,
                    "post": post, "total": seats, "women": women, "ethnic_minority": ethnic,
                })  # fmt: skip


def _name(rng, woman: bool) -> tuple[str, bool]:
    surname = rng.choice(SURNAMES)
    given = rng.choice(WOMEN if woman else MEN)
    return f"{surname} {given}", surname in MINORITY_SURNAMES


def _list_of_leaders(actor, unit, place: str) -> None:
    as_of = date(YEARS[-1], 11, 30)
    if Leader.objects.filter(org_unit=unit, as_of=as_of).exists():
        return
    rng = random.Random(f"{LIST_KEEPER}-list")
    for kind, name, deputies in _bodies(place):
        for post, seats in (("head", 1), ("deputy", deputies)):
            women = _women(rng, kind, name, len(YEARS) - 1, seats)
            for seat in range(seats):
                full_name, minority = _name(rng, seat < women)
                _save(actor, PEOPLE, unit, {
                    "as_of": as_of, "level": "commune", "body_kind": kind, "body_name": name,
                    "post": post, "full_name": full_name,
                    "sex": "female" if seat < women else "male", "ethnic_minority": minority,
                    "birth_year": rng.randint(1968, 1990),
                })  # fmt: skip


def _commune_deputies_and_planning(actor, unit, code: str) -> None:
    rng = random.Random(f"{code}-council")
    as_of = date(YEARS[-1], 11, 30)
    if not CouncilDeputies.objects.filter(org_unit=unit, as_of=as_of).exists():
        total = rng.randint(25, 30)
        women = round(total * rng.uniform(0.24, 0.36))
        _save(actor, DEPUTIES, unit, {
            "term": "2021-2026", "as_of": as_of, "level": "commune", "total": total,
            "women": women, "ethnic_minority": round(total * rng.uniform(0.7, 0.95)),
        })  # fmt: skip
    if PlanningCadre.objects.filter(org_unit=unit, as_of=as_of).exists():
        return
    for kind in ("party_committee", "peoples_council", "peoples_committee"):
        for post, low, high in (("head", 2, 3), ("deputy", 3, 5)):
            total = rng.randint(low, high)
            _save(actor, PLANNING, unit, {
                "term": "2025-2030", "as_of": as_of, "level": "commune", "body_kind": kind,
                "post": post, "total": total, "women": rng.randint(1, max(1, total // 2)),
                "young": rng.randint(0, total // 2), "ethnic_minority": rng.randint(total // 2, total),
            })  # fmt: skip


def _district(actor, units) -> None:
    district = units["district"]
    rng = random.Random("030-district")
    bodies = [
        ("party_committee", "Huyện ủy Vị Xuyên", 3, 0),
        ("peoples_council", "Hội đồng nhân dân huyện Vị Xuyên", 2, 1),
        ("peoples_committee", "Ủy ban nhân dân huyện Vị Xuyên", 3, 1),
    ]
    for key, name, _short, kind in DISTRICT_BODIES:
        if kind == "department":
            bodies.append(("department", name, 2, 1 if rng.random() < 0.45 else 0))
        elif kind in ("mass_organisation", "fatherland_front"):
            women = 3 if key == "hlhpn" else (1 if rng.random() < 0.3 else 0)
            bodies.append(("mass_organisation", name, 2, women))
    for index, year in enumerate(YEARS):
        as_of = date(year, 11, 30)
        if LeadershipPost.objects.filter(org_unit=district, as_of=as_of).exists():
            continue
        for kind, name, deputies, women in bodies:
            # The head is a woman only in the women's union; women are deputies elsewhere.
            head_women = 1 if "Phụ nữ" in name else 0
            deputy_women = min(deputies, max(0, women - head_women - (len(YEARS) - 1 - index) // 2))
            for post, seats, w in (("head", 1, head_women), ("deputy", deputies, deputy_women)):
                _save(actor, POSTS, district, {
                    "as_of": as_of, "level": "district", "body_kind": kind, "body_name": name,
                    "post": post, "total": seats, "women": w,
                    "ethnic_minority": min(seats, rng.randint(0, seats)),
                })  # fmt: skip
    if not LeaderTraining.objects.filter(org_unit=district).exists():
        for held_on, title, audience, people, women in (
            (date(2023, 5, 18), "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ trong diện quy hoạch", "planned", 62, 58),
            (date(2023, 9, 21), "Tập huấn kỹ năng hoạt động cho nữ đại biểu Hội đồng nhân dân các xã, thị trấn nhiệm kỳ 2021-2026", "deputies", 118, 118),
        ):  # fmt: skip
            _save(actor, TRAINING, district, {
                "held_on": held_on, "title": title, "audience": audience,
                "participants": people, "women": women, "course_ref": "",
            })  # fmt: skip


def run(stdout) -> None:
    units = district_units()
    actor = User.objects.get(username="admin")
    from binhdang.demo.steps.s10_units import COMMUNES

    for code, name in COMMUNES:
        unit = units[code]
        place = name.replace("Xã ", "xã ").replace("Thị trấn ", "thị trấn ")
        _commune_posts(actor, unit, place, code)
        if code == LIST_KEEPER:
            _list_of_leaders(actor, unit, place)
        _commune_deputies_and_planning(actor, unit, code)
    _district(actor, units)
    stdout.write(
        f"Leadership: {LeadershipPost.objects.count()} post counts, "
        f"{Leader.objects.count()} leaders on Phú Linh's list."
    )

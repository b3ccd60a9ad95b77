"""Hà Giang -> Vị Xuyên, its 24 communes with their real GSO codes, its bodies, unit groups
and one demo user per role and kind of unit."""

from datetime import date

from binhdang.accounts.models import Membership, User
from binhdang.accounts.permissions import Role, Scope
from binhdang.orgunits.importer import LEGACY_END
from binhdang.orgunits.models import AdminSet, Kind, OrgUnit, UnitGroup

# Demo passwords exist only here, for the demo accounts on a development machine.
DEMO_PASSWORD = "BinhDang@2023"  # noqa: S105

COMMUNES = [
    ("00703", "Xã Kim Thạch"), ("00706", "Xã Phú Linh"), ("00709", "Xã Kim Linh"),
    ("00913", "Thị trấn Vị Xuyên"), ("00916", "Thị trấn Nông Trường Việt Lâm"),
    ("00919", "Xã Minh Tân"), ("00922", "Xã Thuận Hoà"), ("00925", "Xã Tùng Bá"),
    ("00928", "Xã Thanh Thủy"), ("00931", "Xã Thanh Đức"), ("00934", "Xã Phong Quang"),
    ("00937", "Xã Xín Chải"), ("00940", "Xã Phương Tiến"), ("00943", "Xã Lao Chải"),
    ("00952", "Xã Cao Bồ"), ("00955", "Xã Đạo Đức"), ("00958", "Xã Thượng Sơn"),
    ("00961", "Xã Linh Hồ"), ("00964", "Xã Quảng Ngần"), ("00967", "Xã Việt Lâm"),
    ("00970", "Xã Ngọc Linh"), ("00973", "Xã Ngọc Minh"), ("00976", "Xã Bạch Ngọc"),
    ("00979", "Xã Trung Thành"),
]  # fmt: skip

# (key, name, short name, kind)
DISTRICT_BODIES = [
    ("ldtbxh", "Phòng Lao động - Thương binh và Xã hội huyện", "Phòng LĐ-TB&XH", Kind.DEPARTMENT),
    ("vanphong", "Văn phòng HĐND và UBND huyện", "VP HĐND-UBND", Kind.DEPARTMENT),
    ("noivu", "Phòng Nội vụ huyện", "Phòng Nội vụ", Kind.DEPARTMENT),
    ("tuphap", "Phòng Tư pháp huyện", "Phòng Tư pháp", Kind.DEPARTMENT),
    ("vhtt", "Phòng Văn hóa và Thông tin huyện", "Phòng VH&TT", Kind.DEPARTMENT),
    ("gddt", "Phòng Giáo dục và Đào tạo huyện", "Phòng GD&ĐT", Kind.DEPARTMENT),
    ("yte", "Phòng Y tế huyện", "Phòng Y tế", Kind.DEPARTMENT),
    ("tckh", "Phòng Tài chính - Kế hoạch huyện", "Phòng TC-KH", Kind.DEPARTMENT),
    ("nnptnt", "Phòng Nông nghiệp và Phát triển nông thôn huyện", "Phòng NN&PTNT", Kind.DEPARTMENT),
    ("dantoc", "Phòng Dân tộc huyện", "Phòng Dân tộc", Kind.DEPARTMENT),
    (
        "ttvhtt",
        "Trung tâm Văn hóa, Thể thao và Truyền thông huyện",
        "Trung tâm VH-TT&TT",
        Kind.MEDIA,
    ),
    ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "UBMTTQ huyện", Kind.FATHERLAND_FRONT),
    ("hlhpn", "Hội Liên hiệp Phụ nữ huyện", "Hội LHPN huyện", Kind.MASS_ORGANISATION),
    ("huyendoan", "Huyện đoàn Vị Xuyên", "Huyện đoàn", Kind.MASS_ORGANISATION),
    ("hnd", "Hội Nông dân huyện", "Hội Nông dân", Kind.MASS_ORGANISATION),
    ("hccb", "Hội Cựu chiến binh huyện", "Hội CCB", Kind.MASS_ORGANISATION),
    ("ldld", "Liên đoàn Lao động huyện", "LĐLĐ huyện", Kind.MASS_ORGANISATION),
    ("btg", "Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo HU", Kind.PARTY_BOARD),
    ("bchqs", "Ban Chỉ huy Quân sự huyện", "BCH Quân sự", Kind.ARMED_FORCES),
    ("congan", "Công an huyện", "Công an huyện", Kind.ARMED_FORCES),
    ("bvstbpn", "Ban vì sự tiến bộ của phụ nữ huyện", "Ban VSTBPN huyện", Kind.CFAW),
]

# (username, full name, unit key, role, scope)
USERS = [
    ("thuongtruc.vixuyen", "Nguyễn Thị Hoa", "district", Role.STANDING_OFFICE, Scope.SUBTREE),
    ("lanhdao.vixuyen", "Đặng Thị Phượng", "district", Role.LEADER, Scope.SUBTREE),
    ("xem.vixuyen", "Lý Văn Sơn", "district", Role.VIEWER, Scope.SUBTREE),
    ("baocao.phulinh", "Hoàng Thị Mai", "00706", Role.REPORTER, Scope.UNIT),
    ("truong.phulinh", "Nguyễn Văn Thắng", "00706", Role.UNIT_HEAD, Scope.UNIT),
    ("baocao.kimthach", "Vàng Thị Dung", "00703", Role.REPORTER, Scope.UNIT),
    ("baocao.hlhpn", "Phạm Thị Lan", "hlhpn", Role.REPORTER, Scope.UNIT),
    ("baocao.mttq", "Lê Văn Hùng", "mttq", Role.REPORTER, Scope.UNIT),
    ("baocao.congan", "Trần Văn Quân", "congan", Role.REPORTER, Scope.UNIT),
    ("baocao.vhtt", "Đỗ Thị Hằng", "vhtt", Role.REPORTER, Scope.UNIT),
    ("baocao.btg", "Nông Văn Tuấn", "btg", Role.REPORTER, Scope.UNIT),
    ("baocao.bvstbpn", "Hà Thị Nga", "bvstbpn", Role.REPORTER, Scope.UNIT),
    ("thuongtruc.hagiang", "Vũ Thị Thu", "province", Role.STANDING_OFFICE, Scope.SUBTREE),
]


def _unit(external_id, **values) -> OrgUnit:
    """Adopt the imported unit when present, else create it with the same key, so a later
    `import-admin-units` recognises it."""
    unit = OrgUnit.objects.filter(external_id=external_id).first()
    if unit is None:
        unit = OrgUnit(external_id=external_id, **values)
        unit.save()
    return unit


def district_units() -> dict[str, OrgUnit]:
    province = _unit(
        "legacy:province:02", code="02", name="Tỉnh Hà Giang", short_name="Hà Giang",
        kind=Kind.PROVINCE, division_type="tỉnh", admin_set=AdminSet.LEGACY, valid_to=LEGACY_END,
    )  # fmt: skip
    district = _unit(
        "legacy:district:030", code="030", name="Huyện Vị Xuyên", short_name="Vị Xuyên",
        kind=Kind.DISTRICT, division_type="huyện", admin_set=AdminSet.LEGACY, parent=province,
        valid_to=LEGACY_END,
    )  # fmt: skip
    units = {"province": province, "district": district}
    for code, name in COMMUNES:
        township = name.startswith("Thị trấn")
        division = "thị trấn" if township else "xã"
        units[code] = _unit(
            f"legacy:ward:{code}", code=code, name=name,
            short_name=name.removeprefix("Thị trấn ").removeprefix("Xã "),
            kind=Kind.TOWNSHIP if township else Kind.COMMUNE, division_type=division,
            admin_set=AdminSet.LEGACY, parent=district, valid_to=LEGACY_END,
        )  # fmt: skip
    for key, name, short, kind in DISTRICT_BODIES:
        units[key] = _unit(
            f"demo:vixuyen:{key}", name=name, short_name=short, kind=kind, parent=district,
            admin_set=AdminSet.LOCAL, valid_from=date(2010, 1, 1),
        )  # fmt: skip
    units["so_ldtbxh"] = _unit(
        "demo:hagiang:soldtbxh", name="Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang",
        short_name="Sở LĐ-TB&XH", kind=Kind.DEPARTMENT, parent=province, admin_set=AdminSet.LOCAL,
    )  # fmt: skip
    units["ldtbxh"].email = "ldtbxh.vx@hagiang.gov.vn"
    units["ldtbxh"].save(update_fields=["email"])
    return units


def unit_groups(units) -> None:
    district = units["district"]
    groups = [
        ("cac-xa", "UBND các xã, thị trấn", [Kind.COMMUNE, Kind.TOWNSHIP, Kind.WARD]),
        ("cac-phong-ban", "Các phòng, ban, ngành huyện", [Kind.DEPARTMENT, Kind.MEDIA]),
        (
            "mttq-doan-the",
            "Ủy ban MTTQVN huyện và các tổ chức chính trị - xã hội huyện",
            [Kind.FATHERLAND_FRONT, Kind.MASS_ORGANISATION],
        ),
        ("luc-luong-vu-trang", "Lực lượng vũ trang huyện", [Kind.ARMED_FORCES]),
    ]
    for slug, name, kinds in groups:
        UnitGroup.objects.update_or_create(
            owner=district, slug=slug,
            defaults={"name": name, "rule_root": district, "rule_kinds": [str(k) for k in kinds]},
        )  # fmt: skip


def demo_users(units) -> None:
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"full_name": "Quản trị hệ thống", "is_staff": True,
                                    "is_superuser": True, "email": "admin@example.org"}
    )  # fmt: skip
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for username, full_name, unit_key, role, scope in USERS:
        unit = units[unit_key]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, org_unit=unit, role=role, defaults={"scope": scope}
        )


def run(stdout) -> None:
    units = district_units()
    unit_groups(units)
    demo_users(units)


def login_table() -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):", f"  {'admin':<22} administrator"]
    from binhdang.demo.steps.s60_current import USERS as CURRENT_USERS
    from binhdang.demo.steps.s65_cases import USERS as CASE_USERS

    names = {
        username: f"{name} (2025)" if admin_set == AdminSet.Y2025 else name
        for username, name, admin_set in Membership.objects.values_list(
            "user__username", "org_unit__name", "org_unit__admin_set"
        )
    }
    for username, _full_name, _unit_key, role, _scope in [*USERS, *CURRENT_USERS, *CASE_USERS]:
        lines.append(f"  {username:<22} {role.value:<16} {names.get(username, '')}")
    return "\n".join(lines)

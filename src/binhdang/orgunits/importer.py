"""Loading Vietnam's real administrative units from the `vietnam-provinces` package.

Two sets: `legacy` (63 provinces, 696 districts, 10,051 communes, valid until 30/6/2025) and
`2025` (34 provinces, 3,321 communes, from 1/7/2025). When both are present, each 2025 unit is
linked to the legacy units it was formed from (many-to-many successor links).

The import is idempotent: units are matched by `external_id`, only missing units are created
and only changed fields are written, so a second run changes nothing. It works level by level
with bulk operations inside one transaction (fast on SQLite and PostgreSQL alike).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from .models import AdminSet, Kind, OrgUnit, units_changed

LEGACY_END = date(2025, 6, 30)
REFORM_START = date(2025, 7, 1)

_KIND_BY_DIVISION = {
    "tỉnh": Kind.PROVINCE,
    "thành phố trung ương": Kind.PROVINCE,
    "xã": Kind.COMMUNE,
    "phường": Kind.WARD,
    "thị trấn": Kind.TOWNSHIP,
    "đặc khu": Kind.SPECIAL_ZONE,
}


@dataclass
class Row:
    external_id: str
    code: str
    name: str
    division_type: str
    kind: str
    parent_external_id: str | None
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    links_created: int = 0
    counts: dict = field(default_factory=dict)


def _short_name(name: str, division_type: str) -> str:
    prefix = division_type.capitalize() + " "
    return name[len(prefix) :] if name.startswith(prefix) else name


def legacy_rows() -> list[list[Row]]:
    from vietnam_provinces.legacy import District, Province, Ward

    provinces = [
        Row(
            f"legacy:province:{p.code:02d}",
            f"{p.code:02d}",
            p.name,
            str(p.division_type),
            Kind.PROVINCE,
            None,
            None,
            LEGACY_END,
        )
        for p in Province.iter_all()
    ]
    districts = [
        Row(
            f"legacy:district:{d.code:03d}",
            f"{d.code:03d}",
            d.name,
            str(d.division_type),
            Kind.DISTRICT,
            f"legacy:province:{d.province_code:02d}",
            None,
            LEGACY_END,
        )
        for d in District.iter_all()
    ]
    wards = [
        Row(
            f"legacy:ward:{w.code:05d}",
            f"{w.code:05d}",
            w.name,
            str(w.division_type),
            _KIND_BY_DIVISION.get(str(w.division_type), Kind.COMMUNE),
            f"legacy:district:{w.district_code:03d}",
            None,
            LEGACY_END,
        )
        for w in Ward.iter_all()
    ]
    return [provinces, districts, wards]


def reform_rows() -> list[list[Row]]:
    from vietnam_provinces import Province, Ward

    provinces = [
        Row(
            f"2025:province:{p.code:02d}",
            f"{p.code:02d}",
            p.name,
            str(p.division_type),
            Kind.PROVINCE,
            None,
            REFORM_START,
            None,
        )
        for p in Province.iter_all()
    ]
    wards = [
        Row(
            f"2025:ward:{w.code:05d}",
            f"{w.code:05d}",
            w.name,
            str(w.division_type),
            _KIND_BY_DIVISION.get(str(w.division_type), Kind.COMMUNE),
            f"2025:province:{w.province_code:02d}",
            REFORM_START,
            None,
        )
        for w in Ward.iter_all()
    ]
    return [provinces, wards]


def _reform_links() -> list[tuple[str, str]]:
    """(legacy external id, 2025 external id) pairs from the package's conversion table."""
    from vietnam_provinces import Province, Ward

    pairs = []
    for p in Province.iter_all():
        for old in p.get_legacy_sources():
            pairs.append((f"legacy:province:{old.code:02d}", f"2025:province:{p.code:02d}"))
    for w in Ward.iter_all():
        for old in w.get_legacy_sources():
            pairs.append((f"legacy:ward:{old.code:05d}", f"2025:ward:{w.code:05d}"))
    return pairs


_FIELDS = ("code", "name", "short_name", "division_type", "kind", "valid_from", "valid_to")


@transaction.atomic
def import_admin_units(admin_set: str) -> ImportResult:
    if admin_set == AdminSet.LEGACY:
        levels = legacy_rows()
    elif admin_set == AdminSet.Y2025:
        levels = reform_rows()
    else:
        raise ValueError(f"Unknown unit set {admin_set!r}: use legacy or 2025.")
    result = ImportResult()
    prefix = f"{admin_set}:"
    existing = {u.external_id: u for u in OrgUnit.objects.filter(external_id__startswith=prefix)}
    for level_index, rows in enumerate(levels):
        to_create, to_update = [], []
        for row in rows:
            parent = existing[row.parent_external_id] if row.parent_external_id else None
            values = {
                "code": row.code,
                "name": row.name,
                "short_name": _short_name(row.name, row.division_type),
                "division_type": row.division_type,
                "kind": row.kind,
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
            }
            unit = existing.get(row.external_id)
            if unit is None:
                unit = OrgUnit(
                    external_id=row.external_id,
                    admin_set=admin_set,
                    parent=parent,
                    level=level_index,
                    **values,
                )
                unit.search_text = unit.compute_search_text()
                to_create.append(unit)
                continue
            changed = [f for f in _FIELDS if getattr(unit, f) != values[f]]
            if parent is not None and unit.parent_id != parent.pk:
                # A unit moved under another parent in a new package release: rare enough to
                # fix with a plain save, which recomputes the path.
                unit.parent = parent
                for f in changed:
                    setattr(unit, f, values[f])
                unit.save()
                result.updated += 1
                continue
            if changed:
                for f in changed:
                    setattr(unit, f, values[f])
                unit.search_text = unit.compute_search_text()
                to_update.append(unit)
            else:
                result.unchanged += 1
        if to_create:
            OrgUnit.objects.bulk_create(to_create, batch_size=2000)
            for unit in to_create:
                unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
                existing[unit.external_id] = unit
            OrgUnit.objects.bulk_update(to_create, ["path"], batch_size=2000)
            result.created += len(to_create)
        if to_update:
            OrgUnit.objects.bulk_update(to_update, [*_FIELDS, "search_text"], batch_size=2000)
            result.updated += len(to_update)
            units_changed()
    result.links_created = link_reform_successors()
    result.counts = {
        kind: OrgUnit.objects.filter(admin_set=admin_set, kind=kind).count()
        for kind in (
            Kind.PROVINCE,
            Kind.DISTRICT,
            Kind.COMMUNE,
            Kind.WARD,
            Kind.TOWNSHIP,
            Kind.SPECIAL_ZONE,
        )
    }
    return result


def link_reform_successors() -> int:
    """Create the legacy -> 2025 successor links missing between units both present."""
    ids = dict(
        OrgUnit.objects.filter(admin_set__in=[AdminSet.LEGACY, AdminSet.Y2025])
        .exclude(external_id=None)
        .values_list("external_id", "pk")
    )
    if not any(k.startswith("2025:") for k in ids) or not any(k.startswith("legacy:") for k in ids):
        return 0
    Through = OrgUnit.successors.through
    wanted = {(ids[old], ids[new]) for old, new in _reform_links() if old in ids and new in ids}
    present = set(Through.objects.values_list("from_orgunit_id", "to_orgunit_id"))
    missing = wanted - present
    if missing:
        units_changed()
    Through.objects.bulk_create(
        [Through(from_orgunit_id=a, to_orgunit_id=b) for a, b in missing], batch_size=5000
    )
    return len(missing)

"""The real administrative units, from the vietnam-provinces package."""

import pytest

from binhdang.orgunits.importer import import_admin_units
from binhdang.orgunits.models import AdminSet, Kind, OrgUnit

COMMUNE_KINDS = [Kind.COMMUNE, Kind.WARD, Kind.TOWNSHIP, Kind.SPECIAL_ZONE]


@pytest.fixture(scope="module")
def both_sets(django_db_setup, django_db_blocker):
    """Import both sets once for the module (a few seconds), and remove them afterwards."""
    with django_db_blocker.unblock():
        legacy = import_admin_units(AdminSet.LEGACY)
        reform = import_admin_units(AdminSet.Y2025)
        yield legacy, reform
        # A raw delete: these units have no related rows, and collecting cascades over every
        # app's tables for 14,000 units would take longer than the import itself.
        OrgUnit.successors.through.objects.all()._raw_delete("default")
        imported = OrgUnit.objects.filter(admin_set__in=[AdminSet.LEGACY, AdminSet.Y2025])
        for level in (2, 1, 0):
            imported.filter(level=level)._raw_delete("default")


def _count(admin_set, kinds):
    return OrgUnit.objects.filter(admin_set=admin_set, kind__in=kinds).count()


@pytest.mark.django_db
def test_it_loads_every_legacy_unit(both_sets):
    assert _count(AdminSet.LEGACY, [Kind.PROVINCE]) == 63
    assert _count(AdminSet.LEGACY, [Kind.DISTRICT]) == 696
    assert _count(AdminSet.LEGACY, COMMUNE_KINDS) == 10051


@pytest.mark.django_db
def test_it_loads_every_2025_unit(both_sets):
    assert _count(AdminSet.Y2025, [Kind.PROVINCE]) == 34
    assert _count(AdminSet.Y2025, COMMUNE_KINDS) == 3321
    assert _count(AdminSet.Y2025, [Kind.DISTRICT]) == 0


@pytest.mark.django_db
def test_it_changes_nothing_on_a_second_run(both_sets):
    before = OrgUnit.objects.count(), OrgUnit.successors.through.objects.count()
    again = import_admin_units(AdminSet.LEGACY)
    assert (again.created, again.updated, again.links_created) == (0, 0, 0)
    assert again.unchanged == 63 + 696 + 10051
    assert (OrgUnit.objects.count(), OrgUnit.successors.through.objects.count()) == before


@pytest.mark.django_db
def test_it_closes_legacy_units_and_opens_2025_units(both_sets):
    vi_xuyen = OrgUnit.objects.get(external_id="legacy:district:030")
    assert vi_xuyen.name == "Huyện Vị Xuyên"
    assert str(vi_xuyen.valid_to) == "2025-06-30"
    assert vi_xuyen.parent.external_id == "legacy:province:02"
    new = OrgUnit.objects.filter(admin_set=AdminSet.Y2025).first()
    assert str(new.valid_from) == "2025-07-01" and new.valid_to is None


@pytest.mark.django_db
def test_it_links_2025_communes_to_their_legacy_sources_in_vi_xuyen(both_sets):
    xa_vi_xuyen = OrgUnit.objects.get(admin_set=AdminSet.Y2025, name="Xã Vị Xuyên")
    sources = set(xa_vi_xuyen.get_legacy_sources().values_list("code", flat=True))
    # DOMAIN.md: xã Vị Xuyên <- 00913, 00916, 00955 and part of 00967.
    assert sources == {"00913", "00916", "00955", "00967"}
    phu_linh = OrgUnit.objects.get(admin_set=AdminSet.Y2025, name="Xã Phú Linh")
    assert set(phu_linh.get_legacy_sources().values_list("code", flat=True)) == {
        "00703",
        "00706",
        "00709",
    }
    # Many-to-many: Việt Lâm (00967) was split, so it has more than one successor.
    viet_lam = OrgUnit.objects.get(external_id="legacy:ward:00967")
    assert viet_lam.successors.count() >= 2
    # Phong Quang went into phường Hà Giang 2.
    phong_quang = OrgUnit.objects.get(external_id="legacy:ward:00934")
    assert "Hà Giang 2" in {u.short_name for u in phong_quang.successors.all()} | {
        u.name.removeprefix("Phường ") for u in phong_quang.successors.all()
    }


@pytest.mark.django_db
def test_it_finds_units_without_accents_and_by_subtree(both_sets):
    names = set(OrgUnit.objects.search("vi xuyen").values_list("name", flat=True))
    assert {"Huyện Vị Xuyên", "Thị trấn Vị Xuyên", "Xã Vị Xuyên"} <= names
    ha_giang = OrgUnit.objects.get(external_id="legacy:province:02")
    under = OrgUnit.objects.subtree_of(ha_giang, include_self=False)
    assert under.filter(kind=Kind.DISTRICT).count() == 11
    assert under.filter(external_id="legacy:ward:00706").exists()
    assert not under.filter(external_id="legacy:ward:00001").exists()

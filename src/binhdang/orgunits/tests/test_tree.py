import pytest

from binhdang.orgunits.models import Kind, OrgUnit, UnitGroup


@pytest.mark.django_db
def test_it_rewrites_the_subtree_when_a_unit_moves(world):
    w = world
    village = OrgUnit(name="Thôn Nặm Tiến", kind=Kind.OTHER, parent=w.commune_a)
    village.save()
    assert village.path.startswith(w.district.path)
    w.commune_a.parent = w.district2
    w.commune_a.save()
    village.refresh_from_db()
    assert village.path.startswith(w.district2.path)
    assert village.level == w.commune_a.level + 1
    assert not OrgUnit.objects.subtree_of(w.district).filter(pk=village.pk).exists()


@pytest.mark.django_db
def test_it_resolves_a_rule_group_including_units_added_later(world):
    w = world
    group = UnitGroup.objects.create(
        owner=w.district, name="UBND các xã", slug="cac-xa", rule_root=w.district,
        rule_kinds=[Kind.COMMUNE],
    )  # fmt: skip
    assert set(group.resolve()) == {w.commune_a, w.commune_b}
    new = OrgUnit(name="Xã Mới", kind=Kind.COMMUNE, parent=w.district)
    new.save()
    group.members.add(w.womens_union)
    assert set(group.resolve()) == {w.commune_a, w.commune_b, new, w.womens_union}

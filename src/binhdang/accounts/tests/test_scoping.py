import pytest

from binhdang.accounts.scoping import has_permission, units_for
from binhdang.directives.permissions import DIRECTIVE_MANAGE
from binhdang.orgunits.permissions import ORGUNIT_VIEW
from binhdang.reporting.permissions import SUBMISSION_EDIT


@pytest.mark.django_db
def test_it_gives_a_subtree_role_every_unit_below(world):
    w = world
    units = set(units_for(w.standing_office, DIRECTIVE_MANAGE))
    assert {w.district, w.commune_a, w.commune_b, w.labour_office} <= units
    assert w.commune_c not in units and w.province not in units


@pytest.mark.django_db
def test_it_keeps_a_unit_role_to_its_unit(world):
    w = world
    assert set(units_for(w.reporter_a, SUBMISSION_EDIT)) == {w.commune_a}
    assert not has_permission(w.reporter_a, SUBMISSION_EDIT, w.commune_b)


@pytest.mark.django_db
def test_it_fails_closed(world):
    w = world
    assert not units_for(w.nobody, ORGUNIT_VIEW).exists()
    assert not units_for(w.leader, SUBMISSION_EDIT).exists()  # leaders read and sign only
    w.reporter_a.is_active = False
    assert not units_for(w.reporter_a, ORGUNIT_VIEW).exists()

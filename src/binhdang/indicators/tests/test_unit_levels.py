"""The level an indicator is reported at, for many units at once: one query, the same answer
as asking unit by unit."""

import pytest

from binhdang.indicators.models import Level
from binhdang.indicators.selectors import unit_level, unit_levels

pytestmark = pytest.mark.django_db


def test_the_levels_of_many_units_come_in_one_query(world, django_assert_num_queries):
    units = [
        world.province, world.district, world.commune_a, world.commune_c, world.labour_office,
    ]  # fmt: skip
    expected = {u.pk: unit_level(u) for u in units}
    assert expected[world.province.pk] == Level.PROVINCE
    assert expected[world.district.pk] == expected[world.labour_office.pk] == Level.DISTRICT
    assert expected[world.commune_a.pk] == Level.COMMUNE
    with django_assert_num_queries(1):
        assert unit_levels(units) == expected

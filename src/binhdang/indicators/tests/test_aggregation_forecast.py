from decimal import Decimal

import pytest

from binhdang.indicators import forecast
from binhdang.indicators.aggregation import rollup, unit_series
from binhdang.indicators.models import DataElement, DataValue, Indicator
from binhdang.indicators.selectors import indicator_rows
from binhdang.indicators.services import load_catalogue

pytestmark = pytest.mark.django_db


def _value(element, unit, year, value, option="total"):
    DataValue.objects.create(
        element=element, org_unit=unit, year=year, disaggregation=option, value=Decimal(value)
    )


@pytest.fixture
def gbv(world):
    load_catalogue()
    indicator = Indicator.objects.get(code="NQ28-3.2")
    detected = DataElement.objects.get(code="GBV_DETECTED")
    served = DataElement.objects.get(code="GBV_SERVED")
    # Commune A: 1 of 2 served (50%); commune B: 90 of 100 served (90%).
    _value(detected, world.commune_a, 2023, 2)
    _value(served, world.commune_a, 2023, 1)
    _value(detected, world.commune_b, 2023, 100)
    _value(served, world.commune_b, 2023, 90)
    return indicator


def test_it_adds_numerators_and_denominators_instead_of_averaging_ratios(world, gbv):
    figures = rollup(gbv, 2023, parent=world.province)
    district = figures[world.district.pk]
    assert district.numerator == 91
    assert district.denominator == 102
    assert round(district.value, 2) == Decimal("89.22")
    assert round(district.value, 2) != Decimal("70.00")  # the mean of 50% and 90%


def test_it_gives_each_child_its_own_subtree(world, gbv):
    figures = rollup(gbv, 2023, parent=world.district)
    assert figures[world.commune_a.pk].value == 50
    assert figures[world.commune_b.pk].value == 90
    assert world.commune_c.pk not in figures


def test_it_rolls_up_to_root_units(world, gbv):
    figures = rollup(gbv, 2023)
    assert figures[world.province.pk].numerator == 91


def test_it_shows_a_non_aggregating_indicator_per_unit_only(world):
    load_catalogue()
    indicator = Indicator.objects.get(code="QD1790-1")
    sessions = indicator.numerator
    _value(sessions, world.commune_a, 2023, 2)
    _value(sessions, world.commune_b, 2023, 3)
    series = unit_series([indicator], world.district)
    assert series[indicator.pk] == {}  # nothing of the district's own
    _value(sessions, world.district, 2023, 1)
    series = unit_series([indicator], world.district)
    assert series[indicator.pk][2023].value == 1  # not 6
    children = rollup(indicator, 2023, parent=world.district)
    assert children[world.commune_a.pk].value == 2


def test_it_projects_a_known_series():
    trend = forecast.linear_trend({2021: 40, 2022: 45, 2023: 50})
    assert forecast.project(trend, 2025) == pytest.approx(60)
    assert forecast.project(trend, 2030) == pytest.approx(85)
    assert forecast.project(trend, 2030, percent=True) == pytest.approx(85)
    assert forecast.linear_trend({2023: 50}) is None


def test_it_rates_a_single_projection_with_the_margin():
    assert forecast.status(60, 60, ">=") == forecast.ON_TRACK
    assert forecast.status(55, 60, ">=") == forecast.AT_RISK  # 5 short, margin 6
    assert forecast.status(50, 60, ">=") == forecast.OFF_TRACK
    assert forecast.status(50, 60, ">=", margin_percent=20) == forecast.AT_RISK
    assert forecast.status(None, 60, ">=") == forecast.NOT_ENOUGH
    assert forecast.status(50, None, ">=") == forecast.NO_TARGET


def test_it_builds_dashboard_rows_with_forecast_and_status(world, gbv):
    detected = DataElement.objects.get(code="GBV_DETECTED")
    served = DataElement.objects.get(code="GBV_SERVED")
    _value(detected, world.commune_a, 2022, 10)
    _value(served, world.commune_a, 2022, 4)
    row = indicator_rows(world.reporter_a, world.commune_a, 2023, [gbv])[0]
    assert row.values == {2022: 40.0, 2023: 50.0}
    # Two yearly values: no forecast and no status.
    assert row.projection_2025 is None
    assert row.statuses[0].status == forecast.NOT_ENOUGH
    assert row.statuses[0].years == 2
    _value(detected, world.commune_a, 2021, 10)
    _value(served, world.commune_a, 2021, 3)
    row = indicator_rows(world.reporter_a, world.commune_a, 2023, [gbv])[0]
    # 30, 40, 50: the line gives 70 in 2025, with no scatter (an interval of zero width).
    assert row.projection_2025 == pytest.approx(70)
    assert (row.statuses[0].low, row.statuses[0].high) == (pytest.approx(70), pytest.approx(70))
    # The path from 30 (2021) to 80 (2025) asks 55 in 2023; 50 is behind it, and 70 misses
    # ">= 80" by 10, more than the margin (10% of 80 = 8).
    assert row.statuses[0].required == pytest.approx(55)
    assert row.statuses[0].on_path is False
    assert row.statuses[0].status == forecast.OFF_TRACK


def test_it_ships_every_target_of_the_domain_document(db):
    load_catalogue()
    assert Indicator.objects.filter(programme="nq28").count() >= 19
    assert Indicator.objects.get(code="NQ28-1.1").target_2025 == 60
    assert Indicator.objects.get(code="NQ28-1.1").target_2030 == 75
    srb = Indicator.objects.get(code="NQ28-4.1")
    assert (srb.target_2025, srb.target_2025_comparison, srb.direction) == (111, "<=", "lower")
    assert Indicator.objects.get(code="NQ28-5.5").unconfirmed
    assert Indicator.objects.get(code="NQ28-5.5").target_2025 is None
    assert Indicator.objects.get(code="QD2232-1").target_2025 == 50
    assert Indicator.objects.get(code="QD45-1").target_2025 == 40
    assert Indicator.objects.get(code="QD1790-5").target_2030 == 100
    assert Indicator.objects.get(code="QD2282-1").target_2030 == 75
    # An administrator's correction survives a second load.
    Indicator.objects.filter(code="NQ28-2.1").update(target_2030=Decimal("61"))
    load_catalogue()
    assert Indicator.objects.get(code="NQ28-2.1").target_2030 == 61


def test_a_lead_unit_is_not_asked_to_assess_an_indicator_above_its_level(world):
    from binhdang.indicators.selectors import due_assessments

    load_catalogue()
    Indicator.objects.filter(code__in=["NQ28-3.1", "NQ28-4.3"]).update(lead_unit=world.womens_union)
    due = [i.code for i, _unit in due_assessments(world.dept_reporter, 2023)]
    assert "NQ28-3.1" in due
    assert "NQ28-4.3" not in due  # a share of provinces: national only

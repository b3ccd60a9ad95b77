"""The assessments due in "my work", kept in the shared cache between requests: the next load
after an assessment is recorded or removed, or an indicator's lead unit or activity changes,
shows the change."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binhdang.core.views import work_groups
from binhdang.indicators.models import Assessment, Indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]


def _due(user) -> set[str]:
    """The addresses of the assessments in `user`'s work."""
    return {
        row.item.url
        for group in work_groups(user)
        if group.kind.key == "indicator-assessments"
        for row in group.rows
    }


def _kept(user) -> set[str]:
    """`_due(user)` loaded twice: the second from the cache, without reading an indicator."""
    first = _due(user)
    with CaptureQueriesContext(connection) as queries:
        second = _due(user)
    assert second == first
    assert not [q for q in queries if "indicators_" in q["sql"]]
    return second


def _lead(code: str, unit) -> Indicator:
    """`unit` made the lead unit of the indicator, as the catalogue's admin page saves it."""
    indicator = Indicator.objects.get(code=code)
    indicator.lead_unit = unit
    indicator.save()
    return indicator


def test_my_work_shows_each_assessment_recorded_and_each_indicator_led(world, catalogue, login):
    year = date.today().year - 1
    unit, reporter = world.womens_union, world.dept_reporter
    first = reverse("indicators:assess", args=[unit.pk, "NQ28-3.1", year])
    second = reverse("indicators:assess", args=[unit.pk, "NQ28-1.1", year])
    _lead("NQ28-3.1", unit)
    assert _kept(reporter) == {first}

    # Another indicator given to the unit to lead: a second assessment due.
    _lead("NQ28-1.1", unit)
    assert _kept(reporter) == {first, second}

    # The first assessment recorded on its page: no longer due.
    client = login(reporter)
    response = client.post(first, {"assessment": "Đạt chỉ tiêu; cần duy trì.", "solutions": ""})
    assert response.status_code == 302
    assert Assessment.objects.filter(org_unit=unit, year=year).count() == 1
    assert _kept(reporter) == {second}
    home = client.get(reverse("core:home")).content.decode()
    assert second in home and first not in home

    # The assessment removed (the admin page): due again.
    Assessment.objects.get(org_unit=unit, year=year).delete()
    assert _kept(reporter) == {first, second}

    # An indicator withdrawn from the catalogue, and one led by another unit: neither is due.
    indicator = Indicator.objects.get(code="NQ28-1.1")
    indicator.is_active = False
    indicator.save()
    assert _kept(reporter) == {first}
    _lead("NQ28-3.1", world.labour_office)
    assert _kept(reporter) == set()

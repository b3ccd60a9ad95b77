"""The standing office creates a round and its form from the pages."""

import pytest

from binhdang.directives.tests.factories import make_directive
from binhdang.orgunits.models import UnitGroup
from binhdang.reporting.models import FormSection, NumericField, ReportingRound, RoundStatus

from .factories import make_round

pytestmark = pytest.mark.django_db


def _data(world, **extra):
    data = {
        "title": "Báo cáo bình đẳng giới năm 2024",
        "period_type": "year",
        "period_year": "2024",
        "opens_on": "14/04/2024",
        "deadline": "05/12/2024",
        "soft_copy_email": "ldtbxh@example.vn",
        "owner_unit": str(world.district.pk),
        "standing_office": str(world.labour_office.pk),
        "units": [str(world.commune_a.pk), str(world.womens_union.pk)],
        "reminder_days": "7, 2",
        "remind_every_days_after": "3",
    }
    data.update(extra)
    return data


def test_it_creates_a_round_with_one_section_per_top_level_task(world, login):
    directive = make_directive(world)
    earlier = make_round(world)
    groups = UnitGroup.objects.filter(owner=world.district)
    client = login(world.standing_office)
    response = client.post(
        "/rounds/new/",
        _data(
            world,
            directive=str(directive.pk),
            copy_fields_from=str(earlier.pk),
            groups=[str(g.pk) for g in groups],
        ),
    )
    created = ReportingRound.objects.exclude(pk=earlier.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/rounds/{created.slug}/"
    assert created.status == RoundStatus.DRAFT
    assert created.directive == directive
    assert created.deadline.isoformat() == "2024-12-05"
    assert created.reminder_offsets == [-7, -2]
    assert [(s.number, s.title) for s in created.sections.all()] == [("1", "Công tác tuyên truyền")]
    assert created.sections.get().task.number == "1"
    assert set(created.fields.values_list("code", flat=True)) == {
        "participants",
        "participants_women",
        "courses",
    }
    women = created.fields.get(code="participants_women")
    assert women.part_of.round_id == created.pk
    assert set(created.addressed_units.all()) == {world.commune_a, world.womens_union}

    page = client.get(f"/rounds/{created.slug}/")
    assert "Công tác tuyên truyền" in page.content.decode()


def test_it_adds_a_section_and_a_field_to_a_draft_round(world, login):
    client = login(world.standing_office)
    client.post("/rounds/new/", _data(world))
    created = ReportingRound.objects.get()
    client.post(f"/rounds/{created.slug}/sections/add/", {"number": "2", "title": "Chiến lược"})
    client.post(
        f"/rounds/{created.slug}/fields/add/",
        {"code": "courses", "label": "Lớp tập huấn", "unit_of_measure": "lớp", "value_type": "int"},
    )
    bad = client.post(
        f"/rounds/{created.slug}/fields/add/",
        {"code": "có dấu", "label": "X", "value_type": "int"},
        follow=True,
    )
    assert FormSection.objects.get(round=created).title == "Chiến lược"
    assert NumericField.objects.get(round=created).unit_of_measure == "lớp"
    assert NumericField.objects.filter(round=created).count() == 1
    assert "msg-error" in bad.content.decode()


def test_it_hides_the_page_from_a_reporter(world, login):
    client = login(world.reporter_a)
    assert client.get("/rounds/new/").status_code == 404
    assert client.post("/rounds/new/", _data(world)).status_code == 404
    assert not ReportingRound.objects.exists()


def test_it_refuses_a_unit_outside_scope_and_saves_nothing(world, login):
    client = login(world.standing_office)
    response = client.post("/rounds/new/", _data(world, units=[str(world.commune_c.pk)]))
    assert response.status_code == 200
    assert "units" in response.context["form"].errors
    assert "errorlist" in response.content.decode()
    assert not ReportingRound.objects.exists()


def test_it_refuses_a_deadline_before_the_opening_date(world, login):
    client = login(world.standing_office)
    response = client.post("/rounds/new/", _data(world, deadline="01/01/2024"))
    assert "deadline" in response.context["form"].errors
    assert not ReportingRound.objects.exists()


def test_it_refuses_changes_to_the_form_of_an_open_round(world, login):
    reporting_round = make_round(world)
    client = login(world.standing_office)
    client.post(f"/rounds/{reporting_round.slug}/sections/add/", {"number": "9", "title": "X"})
    assert not reporting_round.sections.filter(number="9").exists()

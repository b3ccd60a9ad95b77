"""'Việc của tôi' (my work): each user sees what they must act on, one group per kind of work
with its count, the first rows of each and the full list a click away, every unit named with
its district or province."""

import re
from datetime import date

import pytest
from django.urls import reverse

from binhdang.core.views import HOME_ROWS

pytestmark = pytest.mark.django_db


def _groups(html: str) -> dict[str, int]:
    """Group headings on the page: {"Đánh giá chỉ tiêu": 35, ...}."""
    return {
        name.strip(): int(count.replace(".", ""))
        for name, count in re.findall(r"<h2[^>]*>([^<(]+)\(([\d.]+)\)</h2>", html)
    }


def _rows(html: str, group_key: str) -> list[str]:
    section = html.split(f'id="work-{group_key}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<tr><td[^>]*>.*?</tr>", section, re.S)


@pytest.fixture
def province_office(world):
    from binhdang.accounts.models import Membership, User

    user = User.objects.create_user(username="thuongtruc_tinh", password="pw-x")
    Membership.objects.create(
        user=user, org_unit=world.province, role="standing_office", scope="subtree"
    )
    return user


def test_a_province_office_sees_assessments_grouped_with_their_districts(
    world, province_office, login
):
    from binhdang.indicators.models import Assessment, Indicator, Level
    from binhdang.indicators.services import load_catalogue
    from binhdang.orgunits.models import Kind, OrgUnit

    load_catalogue()
    health = []
    for district in (world.district, world.district2):
        unit = OrgUnit(name="Phòng Y tế", kind=Kind.DEPARTMENT, parent=district)
        unit.save()
        health.append(unit)
    # A district body assesses only the indicators reported at district level.
    indicators = [
        i
        for i in Indicator.objects.filter(is_active=True).order_by("order")
        if i.applies_at(Level.DISTRICT)
    ]
    assert len(indicators) > HOME_ROWS + 1
    for i, indicator in enumerate(indicators):
        indicator.lead_unit = health[i % 2]
        indicator.save(update_fields=["lead_unit"])
    done = indicators[0]
    Assessment.objects.create(
        indicator=done, org_unit=done.lead_unit, year=date.today().year - 1, assessment="Đạt."
    )
    due = len(indicators) - 1

    client = login(province_office)
    html = client.get(reverse("core:home")).content.decode()
    assert _groups(html) == {"Đánh giá chỉ tiêu": due}
    rows = _rows(html, "indicator-assessments")
    assert len(rows) == HOME_ROWS
    for row in rows:
        assert "Phòng Y tế · Huyện Vị Xuyên" in row or "Phòng Y tế · Huyện Bắc Mê" in row, row
    assert done.code not in "".join(rows)
    more = re.search(r'href="(\?work=indicator-assessments)"', html)
    assert more, "a link to the full list"

    full = client.get(reverse("core:home") + more.group(1)).content.decode()
    assert _groups(full) == {"Đánh giá chỉ tiêu": due}
    rows = _rows(full, "indicator-assessments")
    assert len(rows) == due
    assert sum("Huyện Bắc Mê" in r for r in rows) == sum(
        1 for i in indicators[1:] if i.lead_unit == health[1]
    )
    assert 'href="/"' in full or f'href="{reverse("core:home")}"' in full  # back to all work


def test_a_commune_reporter_still_sees_their_draft_report_and_tasks(world, login):
    from binhdang.directives.tests.factories import make_directive
    from binhdang.reporting.tests.factories import fill, make_round

    reporting_round = make_round(world)
    fill(world, reporting_round)
    directive = make_directive(world, due_on=date(2023, 6, 30))
    html = login(world.reporter_a).get(reverse("core:home")).content.decode()
    groups = _groups(html)
    assert groups["Nhiệm vụ theo văn bản chỉ đạo"] == 1
    assert sum(groups.values()) == 2  # the task and the report, nothing else
    assert groups["Báo cáo cần gửi"] == 1
    report = _rows(html, "reports-to-send")[0]
    assert reporting_round.title in report and "Xã Phú Linh · Huyện Vị Xuyên" in report
    assert "Dự thảo" in report  # the draft, not a blank "not started"
    tasks = _rows(html, "tasks")
    assert directive.number_symbol in tasks[0]
    assert "Xã Phú Linh · Huyện Vị Xuyên" in tasks[0]
    assert "30/06/2023" in tasks[0]


def test_the_other_commune_sees_none_of_it(world, login):
    from binhdang.directives.tests.factories import make_directive

    make_directive(world)
    html = login(world.reporter_b).get(reverse("core:home")).content.decode()
    assert _groups(html) == {}
    assert "không có việc đến hạn" in html


def test_units_are_named_with_their_district_or_province(world):
    from binhdang.orgunits.models import Kind, OrgUnit
    from binhdang.orgunits.selectors import unit_place_labels

    commune_body = OrgUnit(
        name="Hội Phụ nữ xã", kind=Kind.MASS_ORGANISATION, parent=world.commune_a
    )
    commune_body.save()
    units = [
        world.labour_office, world.commune_a, world.district, world.province, commune_body,
    ]  # fmt: skip
    labels = unit_place_labels(units)
    assert labels[world.labour_office.pk] == f"{world.labour_office.name} · Huyện Vị Xuyên"
    assert labels[world.commune_a.pk] == "Xã Phú Linh · Huyện Vị Xuyên"
    assert labels[world.district.pk] == "Huyện Vị Xuyên · Tỉnh Hà Giang"
    assert labels[world.province.pk] == "Tỉnh Hà Giang"
    assert labels[commune_body.pk] == "Hội Phụ nữ xã · Xã Phú Linh, Huyện Vị Xuyên"

"""The buttons and filters of the reporting pages, pressed as a browser would: the form's
field names and values are read from the rendered HTML, posted, and the database checked.
A unit with an id above 100,000 and a long name takes part, so ids must print plainly."""

from datetime import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.notifications.models import Notification
from binhdang.orgunits.models import Kind, OrgUnit
from binhdang.reporting import services
from binhdang.reporting.models import TZ, NumericField, Submission
from tests.html_forms import form, rows

from .factories import fill, make_round, submitted

pytestmark = pytest.mark.django_db

LONG_NAME = "Xã Thượng Sơn thuộc vùng đặc biệt khó khăn của huyện Vị Xuyên tỉnh Hà Giang"


@pytest.fixture(autouse=True)
def vietnamese(settings, tmp_path):
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def far_commune(world):
    """A commune whose id is above 100,000, with a long name, expected in the round."""
    unit = OrgUnit(pk=123457, name=LONG_NAME, kind=Kind.COMMUNE, parent=world.district)
    unit.save()
    from binhdang.accounts.models import Membership, User

    reporter = User.objects.create_user(username="reporter_far", password="pw-reporter_far")
    Membership.objects.create(user=reporter, org_unit=unit, role="reporter", scope="unit")
    unit.reporter = reporter
    return unit


def test_the_office_reminds_the_units_it_ticks(world, login, far_commune):
    reporting_round = make_round(world)
    fill(world, reporting_round)  # commune A has a draft: still pending
    client = login(world.standing_office)
    page = client.get(reverse("reporting:remind", args=[reporting_round.slug]))
    remind = form(page.content, has="units")
    far = remind.control(label=LONG_NAME[:20])
    kim_thach = remind.control(label="Kim Thạch")
    assert far.attrs["value"] == "123457"  # an id prints plainly, never 123.457
    # The page ticks every pending unit; the office keeps two.
    url = reverse("reporting:remind", args=[reporting_round.slug])
    response = client.post(url, remind.data(units=[far.attrs["value"], kim_thach.attrs["value"]]))
    assert response.status_code == 302
    reminded = set(Notification.objects.filter(title__contains=reporting_round.title).values_list(
        "user__username", flat=True
    ))  # fmt: skip
    assert reminded == {"reporter_far", "reporter_b"}


def test_the_round_page_filters_show_the_matching_units(world, login, far_commune):
    reporting_round = make_round(world)
    submitted(world)  # commune A: sent
    client = login(world.standing_office)
    url = reverse("reporting:detail", args=[reporting_round.slug])
    page = client.get(url)
    filters = form(page.content, action="#completeness")
    everyone = {r[0] for r in rows(page.content, "units")}
    assert everyone == {"Xã Phú Linh", "Xã Kim Thạch", LONG_NAME, "Hội Liên hiệp Phụ nữ huyện"}

    missing = filters.option("bucket", "^Chưa gửi$|^Missing$")
    shown = client.get(url, filters.data(bucket=missing))
    assert {r[0] for r in rows(shown.content, "units")} == {
        "Xã Kim Thạch", LONG_NAME, "Hội Liên hiệp Phụ nữ huyện",
    }  # fmt: skip

    communes = filters.option("group", "UBND các xã")
    shown = client.get(url, filters.data(group=communes, q="thượng sơn"))
    assert [r[0] for r in rows(shown.content, "units")] == [LONG_NAME]

    to_review = filters.option("bucket", "Chờ xem xét|Waiting for review")
    shown = client.get(url, filters.data(bucket=to_review))
    assert [r[0] for r in rows(shown.content, "units")] == ["Xã Phú Linh"]
    # The filter form keeps the choice made.
    assert form(shown.content, action="#completeness").data()["bucket"] == to_review


def test_the_by_unit_filter_shows_the_units_of_the_chosen_directive(world, login, far_commune):
    from binhdang.directives.tests.factories import make_directive

    make_directive(world, number="760/UBND-LĐTBXH", lead=[world.commune_a])
    make_directive(world, number="761/UBND-LĐTBXH", lead=[far_commune], recipients=[far_commune])
    client = login(world.standing_office)
    url = reverse("directives:by_unit")
    page = client.get(url)
    assert {r[0] for r in _table_rows(page.content)} == {"Xã Phú Linh", LONG_NAME}
    choose = form(page.content, has="directive")
    shown = client.get(url, choose.data(directive=choose.option("directive", "761/UBND")))
    assert [r[0] for r in _table_rows(shown.content)] == [LONG_NAME]
    shown = client.get(url, choose.data(directive=choose.option("directive", "760/UBND")))
    assert [r[0] for r in _table_rows(shown.content)] == ["Xã Phú Linh"]


def _table_rows(html):
    """The rows of the first data table of the page (by_unit.html gives it no id)."""
    text = html.decode().replace('<table class="data"', '<table id="first" class="data"', 1)
    return rows(text, "first")


def test_read_only_views_write_numbers_as_a_person_reads_them(world, login):
    reporting_round = make_round(world)
    NumericField.objects.filter(round=reporting_round, code="courses").update(value_type="decimal")
    submission = fill(world, reporting_round)
    fresh = Submission.objects.get(pk=submission.pk)
    services.submission_save_draft(
        actor=world.reporter_a, submission=fresh,
        data={"values": {"participants": "14.085", "participants_women": "7.000",
                         "courses": "1.104,4"}},
        expected_version=fresh.version,
    )  # fmt: skip
    services.submission_submit(actor=world.reporter_a, submission=fresh)
    client = login(world.standing_office)
    for name in ("submission", "review"):
        html = client.get(
            reverse(f"reporting:{name}", args=[reporting_round.slug, world.commune_a.pk])
        ).content.decode()
        assert "14.085" in html and "1.104,4" in html, name
        assert "14085" not in html and "1104,4" not in html, name
    services.submission_reopen(actor=world.standing_office, submission=fresh, reason="Sửa số")
    fresh = Submission.objects.get(pk=submission.pk)
    services.submission_save_draft(
        actor=world.reporter_a, submission=fresh, data={"values": {"participants": "15.120"}},
        expected_version=fresh.version,
    )  # fmt: skip
    services.submission_submit(actor=world.reporter_a, submission=fresh)
    html = client.get(
        reverse("reporting:versions", args=[reporting_round.slug, world.commune_a.pk])
    ).content.decode()
    assert "14.085" in html and "15.120" in html


def test_the_completeness_export_holds_real_dates(world, login):
    reporting_round = make_round(world)
    submission = submitted(world)
    response = login(world.standing_office).get(
        reverse("reporting:export", args=[reporting_round.slug])
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["C2"].value == datetime(2023, 12, 5)
    assert sheet["C2"].number_format == "dd/mm/yyyy"
    row = next(r for r in sheet.iter_rows(min_row=5) if r[1].value == "Xã Phú Linh")
    first = row[5]
    assert isinstance(first.value, datetime)
    assert first.number_format.startswith("dd/mm/yyyy")
    expected = Submission.objects.get(pk=submission.pk).first_submitted_at.astimezone(TZ)
    assert first.value == expected.replace(tzinfo=None, microsecond=first.value.microsecond)


def test_the_completeness_rows_show_the_local_times_and_each_unit_s_links(world, login):
    import re

    reporting_round = make_round(world)
    a = submitted(world)
    b = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    services.submission_submit(actor=world.reporter_b, submission=b)
    services.submission_accept(actor=world.standing_office, submission=b)
    html = (
        login(world.standing_office)
        .get(reverse("reporting:detail", args=[reporting_round.slug]))
        .content.decode()
    )

    def row(unit):
        return re.search(rf'<tr data-unit="{unit.name}">(.*?)</tr>', html, re.S).group(1)

    def unit_url(name, unit):
        return reverse(f"reporting:{name}", args=[reporting_round.slug, unit.pk])

    a_row, b_row = row(world.commune_a), row(world.commune_b)
    sent = Submission.objects.get(pk=a.pk).first_submitted_at.astimezone(TZ)
    assert f"<td>{sent:%d/%m/%Y %H:%M}</td>\n      <td>—</td>" in a_row
    assert f'href="{unit_url("submission", world.commune_a)}"' in a_row
    assert f'href="{unit_url("review", world.commune_a)}"' in a_row
    accepted = Submission.objects.get(pk=b.pk).accepted_at.astimezone(TZ)
    assert f"<td>{accepted:%d/%m/%Y}</td>" in b_row
    assert f'href="{unit_url("submission", world.commune_b)}"' in b_row
    assert "/review/" not in b_row
    missing = re.findall(r'<tr data-unit="[^"]*">(.*?)</tr>', html, re.S)
    assert any("<td>—</td>\n      <td>—</td>" in r and "href" not in r for r in missing)

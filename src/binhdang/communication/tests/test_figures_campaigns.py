"""The figures counted from the activities over a round's cut-off window, the yearly Action
Month made by the periodic job, and the campaign page."""

from datetime import date
from decimal import Decimal

import pytest

from binhdang.communication.models import Campaign, CampaignTemplate
from binhdang.communication.services import ensure_recurring_campaigns
from binhdang.communication.tests.factories import action_month, make_activity
from binhdang.core.periodic import PERIODIC
from binhdang.core.registry import figure
from tests.html_forms import form, rows

pytestmark = pytest.mark.django_db

WINDOW = (date(2022, 12, 15), date(2023, 12, 14))


def test_the_window_ends_on_the_14th(world):
    make_activity(world, starts_on=date(2023, 12, 14), audience_total=100, audience_women=60,
                  audience_ethnic=40, leaflets=10)  # fmt: skip
    make_activity(world, starts_on=date(2023, 12, 15), audience_total=999, audience_women=1,
                  audience_ethnic=1, leaflets=999)  # fmt: skip
    make_activity(world, starts_on=date(2022, 12, 15), channel="contest", audience_total=20,
                  audience_women=10, audience_ethnic=5, leaflets=0, topics="")  # fmt: skip
    make_activity(world, starts_on=date(2023, 6, 1), channel="radio", audience_total=5000,
                  audience_women=2500, audience_ethnic=0, leaflets=7)  # fmt: skip
    make_activity(world, world.commune_b, starts_on=date(2023, 6, 1))
    ids = [world.commune_a.pk, world.commune_b.pk, world.commune_c.pk]
    got = {key: figure(key).compute(ids, *WINDOW) for key in (
        "communication.sessions", "communication.participants",
        "communication.participants_women", "communication.participants_ethnic",
        "communication.leaflets", "communication.law_sessions")}  # fmt: skip
    a = world.commune_a.pk
    # The meeting of 14/12 and the contest of 15/12/2022 are sessions; the radio is not.
    assert got["communication.sessions"][a] == Decimal(2)
    assert got["communication.participants"][a] == Decimal(120)
    assert got["communication.participants_women"][a] == Decimal(70)
    assert got["communication.participants_ethnic"][a] == Decimal(45)
    assert got["communication.leaflets"][a] == Decimal(17)  # 10 + 7; the 999 of 15/12 is out
    assert got["communication.law_sessions"][a] == Decimal(1)  # the contest has no topic
    assert got["communication.sessions"][world.commune_b.pk] == Decimal(1)
    assert world.commune_c.pk not in got["communication.sessions"]
    # The next window starts with the activity of 15/12.
    later = figure("communication.leaflets").compute([a], date(2023, 12, 15), None)
    assert later == {a: Decimal(999)}


def test_a_figure_links_to_its_records(world, login):
    make_activity(world, starts_on=date(2023, 12, 14), title="Buổi ngày 14")
    make_activity(world, starts_on=date(2023, 12, 15), title="Buổi ngày 15")
    url = figure("communication.sessions").records_url(world.commune_a.pk, *WINDOW)
    page = login(world.reporter_a).get(url).content.decode()
    assert "Buổi ngày 14" in page and "Buổi ngày 15" not in page


def test_the_action_month_is_made_once_a_year_by_the_periodic_job(world):
    assert CampaignTemplate.objects.filter(key="action-month").exists()  # shipped
    job = next(j for j in PERIODIC if j.name == "recurring-campaigns")
    assert job.every > 0
    job.run()
    job.run()  # a second worker, or the next interval: nothing more
    this_year = Campaign.objects.filter(kind="action_month")
    assert this_year.count() == 1
    campaign = this_year.get()
    assert (campaign.starts_on.day, campaign.starts_on.month) == (15, 11)
    assert (campaign.ends_on.day, campaign.ends_on.month) == (15, 12)
    assert ensure_recurring_campaigns(2023)[0].title.endswith("năm 2023")
    assert ensure_recurring_campaigns(2023) == []


def test_the_campaign_page_shows_each_unit_day_by_day(world, login):
    month = action_month(2023)
    make_activity(world, starts_on=date(2023, 11, 15), title="Lễ phát động Tháng hành động",
                  campaign=month, audience_total=300, audience_women=200, audience_ethnic=100)  # fmt: skip
    make_activity(world, starts_on=date(2023, 11, 25), title="Nói chuyện chuyên đề", campaign=month,
                  audience_total=80, audience_women=50, audience_ethnic=60)  # fmt: skip
    make_activity(world, world.commune_b, starts_on=date(2023, 11, 25), title="Hội thi Kim Thạch",
                  campaign=month, audience_total=120, audience_women=70, audience_ethnic=30)  # fmt: skip
    page = login(world.standing_office).get(f"/communication/campaigns/{month.pk}/")
    html = page.content.decode()
    assert rows(html, "days") == [
        ["15/11/2023", "1", "1", "300"],
        ["25/11/2023", "2", "2", "200"],
    ]
    assert "2 đơn vị, 3 hoạt động" in html and "500 lượt người" in html
    assert "Xã Kim Thạch" in html and "Lễ phát động" in html
    assert 'id="chart-monthly"' in html
    # Commune B reads its own part only.
    html_b = login(world.reporter_b).get(f"/communication/campaigns/{month.pk}/").content.decode()
    assert "Hội thi Kim Thạch" in html_b and "Lễ phát động" not in html_b


def test_the_standing_office_launches_a_local_campaign(world, login):
    client = login(world.standing_office)
    page = client.get("/communication/campaigns/new/")
    f = form(page.content, id="campaign-form")
    response = client.post(page.wsgi_request.path, f.data(
        org_unit=f.option("org_unit", "Huyện Vị Xuyên"),
        title="Chiến dịch tuyên truyền phòng, chống tảo hôn hè 2023",
        starts_on="2023-06-01", ends_on="2023-08-31"))  # fmt: skip
    campaign = Campaign.objects.get(kind="local")
    assert response["Location"] == f"/communication/campaigns/{campaign.pk}/"
    assert campaign.org_unit == world.district and campaign.year == 2023
    # Communes under the district see it and file their activities under it.
    assert login(world.reporter_a).get(response["Location"]).status_code == 200
    assert login(world.outsider).get(response["Location"]).status_code == 404
    # A commune reporter may not launch one.
    assert login(world.reporter_a).get("/communication/campaigns/new/").status_code == 404


def test_a_records_link_works_for_a_unit_beyond_the_filter_list(world, login, monkeypatch):
    from binhdang.communication import forms

    monkeypatch.setattr(forms, "MAX_CHOICES", 1)  # the list holds the district only
    make_activity(world, world.commune_b, starts_on=date(2023, 5, 5), title="Buổi của Kim Thạch")
    make_activity(world, starts_on=date(2023, 5, 5), title="Buổi của Phú Linh")
    url = figure("communication.sessions").records_url(world.commune_b.pk, *WINDOW)
    page = login(world.standing_office).get(url).content.decode()
    assert "Buổi của Kim Thạch" in page and "Buổi của Phú Linh" not in page

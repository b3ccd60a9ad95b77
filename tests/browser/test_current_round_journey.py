"""The demo's current world in the browser, on today's clock: the commune officer of Xã Phú
Linh (2025) finds the province's round in "Việc của tôi", opens the commune's draft, types and
sends it; the Sở Nội vụ sees the round's completeness over the communes, the returned one, and
reviews a report. Screenshots: var/screenshots/."""

from io import StringIO
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "BinhDang@2023"  # noqa: S105 - the demo's published password


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"current-{name}.png"), full_page=True)


def _sign_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def _counts(page, slug):
    page.goto(f"{page.base_url}/rounds/{slug}/")
    cards = page.locator(".counts .card")
    return {
        cards.nth(i).get_attribute("data-bucket"): int(cards.nth(i).locator(".count").inner_text())
        for i in range(cards.count())
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_commune_of_2025_sends_and_the_so_noi_vu_follows_up(page, settings, tmp_path):
    from datetime import date

    from django.core.management import call_command

    from binhdang.orgunits.models import OrgUnit
    from binhdang.reporting.models import ReportingRound, Submission, SubmissionStatus

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load-demo", stdout=StringIO())
    reporting_round = ReportingRound.objects.get(slug=f"kh-bdg-tuyenquang-{date.today().year}")
    phu_linh = OrgUnit.objects.get(external_id="2025:ward:00706")
    section = reporting_round.sections.get(number="3")
    expected = reporting_round.expected_rows.count()

    _sign_in(page, "vhxh.phulinh2025")
    work = page.locator("#work-reports-to-send")
    assert work.locator("a", has_text=reporting_round.title).count() == 1
    assert "2023" not in work.inner_text()
    _shot(page, "1-my-work")
    work.locator("a", has_text=reporting_round.title).click()
    page.wait_for_load_state()
    assert f"/units/{phu_linh.pk}/" in page.url
    page.fill(
        f"#a_{section.pk}_done",
        "Kiện toàn Ban vì sự tiến bộ của phụ nữ xã Phú Linh sau sắp xếp; 12 lượt cán bộ dự tập "
        "huấn.",
    )
    page.wait_for_selector("#save-status:has-text(':')", timeout=10000)
    _shot(page, "2-commune-report")
    page.click("button[value=submit]")
    page.wait_for_load_state()
    sent = Submission.objects.get(round=reporting_round, org_unit=phu_linh)
    assert sent.status == SubmissionStatus.SUBMITTED and not sent.is_late
    assert "12 lượt cán bộ" in sent.answers.get(section=section, part="done").text

    _sign_in(page, "noivu.tuyenquang")
    counts = _counts(page, reporting_round.slug)
    _shot(page, "3-completeness")
    assert counts["expected"] == expected
    assert (counts["on_time"], counts["late"], counts["returned"], counts["draft"]) == (7, 0, 1, 2)
    assert counts["missing"] == expected - 10
    units = page.locator("#units")
    assert units.locator("tr", has_text="Xã Việt Lâm").count() >= 1
    assert units.locator("tr", has_text="Xã Phú Linh").count() >= 1

    vi_xuyen = OrgUnit.objects.get(external_id="2025:ward:00913")
    page.goto(f"{page.base_url}/rounds/{reporting_round.slug}/units/{vi_xuyen.pk}/review/")
    _shot(page, "4-review")
    page.click("button[value=accept]")
    page.wait_for_load_state()
    reviewed = Submission.objects.get(round=reporting_round, org_unit=vi_xuyen)
    assert reviewed.status == SubmissionStatus.ACCEPTED

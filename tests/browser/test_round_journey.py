"""The seed's round end to end in the browser: a commune reporter submits, the standing office
returns it with a comment, the reporter revises and resubmits, the standing office accepts;
the completeness page shows the right counts at each step. Screenshots: var/screenshots/."""

from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"round-{name}.png"), full_page=True)


def _sign_in(page, user):
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
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
def test_it_runs_a_round_from_submission_to_acceptance(page, world):
    from datetime import timedelta

    from django.utils import timezone

    from binhdang.reporting.tests.factories import make_round

    today = timezone.localdate()
    reporting_round = make_round(
        world, opens_on=today - timedelta(days=10), deadline=today + timedelta(days=20)
    )
    slug = reporting_round.slug
    section = reporting_round.sections.get(number="1")

    _sign_in(page, world.standing_office)
    assert _counts(page, slug) == {
        "expected": 3, "on_time": 0, "late": 0, "returned": 0, "awaiting_approval": 0,
        "draft": 0, "missing": 3,
    }  # fmt: skip
    _shot(page, "1-completeness-start")

    _sign_in(page, world.reporter_a)
    page.goto(f"{page.base_url}/rounds/{slug}/units/{world.commune_a.pk}/")
    page.fill(f"#a_{section.pk}_done", "Đã tổ chức 6 buổi tuyên truyền tại các thôn.")
    page.fill("#v_participants", "240")
    page.wait_for_selector("#save-status:has-text(':')", timeout=10000)  # autosave reported
    _shot(page, "2-reporter-form")
    page.click("button[value=submit]")
    page.wait_for_load_state()

    _sign_in(page, world.standing_office)
    counts = _counts(page, slug)
    assert (counts["on_time"], counts["missing"]) == (1, 2)

    _sign_in(page, world.standing_office)
    page.goto(f"{page.base_url}/rounds/{slug}/units/{world.commune_a.pk}/review/")
    page.fill(f"#c_{section.pk}", "Đề nghị bổ sung số liệu người tham gia là nữ")
    _shot(page, "3-review")
    page.click("button[value=return]")
    page.wait_for_load_state()
    _shot(page, "4-completeness-returned")
    counts = _counts(page, slug)
    assert (counts["on_time"], counts["returned"], counts["missing"]) == (0, 1, 2)

    _sign_in(page, world.reporter_a)
    page.goto(f"{page.base_url}/rounds/{slug}/units/{world.commune_a.pk}/")
    assert page.locator(".review-comment", has_text="người tham gia là nữ").count() >= 1
    page.fill("#v_participants_women", "130")
    _shot(page, "5-revise")
    page.click("button[value=submit]")
    page.wait_for_load_state()

    _sign_in(page, world.standing_office)
    page.goto(f"{page.base_url}/rounds/{slug}/units/{world.commune_a.pk}/review/")
    page.click("button[value=accept]")
    page.wait_for_load_state()
    _shot(page, "6-completeness-accepted")
    counts = _counts(page, slug)
    assert (counts["on_time"], counts["returned"], counts["missing"]) == (1, 0, 2)
    assert page.locator("#units tr", has_text="Xã Phú Linh").locator(".status.ok").count() == 2

    from binhdang.reporting.models import Submission

    submission = Submission.objects.get(round=reporting_round, org_unit=world.commune_a)
    assert submission.status == "accepted"
    assert [v.event for v in submission.versions.order_by("number")] == [
        "submit", "return", "submit", "accept",
    ]  # fmt: skip
    assert submission.values.get(field__code="participants_women").value == 130
    from binhdang.reporting import selectors

    totals = selectors.completeness(world.standing_office, reporting_round).totals
    assert (totals["on_time"] + totals["late"], totals["missing"], totals["accepted"]) == (1, 2, 1)

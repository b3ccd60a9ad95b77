"""Test 19 in the browser: a report received at the commune becomes a case, a no-contact
request is decided by the chair, a referral to a trusted address is accepted and done, the
action plan is returned with a reason and then approved by the supervisor, the case is closed
with the supervisor's approval, and every look is in the access log."""

from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"cases-{name}.png"), full_page=True)


def _sign_in(page, user):
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def _form(page, action):
    return page.locator(f'form[action$="/do/{action}/"]')


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_report_becomes_a_case_handled_and_closed(page, cw):
    from django.utils import timezone

    from binhdang.audit.models import AuditEntry
    from binhdang.cases.models import (
        Case,
        CaseState,
        MeasureState,
        PlanState,
        Referral,
        ReferralState,
    )

    today = timezone.localdate().strftime("%d/%m/%Y")
    _sign_in(page, cw.worker_a)
    page.goto(page.base_url + "/cases/reports/new/")
    page.select_option("#channel", "village_head")
    page.fill("#received_date", today)
    page.fill("#received_time", "08:30")
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state()
    page.fill("#name", "Lục Thị Nga")
    page.fill("#phone", "0912 777 888")
    page.fill("#birth_year", "1990")
    page.locator("button[value=search]").click()
    page.wait_for_load_state()
    assert page.locator("#matches").count() == 1
    page.fill("#age", "36")
    page.locator("button[value=create]").click()
    page.wait_for_load_state()
    case = Case.objects.get()
    assert case.reports.count() == 1 and case.code in page.content()
    _shot(page, "1-case")

    _form(page, "supervisor").locator("select").select_option(str(cw.supervisor.pk))
    _form(page, "supervisor").locator("button").click()
    page.wait_for_load_state()
    _form(page, "measure").locator("select").select_option("no_contact_commune")
    _form(page, "measure").locator("button").click()
    page.wait_for_load_state()
    consent = _form(page, "consent")
    consent.locator("input[value=trusted_address]").check()
    consent.locator("input[name=given_on]").fill(today)
    consent.locator("button").click()
    page.wait_for_load_state()
    refer = _form(page, "refer")
    refer.locator("select[name=service_type]").select_option("trusted_address")
    refer.locator("select[name=recipient]").select_option(str(cw.trusted_address.pk))
    refer.locator("input[value=identity]").check()
    refer.locator("button").click()
    page.wait_for_load_state()
    referral = Referral.objects.get()
    assert referral.state == ReferralState.IN_PROGRESS

    _sign_in(page, cw.chair_a)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    decide = _form(page, "decide")
    decide.locator("input[name=starts_on]").fill(today)
    decide.locator("input[name=ends_on]").fill(today)
    for value in ("perpetrator", "victim", "police_chief", "village_head"):
        decide.locator(f"input[value={value}]").check()
    decide.locator("button[value=decide]").click()
    page.wait_for_load_state()
    assert case.measures.get().state == MeasureState.IN_FORCE
    _shot(page, "2-decided")

    _sign_in(page, cw.keeper)
    page.goto(f"{page.base_url}/cases/referrals/{referral.pk}/")
    assert "L** T** N**" in page.content() and "Lục Thị Nga" not in page.content()
    page.locator("button[value=accept]").click()
    page.wait_for_load_state()
    page.locator("button[value=done]").click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.state == ReferralState.DONE

    _sign_in(page, cw.worker_a)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    goal = _form(page, "plan-goal")
    goal.locator("input[name=goal]").fill("Chị và con ở nơi an toàn")
    goal.locator("input[name=action]").fill("Địa chỉ tin cậy thôn Nà Nghè")
    goal.locator("input[name=responsible]").fill("Hội Phụ nữ xã")
    goal.locator("input[name=due_on]").fill(today)
    goal.locator("button").click()
    page.wait_for_load_state()
    _form(page, "plan-submit").locator("input[name=review_on]").fill(today)
    _form(page, "plan-submit").locator("button").click()
    page.wait_for_load_state()
    plan = case.action_plans.get()
    assert plan.state == PlanState.SUBMITTED
    _sign_in(page, cw.supervisor)
    page.goto(page.base_url + "/")
    page.locator(f"#work-cases-plan-approvals a:has-text('{case.code}')").first.click()
    page.wait_for_load_state()
    decide = _form(page, "plan-decide")
    decide.locator("input[name=reason]").fill("Cần thêm mục tiêu trợ giúp pháp lý")
    decide.locator("button[value=return]").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.state == PlanState.RETURNED and "trợ giúp pháp lý" in plan.return_reason
    assert "trợ giúp pháp lý" in page.locator("#plans .return-reason").inner_text()
    _sign_in(page, cw.worker_a)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    _form(page, "plan-submit").locator("input[name=review_on]").fill(today)
    _form(page, "plan-submit").locator("button").click()
    page.wait_for_load_state()
    _sign_in(page, cw.supervisor)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    _form(page, "plan-decide").locator("button[value=approve]").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    _shot(page, "3-plan-approved")

    _sign_in(page, cw.worker_a)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    close = _form(page, "close")
    for box in close.locator("input[type=checkbox]").all():
        box.check()
    close.locator("button").click()
    page.wait_for_load_state()
    _sign_in(page, cw.supervisor)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    _form(page, "approve").locator("button[value=approve]").click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    page.goto(f"{page.base_url}/cases/{case.pk}/access-log/")
    _shot(page, "4-access-log")
    log = page.locator("table.data tbody").inner_text()
    for username in ("worker_a", "chair_a", "keeper", "supervisor"):
        assert username in log
    readers = set(
        AuditEntry.objects.filter(object_id=str(case.pk), sensitive_read=True).values_list(
            "actor_label", flat=True
        )
    )
    assert readers == {"worker_a", "chair_a", "keeper", "supervisor"}

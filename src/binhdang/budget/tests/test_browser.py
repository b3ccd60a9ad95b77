"""A commune's officer records a budget line on a phone, and reads the district's totals."""

import pytest

from binhdang.budget.catalogue import load_spending_lines
from binhdang.budget.models import BudgetEntry, SpendingLine


def _sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_budget_line_is_entered_on_a_phone(page, world):
    # A transactional test runs on tables emptied of what migrations loaded: the catalogue
    # is loaded again as shipped.
    load_spending_lines(SpendingLine)
    page.set_viewport_size({"width": 360, "height": 740})
    _sign_in(page, world.reporter_a)
    page.goto(page.base_url + "/budget/new/")
    page.select_option("#id_source", label="Ngân sách cấp xã")
    page.select_option("#id_spending_line", label="Tập huấn, bồi dưỡng kiến thức về bình đẳng giới")
    page.select_option("#id_year", "2023")
    page.fill("#id_planned", "15.000.000")
    page.fill("#id_spent", "12.500.000")
    page.fill("#id_description", "Tập huấn cho cán bộ thôn")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the form fits the phone's width"
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lưu dòng kinh phí.")
    entry = BudgetEntry.objects.get()
    assert (entry.org_unit, entry.spent, entry.planned) == (world.commune_a, 12_500_000, 15_000_000)
    assert page.locator("dl.facts").inner_text().count("12.500.000") == 1

    page.context.clear_cookies()
    _sign_in(page, world.standing_office)
    page.goto(page.base_url + "/budget/summary/?year=2023")
    assert "12,5" in page.locator("#by-source").inner_text()

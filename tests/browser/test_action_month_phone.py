"""A commune officer records an Action Month activity on a phone: the form fits a 360 px
screen, the numbers are typed as an officer types them, and the activity lands in the
Action Month's page."""

from pathlib import Path

import pytest

SCREENSHOTS = Path("var/screenshots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_commune_officer_records_an_action_month_activity_on_a_phone(page, world):
    from binhdang.communication.models import Activity
    from binhdang.communication.tests.factories import action_month

    month = action_month(2023)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", world.reporter_a.username)
    page.fill("input[name=password]", "pw-" + world.reporter_a.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(page.base_url + "/communication/")
    page.click("text=Ghi nhận hoạt động")
    page.wait_for_load_state()
    page.fill("#id_title", "Nói chuyện chuyên đề phòng, chống bạo lực gia đình thôn Nặm Tiến")
    page.fill("#id_starts_on", "2023-11-25")
    page.select_option("#id_channel", "meeting")
    page.check("input[name=topics][value=dv]")
    page.select_option("#id_place", label="Xã Phú Linh")
    page.fill("#id_place_detail", "Nhà văn hóa thôn Nặm Tiến")
    page.fill("#id_audience_total", "1.234")
    page.fill("#id_audience_women", "702")
    page.fill("#id_audience_ethnic", "1.001")
    page.fill("#id_leaflets", "300")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SCREENSHOTS / "action-month-activity-phone.png"), full_page=True)
    page.click("#activity-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã ghi nhận hoạt động" in page.content()

    activity = Activity.objects.get()
    assert activity.campaign == month
    assert (activity.audience_total, activity.audience_women, activity.audience_ethnic) == (
        1234, 702, 1001,
    )  # fmt: skip
    page.click(f"text={month.title}")
    page.wait_for_load_state()
    assert "Nói chuyện chuyên đề phòng, chống bạo lực gia đình" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

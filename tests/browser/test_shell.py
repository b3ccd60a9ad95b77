"""Sign in, switch language, open the org-unit tree: the shell as a user meets it."""

from pathlib import Path

import pytest

SCREENSHOTS = Path("var/screenshots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_signs_in_switches_language_and_opens_the_unit_tree(world, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(page.base_url + "/")
    page.fill("#id_username", "standing_office")
    page.fill("#id_password", "pw-standing_office")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(page.base_url + "/")
    assert page.locator("h1").inner_text() == "Việc của tôi"
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "My work"
    page.click("button[name=language][value=vi]")
    page.wait_for_load_state()
    page.click("nav.mainnav >> text=Đơn vị")
    page.wait_for_load_state()
    assert "Huyện Vị Xuyên" in page.content()
    page.click("text=Huyện Vị Xuyên")
    page.wait_for_load_state()
    assert page.locator("text=Xã Phú Linh").count() == 1
    assert page.locator("text=Xã Yên Phú").count() == 0  # another district: never shown
    page.fill("#q", "phu linh") if page.locator("#q").count() else None
    page.screenshot(path=str(SCREENSHOTS / "shell-unit-tree.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(SCREENSHOTS / "shell-unit-tree-phone.png"), full_page=True)

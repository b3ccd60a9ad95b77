"""An indicator's page on a 360 px phone: the trend chart and the communes' bars fit the
screen, and nothing makes the page scroll sideways except a table inside its own frame."""

import io
from pathlib import Path

import pytest

SCREENSHOTS = Path("var/screenshots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_indicator_chart_fits_a_phone(page):
    from binhdang.demo.steps import s10_units, s40_indicators

    s10_units.run(io.StringIO())
    s40_indicators.run(io.StringIO())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/indicators/")
    page.fill("#id_username", "thuongtruc.vixuyen")
    page.fill("#id_password", "BinhDang@2023")
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    page.click("text=NQ28-4.1")
    page.wait_for_load_state()
    charts = page.locator("figure.chart svg")
    assert charts.count() == 2
    for i in range(charts.count()):
        svg = charts.nth(i)
        assert svg.get_attribute("viewBox")
        assert svg.get_attribute("width") == "100%"
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    page.screenshot(path=str(SCREENSHOTS / "indicator-detail-phone.png"), full_page=True)
    for i in range(charts.count()):
        assert charts.nth(i).bounding_box()["width"] >= 300  # the screen's width, no margin
    page.screenshot(path=str(SCREENSHOTS / "indicator-detail-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

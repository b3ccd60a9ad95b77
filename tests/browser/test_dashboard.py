"""The Vị Xuyên indicator dashboard as the district's standing office meets it: every strategy
target with its value, target, projection and status, then the drill-down to a commune."""

import io
from pathlib import Path

import pytest

SCREENSHOTS = Path("var/screenshots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_every_target_and_drills_down_to_communes(page):
    from binhdang.demo.steps import s10_units, s40_indicators
    from binhdang.indicators.models import Indicator

    s10_units.run(io.StringIO())
    s40_indicators.run(io.StringIO())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(page.base_url + "/indicators/")
    page.fill("#id_username", "thuongtruc.vixuyen")
    page.fill("#id_password", "BinhDang@2023")
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    assert "Huyện Vị Xuyên" in page.locator("h1").inner_text()
    assert page.locator(".demo-banner").is_visible()

    rows = page.locator("table#indicators tbody tr")
    district_level = Indicator.objects.filter(is_active=True).exclude(
        lowest_level__in=["national", "province"]
    )
    # QĐ 2282-1 counts what NQ28-1.1 counts: one row for both.
    assert rows.count() == district_level.count() - 1
    strategy = list(district_level.filter(programme="nq28").values_list("code", flat=True))
    assert "NQ28-4.3" not in strategy
    assert "NQ28-4.3" in page.locator("#left-out").inner_text()
    assert "Có dưới 3 năm số liệu" in page.locator("#rule").inner_text()
    for code in strategy:
        row = page.locator("table#indicators tbody tr", has_text=code).first
        cells = row.locator("td").all_inner_texts()
        latest, target_2025, target_2030, _local, projection_2025, _p30, status = cells
        assert latest.strip() and "không có" not in latest.lower(), code
        indicator = Indicator.objects.get(code=code)
        if indicator.target_2025 is not None or indicator.target_2030 is not None:
            assert any(ch.isdigit() for ch in target_2025 + target_2030), code
            assert projection_2025.strip() not in {"", "—"}, code
            assert "khoảng dự báo 95%" in projection_2025 + _p30, code
            assert any(word in status for word in ("Đúng tiến độ", "Có nguy cơ", "Chậm tiến độ",
                                                   "Chưa đủ số liệu")), (code, status)  # fmt: skip
        else:
            assert "Chưa có mục tiêu" in status, code
    page.screenshot(path=str(SCREENSHOTS / "indicators-dashboard-vixuyen.png"), full_page=True)

    page.click("text=NQ28-4.1")
    page.wait_for_load_state()
    assert page.locator("figure.chart svg").count() == 2  # trend and the communes' bars
    page.click("#children-table >> text=Xã Phú Linh")
    page.wait_for_load_state()
    assert "Xã Phú Linh" in page.content()
    page.goto(page.base_url + "/indicators/")
    page.click("#children >> text=Xã Phú Linh")
    page.wait_for_load_state()
    assert "Xã Phú Linh" in page.locator("h1").inner_text()
    assert page.locator("table#indicators tbody tr").count() > 0
    page.screenshot(path=str(SCREENSHOTS / "indicators-dashboard-phulinh.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(SCREENSHOTS / "indicators-dashboard-phone.png"), full_page=True)

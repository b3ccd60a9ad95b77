from __future__ import annotations

import pytest
from defusedxml.ElementTree import fromstring

from binhdang.charts import bar_chart, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def trend():
    return trend_chart(
        "Tỷ lệ phụ nữ giữ vị trí lãnh đạo chủ chốt",
        [(2021, 45.0), (2022, 48.2), (2023, 50.1), (2024, None), (2020, 41.3)],
        target_points={2025: 60},
        projection=[(2023, 50.1), (2024, 53.0), (2025, 56.4)],
        unit_label="%",
    )


def test_it_makes_an_accessible_svg(trend):
    svg = trend.svg()
    root = fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title"
    assert first.text == "Tỷ lệ phụ nữ giữ vị trí lãnh đạo chủ chốt"
    assert second.tag == f"{SVG}desc"
    assert "2021: 45,0%" in second.text
    assert "2022: 48,2%" in second.text
    assert "mục tiêu 2025: 60%" in second.text
    assert "2024: không có số liệu" in second.text
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"


def test_it_keeps_the_svg_small_self_contained_and_responsive(trend):
    svg = trend.svg()
    root = fromstring(svg)
    assert root.get("viewBox")
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert "<script" not in svg.lower()
    assert "onload" not in svg.lower()
    assert "<metadata" not in svg
    assert "http://" not in svg.replace("http://www.w3.org/", "")
    assert "https://" not in svg
    assert len(svg.encode()) < 40_000
    # Text stays text, so the title is searchable and crisp.
    assert "Tỷ lệ phụ nữ giữ vị trí lãnh đạo chủ chốt" in "".join(
        t.text or "" for t in root.iter(f"{SVG}text")
    )


def test_it_writes_numbers_with_a_decimal_comma(trend):
    texts = [t.text for t in fromstring(trend.svg()).iter(f"{SVG}text")]
    assert "48,2" in texts
    assert not any(t and "48.2" in t for t in texts)
    assert "Mục tiêu 2025: 60" in texts


def test_it_renders_png(trend):
    png = trend.png(dpi=72)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 2000


def test_it_draws_bars_with_a_target_and_a_summary():
    chart = bar_chart(
        "Tỷ lệ nữ cán bộ, công chức cấp xã",
        ["Xã Phú Linh", "Xã Đạo Đức", "Xã Minh Tân"],
        [36.4, 43.5, None],
        target=35,
        unit_label="%",
    )
    root = fromstring(chart.svg())
    desc = root.find(f"{SVG}desc").text
    assert "Xã Phú Linh: 36,4%" in desc
    assert "Xã Minh Tân: không có số liệu" in desc
    assert "mục tiêu: 35%" in desc
    assert chart.png(dpi=60).startswith(b"\x89PNG")


def test_it_notes_when_lower_is_better():
    chart = trend_chart("Số vụ bạo lực gia đình", [(2022, 12), (2023, 9)], lower_is_better=True)
    assert "càng thấp càng tốt" in chart.summary
    assert "2023: 9" in chart.summary


def test_it_handles_an_empty_series():
    chart = trend_chart("Chỉ tiêu mới", [])
    assert "Chưa có số liệu" in chart.summary
    assert fromstring(chart.svg()).find(f"{SVG}title").text == "Chỉ tiêu mới"

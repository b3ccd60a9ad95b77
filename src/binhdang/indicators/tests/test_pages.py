"""The indicators pages as a person reads them: names rather than codes, numbers in the
Vietnamese way, a chart that scales to a phone."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from binhdang.indicators.models import DataElement, Indicator, IndicatorSettings
from binhdang.indicators.services import record_values

pytestmark = pytest.mark.django_db


def _element_codes_in(html: str) -> list[str]:
    codes = set(DataElement.objects.values_list("code", flat=True))
    return sorted(c for c in codes if re.search(rf"\b{c}\b", html))


def test_the_formula_names_the_data_elements_and_disaggregations(world, catalogue, login):
    html = (
        login(world.standing_office)
        .get(reverse("indicators:detail", kwargs={"pk": world.district.pk, "code": "NQ28-4.1"}))
        .content.decode()
    )
    births = DataElement.objects.get(code="LIVE_BIRTHS").name
    assert f"{births} (Nam) / {births} (Nữ) × 100" in html
    assert "(total)" not in html and "(male)" not in html and "(female)" not in html
    assert _element_codes_in(html) == []


def test_the_catalogue_shows_each_formula_in_words(world, catalogue, login):
    html = login(world.reporter_a).get(reverse("indicators:catalogue")).content.decode()
    owners = DataElement.objects.get(code="ENTERPRISE_OWNERS").name
    assert f"{owners} (Nữ) / {owners} (Tổng số) × 100" in html
    maternal = Indicator.objects.get(code="NQ28-4.2")
    assert "× 100.000" in html and maternal.name in html
    assert "(total)" not in html
    assert _element_codes_in(html) == []


def test_the_history_names_what_changed(world, catalogue, login):
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2023,
        raw={("GBV_DETECTED", "female"): "1234", ("GBV_DETECTED", "total"): "2000"},
    )  # fmt: skip
    html = (
        login(world.reporter_a)
        .get(reverse("indicators:history", kwargs={"pk": world.commune_a.pk, "year": 2023}))
        .content.decode()
    )
    assert DataElement.objects.get(code="GBV_DETECTED").name in html
    assert ">Nữ<" in html and ">Tổng số<" in html
    assert "1.234" in html and "2.000" in html
    assert _element_codes_in(html) == []


def test_numbers_read_the_vietnamese_way_and_ids_print_plainly(world, catalogue, login):
    from binhdang.orgunits.models import Kind, OrgUnit

    IndicatorSettings.objects.update_or_create(pk=1, defaults={"margin_percent": Decimal("12.5")})
    big = OrgUnit(pk=123456, name="Xã Thuận Hòa", kind=Kind.COMMUNE, parent=world.district)
    big.save()
    record_values(
        actor=world.standing_office, unit=big, year=2023,
        raw={("HOUSEHOLDS", "total"): "14085", ("HOUSEHOLDS_DV_TALKS", "total"): "10500"},
    )  # fmt: skip
    client = login(world.standing_office)
    html = client.get(
        reverse("indicators:dashboard", kwargs={"pk": big.pk}) + "?year=2023"
    ).content.decode()
    assert "12,5%" in html and "12.50" not in html and "12,50" not in html
    assert "74,5" in html  # QĐ 45-1: 10.500 / 14.085 households
    assert "/indicators/unit/123456/" in html and "123.456" not in html
    entry = client.get(
        reverse("indicators:entry", kwargs={"pk": big.pk, "year": 2024})
    ).content.decode()
    assert "14.085" in entry  # last year's value, as a person reads it
    catalogue_html = client.get(reverse("indicators:catalogue")).content.decode()
    assert "12,5%" in catalogue_html


def test_the_chart_scales_to_its_container(world, catalogue, login):
    for year, births in ((2021, ("1100", "1000")), (2022, ("1090", "1000"))):
        record_values(
            actor=world.reporter_a, unit=world.commune_a, year=year,
            raw={("LIVE_BIRTHS", "total"): "3000", ("LIVE_BIRTHS", "male"): births[0],
                 ("LIVE_BIRTHS", "female"): births[1]},
        )  # fmt: skip
    html = (
        login(world.standing_office)
        .get(reverse("indicators:detail", kwargs={"pk": world.district.pk, "code": "NQ28-4.1"}))
        .content.decode()
    )
    svgs = re.findall(r"<svg[^>]*>", html)
    assert len(svgs) == 2  # the trend and the communes' bars
    for tag in svgs:
        assert 'width="100%"' in tag and "viewBox=" in tag
        assert "height=" not in tag.replace("preserveAspectRatio", "")
    assert "indicators/indicators.css" in html  # no browser margin around the figure


def _one_jump(world):
    for year, led in {2021: "11", 2022: "11", 2023: "15"}.items():
        record_values(
            actor=world.standing_office, unit=world.labour_office, year=year,
            raw={("AGENCY_TOTAL", "total"): "35", ("AGENCY_WOMAN_LEADER", "total"): led},
        )  # fmt: skip


def test_the_dashboard_writes_the_rule_and_each_indicator_of_its_level_once(
    world, catalogue, login
):
    _one_jump(world)
    html = (
        login(world.standing_office)
        .get(reverse("indicators:dashboard", kwargs={"pk": world.district.pk}) + "?year=2023")
        .content.decode()
    )
    assert "Cách xác định tình trạng" in html
    assert "Có dưới 3 năm số liệu thì không đánh giá" in html
    assert "khoảng dự báo 95%" in html and "lộ trình" in html
    table = html[html.index('id="indicators"') : html.index("</table>")]
    assert table.count(">NQ28-1.1</a>, QD2282-1") == 1
    assert ">QD2282-1</a>" not in table
    # A share of provinces is no district result: listed apart, not in the table.
    assert "NQ28-4.3" not in table
    assert "NQ28-4.3" in html[html.index('id="left-out"') :]
    # 42,9% in 2023, the 2030 forecast with its interval and the path of 2023.
    row = table[table.index(">NQ28-1.1</a>") :]
    row = row[: row.index("</tr>")]
    assert "42,9%" in row and "≥ 60%" in row and "≥ 75%" in row
    assert "81,0%" in row and "khoảng dự báo 95%: 0,0% – 100,0%" in row
    assert "lộ trình năm 2023: 41,1%" in row
    assert "Chậm tiến độ" in row and "Có nguy cơ không đạt" in row and "Đúng tiến độ" not in row
    assert "số liệu của Phòng Lao động - Thương binh và Xã hội huyện" in row
    # No column is left blank: an empty cell says why, an empty column gets a note.
    assert '<td class="num"></td>' not in table
    assert "chưa có số liệu" in table or "không có số liệu" in table
    assert "Cột mục tiêu địa phương" in html


def test_the_detail_page_shows_the_forecast_interval_and_path(world, catalogue, login):
    _one_jump(world)
    client = login(world.standing_office)
    html = client.get(
        reverse("indicators:detail", kwargs={"pk": world.district.pk, "code": "NQ28-1.1"})
        + "?year=2023"
    ).content.decode()
    assert "theo lộ trình đến mục tiêu, năm 2023 cần ở mức 41,1%" in html
    assert "(khoảng dự báo 95%: 0,0 - 100,0%)" in html
    assert "Khoảng dự báo 95%" in html and "Lộ trình đến mục tiêu" in html  # the chart
    assert 'id="rule"' in html
    national = client.get(
        reverse("indicators:detail", kwargs={"pk": world.district.pk, "code": "NQ28-4.3"})
    ).content.decode()
    assert 'id="not-at-level"' in national and "Quốc gia" in national


def test_the_catalogue_writes_the_rule_and_each_level(world, catalogue, login):
    html = login(world.reporter_a).get(reverse("indicators:catalogue")).content.decode()
    assert "Đúng tiến độ: số liệu năm gần nhất đạt hoặc vượt lộ trình" in html
    assert "Tính đến cấp" in html and "Quốc gia" in html


def test_the_dashboard_export_keeps_numbers_and_leaves_no_cell_blank(world, catalogue, login):
    from io import BytesIO

    from openpyxl import load_workbook

    _one_jump(world)
    xlsx = (
        login(world.standing_office)
        .get(
            reverse("indicators:dashboard_export", kwargs={"pk": world.district.pk, "fmt": "xlsx"})
            + "?year=2023"
        )
        .content
    )
    ws = load_workbook(BytesIO(xlsx)).active
    header = [c.value for c in ws[1]]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=2)}
    leaders = dict(zip(header, rows["NQ28-1.1, QD2282-1"], strict=True))
    assert leaders["Số liệu mới nhất"] == pytest.approx(42.86)
    assert leaders["Dự báo 2030"] == pytest.approx(80.95)
    assert leaders["Khoảng dự báo 95% năm 2030"] == "0 - 100"
    assert leaders["Lộ trình đến mục tiêu 2030, năm gần nhất"] == pytest.approx(41.11)
    assert leaders["Tình trạng 2030"] == "Có nguy cơ không đạt"
    assert "NQ28-4.3" not in rows and "QD2282-1" not in rows
    assert all(v not in (None, "") for line in rows.values() for v in line)

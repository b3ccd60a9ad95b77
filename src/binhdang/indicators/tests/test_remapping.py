"""History across the 1/7/2025 boundary change: values of the former units show at the 2025
units formed from them, added where communes merged whole, shared where one was split, and
every figure a split entered is marked as an estimate."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from binhdang.indicators.aggregation import unit_series
from binhdang.indicators.models import DataElement, DataValue, Indicator
from binhdang.indicators.services import load_catalogue, record_values
from binhdang.orgunits.importer import LEGACY_END, REFORM_START
from binhdang.orgunits.models import Kind, OrgUnit, SuccessionShare

pytestmark = pytest.mark.django_db


@dataclass
class Reform:
    kim_linh: OrgUnit
    viet_lam_old: OrgUnit
    new_province: OrgUnit
    phu_linh: OrgUnit  # 2025: Kim Thạch + Phú Linh + Kim Linh, whole
    viet_lam: OrgUnit  # 2025: Quảng Ngần + part of the old Việt Lâm
    vi_xuyen: OrgUnit  # 2025: part of the old Việt Lâm (and others)


def _unit(name, kind, parent=None, code="", **dates):
    unit = OrgUnit(name=name, kind=kind, parent=parent, code=code, **dates)
    unit.save()
    return unit


@pytest.fixture
def reform(world) -> Reform:
    """The world's legacy units closed on 30/6/2025 and the 2025 units formed from them."""
    load_catalogue()
    OrgUnit.objects.filter(pk__in=[u.pk for u in (world.province, world.district,
        world.district2, world.commune_a, world.commune_b, world.commune_c)]).update(
        valid_to=LEGACY_END
    )  # fmt: skip
    old = {"valid_to": LEGACY_END}
    new = {"valid_from": REFORM_START}
    kim_linh = _unit("Xã Kim Linh", Kind.COMMUNE, world.district, "00709", **old)
    viet_lam_old = _unit("Xã Việt Lâm", Kind.COMMUNE, world.district, "00967", **old)
    province = _unit("Tỉnh Tuyên Quang", Kind.PROVINCE, code="08", **new)
    phu_linh = _unit("Xã Phú Linh", Kind.COMMUNE, province, "00706", **new)
    viet_lam = _unit("Xã Việt Lâm", Kind.COMMUNE, province, "00967", **new)
    vi_xuyen = _unit("Xã Vị Xuyên", Kind.COMMUNE, province, "00913", **new)
    world.province.successors.add(province)
    for former in (world.commune_a, world.commune_b, kim_linh):
        former.successors.add(phu_linh)
    viet_lam_old.successors.add(viet_lam, vi_xuyen)
    world.province.refresh_from_db()
    return Reform(kim_linh, viet_lam_old, province, phu_linh, viet_lam, vi_xuyen)


def _value(code, unit, year, value, option="total"):
    DataValue.objects.update_or_create(
        element=DataElement.objects.get(code=code), org_unit=unit, year=year,
        disaggregation=option, sub_period="", defaults={"value": Decimal(value)},
    )  # fmt: skip


def _gbv(unit, year, detected, served):
    _value("GBV_DETECTED", unit, year, detected)
    _value("GBV_SERVED", unit, year, served)


def _series(code, unit):
    indicator = Indicator.objects.select_related("numerator", "denominator").get(code=code)
    return unit_series([indicator], unit)[indicator.pk]


def test_it_adds_the_values_of_communes_merged_whole(world, reform):
    _gbv(world.commune_a, 2023, 10, 5)
    _gbv(world.commune_b, 2023, 20, 15)
    _gbv(reform.kim_linh, 2023, 30, 25)
    _gbv(world.commune_a, 2022, 4, 1)
    figure = _series("NQ28-3.2", reform.phu_linh)[2023]
    assert (figure.numerator, figure.denominator) == (45, 60)
    assert figure.value == Decimal("75.0000")
    assert figure.remapped and not figure.estimated
    assert _series("NQ28-3.2", reform.phu_linh)[2022].value == 25


def test_it_recomputes_a_rate_from_its_parts_never_adding_percentages(world, reform):
    _gbv(world.commune_a, 2023, 2, 1)  # 50%
    _gbv(world.commune_b, 2023, 100, 90)  # 90%
    figure = _series("NQ28-3.2", reform.phu_linh)[2023]
    assert round(figure.value, 2) == Decimal("89.22")  # 91 / 102, not 140% nor 70%


def test_it_shares_equally_a_split_commune_without_weights_and_marks_it_estimated(reform):
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    for successor in (reform.viet_lam, reform.vi_xuyen):
        figure = _series("NQ28-3.2", successor)[2023]
        assert (figure.numerator, figure.denominator) == (10, 20)
        assert figure.estimated


def test_it_shares_a_split_commune_by_the_weights_an_administrator_entered(reform):
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    SuccessionShare.objects.create(
        predecessor=reform.viet_lam_old, successor=reform.viet_lam, weight=Decimal("3000")
    )
    SuccessionShare.objects.create(
        predecessor=reform.viet_lam_old, successor=reform.vi_xuyen, weight=Decimal("1000")
    )
    new = _series("NQ28-3.2", reform.viet_lam)[2023]
    assert (new.numerator, new.denominator) == (15, 30)
    assert new.estimated
    other = _series("NQ28-3.2", reform.vi_xuyen)[2023]
    assert (other.numerator, other.denominator) == (5, 10)
    # The shares add up to the former unit's whole value.
    assert new.denominator + other.denominator == 40


def test_it_gives_the_whole_value_to_the_main_successor(reform):
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    SuccessionShare.objects.create(
        predecessor=reform.viet_lam_old, successor=reform.vi_xuyen, is_main=True
    )
    SuccessionShare.objects.create(
        predecessor=reform.viet_lam_old, successor=reform.viet_lam, weight=Decimal("3000")
    )
    main = _series("NQ28-3.2", reform.vi_xuyen)[2023]
    assert (main.numerator, main.denominator) == (20, 40)
    assert main.estimated
    assert 2023 not in _series("NQ28-3.2", reform.viet_lam)


def test_a_later_correction_of_a_former_unit_changes_the_successor_at_once(world, reform):
    _gbv(world.commune_a, 2023, 10, 5)
    _gbv(world.commune_b, 2023, 20, 15)
    assert _series("NQ28-3.2", reform.phu_linh)[2023].numerator == 20
    record_values(
        actor=world.admin, unit=world.commune_b, year=2023,
        raw={("GBV_SERVED", "total"): "18", ("GBV_DETECTED", "total"): "20"},
        check_permission=False,
    )  # fmt: skip
    figure = _series("NQ28-3.2", reform.phu_linh)[2023]
    assert (figure.numerator, figure.denominator) == (23, 30)


def test_it_takes_only_the_years_before_the_unit_came_into_being(world, reform):
    _gbv(world.commune_a, 2025, 10, 5)  # the former commune's first half of 2025
    _gbv(reform.phu_linh, 2025, 8, 8)
    figure = _series("NQ28-3.2", reform.phu_linh)[2025]
    assert (figure.numerator, figure.denominator) == (8, 8)
    assert not figure.remapped


def test_the_province_of_2025_has_the_whole_former_province_with_its_districts(world, reform):
    _gbv(world.commune_a, 2023, 10, 5)
    _gbv(world.commune_c, 2023, 7, 7)  # another district of the former province
    _gbv(world.labour_office, 2023, 3, 3)  # a district body, not carried by any commune
    figure = _series("NQ28-3.2", reform.new_province)[2023]
    former = _series("NQ28-3.2", world.province)[2023]
    assert (figure.numerator, figure.denominator) == (former.numerator, former.denominator)
    assert figure.denominator == 20
    assert not figure.estimated


def test_a_non_adding_indicator_is_not_added_across_merged_communes(world, reform):
    _value("GE_LAW_SESSIONS", world.commune_a, 2023, 2)
    _value("GE_LAW_SESSIONS", world.commune_b, 2023, 3)
    assert 2023 not in _series("QD1790-1", reform.phu_linh)


def test_a_non_adding_indicator_passes_from_a_sole_former_unit_taken_whole(world, reform):
    renamed = _unit("Xã Yên Phú", Kind.COMMUNE, reform.new_province, "00874",
                    valid_from=REFORM_START)  # fmt: skip
    world.commune_c.successors.add(renamed)
    _value("GE_LAW_SESSIONS", world.commune_c, 2023, 2)
    assert _series("QD1790-1", renamed)[2023].value == 2


def test_a_unit_formed_from_nothing_keeps_its_own_values_only(world):
    load_catalogue()
    _gbv(world.commune_a, 2023, 10, 5)
    figure = _series("NQ28-3.2", world.commune_a)[2023]
    assert not figure.remapped
    assert date(2025, 7, 1) == REFORM_START


def _member(username, unit, role="reporter"):
    from binhdang.accounts.models import Membership, User

    user = User.objects.create_user(username=username, password="pw-" + username)
    Membership.objects.create(user=user, org_unit=unit, role=role, scope="unit")
    return user


def test_the_dashboard_of_a_merged_commune_names_its_former_units(world, reform, login):
    _gbv(world.commune_a, 2023, 10, 5)
    _gbv(world.commune_b, 2023, 20, 15)
    client = login(_member("baocao.phulinh2025", reform.phu_linh))
    page = client.get(f"/indicators/unit/{reform.phu_linh.pk}/").content.decode()
    note = page[page.index('id="boundary-change"') :]
    note = note[: note.index("</div>")]
    assert "01/07/2025" in note
    for name in ("Xã Phú Linh", "Xã Kim Thạch", "Xã Kim Linh"):
        assert name in note
    row = page[page.index("NQ28-3.2</a>") :]
    row = row[: row.index("</tr>")]
    assert "66,7%" in row and "(2023)" in row  # 20 of 30, the merged communes added
    assert "ước tính" not in row


def test_the_dashboard_marks_a_figure_a_split_entered_as_estimated(reform, login):
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    client = login(_member("baocao.vixuyen2025", reform.vi_xuyen))
    page = client.get(f"/indicators/unit/{reform.vi_xuyen.pk}/").content.decode()
    row = page[page.index("NQ28-3.2</a>") :]
    row = row[: row.index("</tr>")]
    assert "50,0%" in row and "ước tính" in row
    note = page[page.index('id="boundary-change"') :]
    assert "Xã Việt Lâm" in note[: note.index("</div>")]
    assert "chia đều" in note[: note.index("</div>")]


def test_the_indicator_page_draws_the_boundary_and_marks_estimated_years(reform, login):
    for year, detected in ((2021, 20), (2022, 30), (2023, 40)):
        _gbv(reform.viet_lam_old, year, detected, detected // 2)
    client = login(_member("baocao.vietlam2025", reform.viet_lam))
    page = client.get(f"/indicators/unit/{reform.viet_lam.pk}/i/NQ28-3.2/").content.decode()
    assert "01/07/2025: đơn vị hành chính mới" in page  # the chart's vertical line
    assert "2023: 50% (ước tính)" in page  # the chart's text alternative
    table = page[page.index("<tbody>") :]
    assert table.count("ước tính") >= 3


def test_the_unit_page_shows_former_units_with_dates_and_successors_with_shares(
    world, reform, login
):
    client = login(world.admin)
    page = client.get(f"/units/{reform.phu_linh.pk}/").content.decode()
    formed = page[page.index('id="former-units"') :]
    formed = formed[: formed.index("</ul>")]
    assert "Xã Kim Thạch" in formed and "Xã Kim Linh" in formed and "30/06/2025" in formed
    assert "01/07/2025" in page[page.index('id="formed-on"') :]
    SuccessionShare.objects.create(
        predecessor=reform.viet_lam_old, successor=reform.vi_xuyen, weight=Decimal("1000")
    )
    SuccessionShare.objects.create(
        predecessor=reform.viet_lam_old, successor=reform.viet_lam, weight=Decimal("3000")
    )
    page = client.get(f"/units/{reform.viet_lam_old.pk}/").content.decode()
    went = page[page.index('id="successor-units"') :]
    went = went[: went.index("</ul>")]
    assert "Xã Việt Lâm" in went and "Xã Vị Xuyên" in went and "từ 01/07/2025" in went
    assert "một phần: 75% số liệu (theo tỷ trọng đã nhập), ước tính" in went
    assert "một phần: 25% số liệu" in went


def test_an_outsider_sees_no_history_of_a_2025_commune(world, reform, login):
    _gbv(world.commune_a, 2023, 10, 5)
    client = login(world.outsider)
    assert client.get(f"/indicators/unit/{reform.phu_linh.pk}/").status_code == 404


def test_the_report_paragraph_says_a_split_figure_is_an_estimate(world, reform):
    from binhdang.indicators.report_section import indicator_paragraph
    from binhdang.indicators.selectors import indicator_rows

    _gbv(reform.viet_lam_old, 2023, 40, 20)
    indicator = Indicator.objects.get(code="NQ28-3.2")
    row = indicator_rows(world.admin, reform.vi_xuyen, 2023, [indicator])[0]
    text = indicator_paragraph(row, 2023, "xã")
    assert "năm 2023 đạt 50,0% (ước tính, quy đổi từ các đơn vị cũ)" in text


def test_the_province_compares_its_2025_communes_with_their_re_mapped_figures(world, reform):
    from binhdang.indicators.aggregation import rollup

    _gbv(world.commune_a, 2023, 10, 5)
    _gbv(world.commune_b, 2023, 20, 15)
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    indicator = Indicator.objects.get(code="NQ28-3.2")
    figures = rollup(indicator, 2023, parent=reform.new_province)
    phu_linh = figures[reform.phu_linh.pk]
    assert (phu_linh.numerator, phu_linh.denominator) == (20, 30) and not phu_linh.estimated
    vi_xuyen = figures[reform.vi_xuyen.pk]
    assert (vi_xuyen.numerator, vi_xuyen.denominator) == (10, 20) and vi_xuyen.estimated
    assert rollup(indicator, 2025, parent=reform.new_province) == {}


def test_the_api_marks_re_mapped_and_estimated_figures(reform, login):
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    client = login(_member("api.vixuyen2025", reform.vi_xuyen))
    rows = client.get(f"/api/v1/indicators/units/{reform.vi_xuyen.pk}/status").json()
    figure = next(r for r in rows if r["code"] == "NQ28-3.2")["values"]["2023"]
    assert figure["remapped"] is True and figure["estimated"] is True
    assert float(figure["denominator"]) == 20


def test_the_dashboard_export_says_a_split_figure_is_an_estimate(reform, login):
    _gbv(reform.viet_lam_old, 2023, 40, 20)
    client = login(_member("excel.vixuyen2025", reform.vi_xuyen))
    csv = client.get(f"/indicators/unit/{reform.vi_xuyen.pk}/export/csv/?year=2023").content.decode(
        "utf-8-sig"
    )
    line = next(x for x in csv.splitlines() if x.startswith("NQ28-3.2"))
    assert "ước tính: quy đổi từ đơn vị cũ bị chia tách" in line


def test_the_admin_refuses_a_share_for_a_unit_that_is_not_a_successor(world, reform, login):
    client = login(world.admin)
    response = client.post(
        "/admin/orgunits/successionshare/add/",
        {"predecessor": reform.viet_lam_old.pk, "successor": reform.phu_linh.pk,
         "weight": "3000", "source": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "không phải là đơn vị kế thừa của đơn vị cũ" in response.content.decode()
    assert not SuccessionShare.objects.exists()
    client.post(
        "/admin/orgunits/successionshare/add/",
        {"predecessor": reform.viet_lam_old.pk, "successor": reform.viet_lam.pk,
         "weight": "3000", "source": "Đề án sắp xếp đơn vị hành chính"},
    )  # fmt: skip
    assert SuccessionShare.objects.get().weight == 3000

"""The demo's 2021-2023 values of Vị Xuyên seen from the units of 1/7/2025: Tuyên Quang's
figure for a past year equals legacy Hà Giang's and legacy Tuyên Quang's together, which are
the sums of their districts; Xã Phú Linh adds its three communes."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from binhdang.accounts.models import User
from binhdang.indicators.aggregation import rollup, unit_series
from binhdang.indicators.models import DataElement, DataValue, Indicator
from binhdang.orgunits.importer import import_admin_units
from binhdang.orgunits.models import AdminSet, OrgUnit

pytestmark = pytest.mark.django_db(transaction=False)

YEAR = 2023


class _Sink:
    def write(self, *_args, **_kwargs):
        return None

    def flush(self):
        return None


@pytest.fixture
def demo_units(settings, tmp_path):
    """The demo (as documents/tests/test_report_documents.py loads it) with every unit of
    both sets imported around it, and one value of a legacy Tuyên Quang commune."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load-demo", stdout=_Sink())
    import_admin_units(AdminSet.LEGACY)
    import_admin_units(AdminSet.Y2025)
    commune = OrgUnit.objects.filter(
        external_id__startswith="legacy:ward:", parent__parent__external_id="legacy:province:08"
    ).first()
    for code, value in (("GBV_DETECTED", 12), ("GBV_SERVED", 9)):
        DataValue.objects.create(
            element=DataElement.objects.get(code=code), org_unit=commune, year=YEAR,
            disaggregation="total", value=Decimal(value),
        )  # fmt: skip
    return {key: OrgUnit.objects.get(external_id=key) for key in (
        "2025:province:08", "legacy:province:02", "legacy:province:08",
        "2025:ward:00706", "2025:ward:00913",
        "legacy:ward:00703", "legacy:ward:00706", "legacy:ward:00709",
    )}  # fmt: skip


def _parts(figure):
    """Numerator and denominator, to 4 decimals (SQLite adds decimals as floats)."""
    if figure is None:
        return (Decimal(0), Decimal(0))
    return tuple(Decimal(p or 0).quantize(Decimal("0.0001")) for p in (figure.numerator,
                 figure.denominator))  # fmt: skip


def _add(*pairs):
    return tuple(sum((p[i] for p in pairs), Decimal(0)).quantize(Decimal("0.0001")) for i in (0, 1))


def test_the_2025_province_equals_its_legacy_provinces_and_their_districts(demo_units):
    new = demo_units["2025:province:08"]
    ha_giang, tuyen_quang = demo_units["legacy:province:02"], demo_units["legacy:province:08"]
    indicators = list(
        Indicator.objects.filter(is_active=True, aggregates=True).select_related(
            "numerator", "denominator"
        )
    )
    now = unit_series(indicators, new, [YEAR])
    before = {u.pk: unit_series(indicators, u, [YEAR]) for u in (ha_giang, tuyen_quang)}
    checked = 0
    for ind in indicators:
        figure = now[ind.pk].get(YEAR)
        roots = rollup(ind, YEAR)  # every province's own sums, parts as they are
        legacy = [roots.get(u.pk) for u in (ha_giang, tuyen_quang)]
        districts = [
            f for u in (ha_giang, tuyen_quang) for f in rollup(ind, YEAR, parent=u).values()
        ]
        assert _parts(figure) == _add(*map(_parts, legacy)) == _add(*map(_parts, districts))
        if figure is not None:
            assert figure.remapped and not figure.estimated
            checked += 1
    assert checked >= 20  # the demo's Vị Xuyên values reach the province of today
    gbv = Indicator.objects.get(code="NQ28-3.2")
    served, detected = _parts(now[gbv.pk][YEAR])
    vi_xuyen = _parts(before[ha_giang.pk][gbv.pk][YEAR])
    assert (served, detected) == (vi_xuyen[0] + 9, vi_xuyen[1] + 12)  # + legacy Tuyên Quang


def test_xa_phu_linh_of_2025_adds_its_three_communes_and_xa_vi_xuyen_is_estimated(
    demo_units, client
):
    gbv = Indicator.objects.select_related("numerator", "denominator").get(code="NQ28-3.2")
    phu_linh = demo_units["2025:ward:00706"]
    figure = unit_series([gbv], phu_linh, [YEAR])[gbv.pk][YEAR]
    communes = [
        unit_series([gbv], demo_units[k], [YEAR])[gbv.pk][YEAR]
        for k in ("legacy:ward:00703", "legacy:ward:00706", "legacy:ward:00709")
    ]
    assert _parts(figure) == _add(*map(_parts, communes))
    assert not figure.estimated
    client.force_login(User.objects.get(username="admin"))
    page = client.get(f"/indicators/unit/{demo_units['2025:ward:00913'].pk}/").content.decode()
    note = page[page.index('id="boundary-change"') :]
    note = note[: note.index("</div>")]
    assert "Số liệu trước 01/07/2025 được quy đổi từ các đơn vị cũ:" in note
    assert "Thị trấn Vị Xuyên" in note and "Xã Việt Lâm" in note and "ước tính" in note
    assert "Dữ liệu mẫu" in page  # the history comes from the demo's values

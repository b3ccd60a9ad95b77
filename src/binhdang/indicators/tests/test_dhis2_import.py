"""DHIS2 dataValueSets import: JSON and CSV, a dry run listing every row, applied all or
nothing through record_values; values as DHIS2 writes them ("12.5"; "12,5" refused)."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.indicators import dhis2_import as dhis2
from binhdang.indicators.exports import dhis2_data_value_set
from binhdang.indicators.models import (
    DataElement,
    DataValue,
    DataValueChange,
    Dhis2DataElementMap,
    Dhis2Import,
    Dhis2OptionComboMap,
    Dhis2OrgUnitMap,
    Source,
)
from binhdang.indicators.services import record_values
from tests.html_forms import form


def _json(rows, **top) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "dataValueSets.json", json.dumps({**top, "dataValues": rows}).encode(), "application/json"
    )


def _dv(de, ou, value, period="2023", coc="default"):
    return {
        "dataElement": de,
        "period": period,
        "orgUnit": ou,
        "categoryOptionCombo": coc,
        "attributeOptionCombo": "HllvX50cXC0",
        "value": value,
    }


def _stored(world, code, option="total", year=2023, sub_period=""):
    row = DataValue.objects.filter(
        element__code=code,
        org_unit=world.commune_a,
        year=year,
        sub_period=sub_period,
        disaggregation=option,
    ).first()
    return row.value if row else None


@pytest.fixture
def commune_a_2023(world, catalogue):
    """Commune A (official code 00706) already holds two values for 2023."""
    record_values(
        actor=world.reporter_a,
        unit=world.commune_a,
        year=2023,
        raw={("EMPLOYED", "total"): "1.234", ("EMPLOYED", "female"): "600"},
    )


def test_a_json_file_is_listed_row_by_row_then_applied(world, commune_a_2023):
    upload = _json(
        [
            _dv("EMPLOYED", "00706", "1234"),  # unchanged (stored as "1.234", typed in Vietnamese)
            _dv("EMPLOYED", "00706", "650", coc="female"),  # changed
            _dv("UNPAID_CARE_HOURS", "00706", "12.5", coc="female"),  # new, a decimal
            _dv("GENDER_IN_CURRICULUM", "00706", "true"),  # new, yes/no
            _dv("EMPLOYED", "00706", "310", period="2023Q4", coc="male"),  # new, a quarter
        ]
    )
    batch, preview = dhis2.import_check(actor=world.standing_office, uploaded=upload)
    assert [r.outcome for r in preview.rows] == ["unchanged", "changed", "new", "new", "new"]
    assert preview.ok and batch.rows == 5 and batch.format == "json"
    assert _stored(world, "EMPLOYED", "female") == 600, "the dry run writes nothing"
    assert not DataValue.objects.filter(element__code="UNPAID_CARE_HOURS").exists()

    dhis2.import_apply(actor=world.standing_office, batch=batch)
    assert _stored(world, "EMPLOYED", "female") == 650
    assert _stored(world, "UNPAID_CARE_HOURS", "female") == Decimal("12.5")
    assert _stored(world, "GENDER_IN_CURRICULUM") == 1
    assert _stored(world, "EMPLOYED", "male", sub_period="Q4") == 310
    assert _stored(world, "EMPLOYED") == 1234
    written = DataValue.objects.filter(source=Source.DHIS2)
    assert written.count() == 4
    assert DataValueChange.objects.filter(source=Source.DHIS2).count() == 4
    batch.refresh_from_db()
    assert batch.applied_at is not None and batch.changed == 4
    assert AuditEntry.objects.filter(action="indicators.dhis2_applied").exists()
    assert AuditEntry.objects.filter(action="indicators.values_saved", actor=world.standing_office)
    with pytest.raises(dhis2.Dhis2FileError):
        dhis2.import_apply(actor=world.standing_office, batch=batch)


def test_top_level_period_and_org_unit_apply_to_every_value(world, catalogue):
    upload = _json([{"dataElement": "AGENCY_TOTAL", "value": "14"}], period="2024", orgUnit="00706")
    batch, preview = dhis2.import_check(actor=world.reporter_a, uploaded=upload)
    assert [(r.outcome, r.year, r.unit) for r in preview.rows] == [("new", 2024, world.commune_a)]


CSV_WITH_HEADER = (
    "\ufeffdataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup\n"
    "EMPLOYED,2023,00706,default,default,1240,admin,2024-01-10T10:00:00,,false\n"
    'UNPAID_CARE_HOURS,2023,00706,female,default,"21.75",admin,2024-01-10T10:00:00,,false\n'
)


def test_a_csv_file_with_dhis2s_header(world, commune_a_2023):
    upload = SimpleUploadedFile("dvs.csv", CSV_WITH_HEADER.encode(), "text/csv")
    batch, preview = dhis2.import_check(actor=world.reporter_a, uploaded=upload)
    assert batch.format == "csv"
    assert [r.outcome for r in preview.rows] == ["changed", "new"]
    dhis2.import_apply(actor=world.reporter_a, batch=batch)
    assert _stored(world, "EMPLOYED") == 1240
    assert _stored(world, "UNPAID_CARE_HOURS", "female") == Decimal("21.75")


def test_a_csv_file_without_header_and_with_semicolons(world, catalogue):
    text = "AGENCY_TOTAL;2023;00706;;;15\nAGENCY_WOMAN_LEADER;2023;00706;;;4\n"
    upload = SimpleUploadedFile("export.csv", text.encode(), "text/csv")
    _batch, preview = dhis2.import_check(actor=world.reporter_a, uploaded=upload)
    assert [(r.element.code, r.parsed, r.outcome) for r in preview.rows] == [
        ("AGENCY_TOTAL", 15, "new"),
        ("AGENCY_WOMAN_LEADER", 4, "new"),
    ]


def test_one_refused_row_and_nothing_is_applied(world, commune_a_2023):
    rows = [
        _dv("EMPLOYED", "00706", "1300"),  # fine on its own
        _dv("NOT_AN_ELEMENT", "00706", "5"),
        _dv("EMPLOYED", "00874", "5"),  # commune C: another district's
        _dv("EMPLOYED", "00706", "5", period="2023W05"),
        _dv("EMPLOYED", "00706", "5", coc="rHBMFW3n8ox"),
        _dv("EMPLOYED", "00706", "1.234", coc="male"),  # 1.234 in DHIS2 is not a count
        _dv("UNPAID_CARE_HOURS", "00706", "12,5", coc="male"),
        _dv("AWARENESS_INCREASE", "00706", "140"),  # a percentage above 100
        _dv("GBV_SERVED", "00706", "9"),  # more served than detected (detected: 3)
        _dv("GBV_DETECTED", "00706", "3"),
        _dv("EMPLOYED", "00706", "1300"),  # twice in one file
        _dv("AGENCY_TOTAL", "00706", ""),
        {**_dv("AGENCY_TOTAL", "00706", "3"), "deleted": True},
        {**_dv("AGENCY_TOTAL", "00706", "3"), "attributeOptionCombo": "FundUSAID01"},
    ]
    batch, preview = dhis2.import_check(actor=world.standing_office, uploaded=_json(rows))
    reasons = [r.reason for r in preview.rows]
    outcomes = [r.outcome for r in preview.rows]
    assert outcomes[0] == "changed" and outcomes[9] == "new"
    assert all(o == "refused" for i, o in enumerate(outcomes) if i not in (0, 9))
    assert len(outcomes) == 14
    assert "NOT_AN_ELEMENT" in reasons[1]
    assert "00874" in reasons[2]
    assert "2023W05" in reasons[3]
    assert "rHBMFW3n8ox" in reasons[4]
    assert "số nguyên" in reasons[5]
    assert "dấu chấm" in reasons[6]
    assert "0 đến 100" in reasons[7]
    assert "phải ≤" in reasons[8]  # the cross-field rule: served ≤ detected
    assert "dòng 1" in reasons[10]
    assert "trống" in reasons[11]
    assert "xóa" in reasons[12]
    assert "FundUSAID01" in reasons[13]
    assert not preview.ok

    before = DataValue.objects.count()
    with pytest.raises(dhis2.Dhis2Refused) as refused:
        dhis2.import_apply(actor=world.standing_office, batch=batch)
    assert len(refused.value.preview.rows) == 14
    assert DataValue.objects.count() == before
    assert _stored(world, "EMPLOYED") == 1234
    batch.refresh_from_db()
    assert batch.applied_at is None


def test_1234_is_one_point_two_three_four_for_a_decimal_element(world, catalogue):
    upload = _json([_dv("UNPAID_CARE_HOURS", "00706", "1.234", coc="female")])
    batch, preview = dhis2.import_check(actor=world.reporter_a, uploaded=upload)
    assert preview.rows[0].parsed == Decimal("1.234")
    dhis2.import_apply(actor=world.reporter_a, batch=batch)
    assert _stored(world, "UNPAID_CARE_HOURS", "female") == Decimal("1.234")


def test_a_change_after_the_dry_run_is_caught_when_applying(world, commune_a_2023):
    batch, preview = dhis2.import_check(
        actor=world.standing_office,
        uploaded=_json([_dv("WAGE_WORKERS", "00706", "500", coc="female")]),
    )
    assert preview.ok
    # Meanwhile the commune lowers its employed women below the file's wage workers.
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2023, raw={("EMPLOYED", "female"): "400"}
    )
    with pytest.raises(dhis2.Dhis2Refused):
        dhis2.import_apply(actor=world.standing_office, batch=batch)
    assert _stored(world, "WAGE_WORKERS", "female") is None


def test_the_mapping_tables_read_dhis2_uids(world, catalogue):
    Dhis2DataElementMap.objects.create(
        dhis2_id="fbfJHSPpUQD", element=DataElement.objects.get(code="EMPLOYED")
    )
    Dhis2OptionComboMap.objects.create(dhis2_id="Prlt0C1RF0s", disaggregation="female")
    Dhis2OrgUnitMap.objects.create(dhis2_id="DiszpKrYNg8", org_unit=world.commune_a)
    _batch, preview = dhis2.import_check(
        actor=world.reporter_a,
        uploaded=_json([_dv("fbfjhsppuqd", "DiszpKrYNg8", "700", coc="Prlt0C1RF0s")]),
    )
    row = preview.rows[0]
    assert (row.element.code, row.unit, row.disaggregation, row.outcome) == (
        "EMPLOYED",
        world.commune_a,
        "female",
        "new",
    )


def test_an_exported_file_reads_back_unchanged(world, commune_a_2023):
    payload = dhis2_data_value_set(DataValue.objects.filter(org_unit=world.commune_a))
    upload = SimpleUploadedFile("x.json", json.dumps(payload).encode())
    _batch, preview = dhis2.import_check(actor=world.reporter_a, uploaded=upload)
    assert [r.outcome for r in preview.rows] == ["unchanged", "unchanged"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "trống"),
        (b'{"dataValues": [', "JSON"),
        (b'{"data": []}', "dataValues"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b'{"dataValues": []}', "không có"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(world, catalogue, content, message):
    with pytest.raises(dhis2.Dhis2FileError) as refused:
        dhis2.import_check(actor=world.reporter_a, uploaded=SimpleUploadedFile("f.json", content))
    assert message in str(refused.value)
    assert not Dhis2Import.objects.exists()


# ---------------------------------------------------------------- the pages


def test_the_pages_upload_list_and_apply(login, world, commune_a_2023):
    client = login(world.standing_office)
    page = client.get(reverse("indicators:dhis2_import")).content.decode()
    assert "Nhập dữ liệu chỉ tiêu từ DHIS2" in page
    response = client.post(
        reverse("indicators:dhis2_import"),
        {"file": _json([_dv("EMPLOYED", "00706", "1250"), _dv("AGENCY_TOTAL", "00706", "12")])},
    )
    batch = Dhis2Import.objects.get()
    assert response.url == reverse("indicators:dhis2_batch", args=[batch.pk])
    page = client.get(response.url).content.decode()
    assert "Đã thay đổi" in page and "Mới" in page
    assert _stored(world, "EMPLOYED") == 1234
    apply = form(page, id="dhis2-apply")
    page = client.post(apply.action, apply.data("Áp dụng"), follow=True)
    assert "Đã nhập" in page.content.decode()
    assert _stored(world, "EMPLOYED") == 1250 and _stored(world, "AGENCY_TOTAL") == 12
    again = client.post(reverse("indicators:dhis2_apply", args=[batch.pk]), follow=True)
    assert "đã được nhập" in again.content.decode()
    assert DataValueChange.objects.filter(source=Source.DHIS2).count() == 2


def test_the_page_shows_refused_rows_and_applies_nothing(login, world, commune_a_2023):
    client = login(world.standing_office)
    client.post(
        reverse("indicators:dhis2_import"),
        {
            "file": _json(
                [_dv("EMPLOYED", "00706", "1250"), _dv("EMPLOYED", "00706", "12,5", coc="male")]
            )
        },
    )
    batch = Dhis2Import.objects.get()
    page = client.get(reverse("indicators:dhis2_batch", args=[batch.pk])).content.decode()
    assert 'id="dhis2-refused"' in page and 'id="dhis2-apply"' not in page
    assert "dấu chấm" in page
    response = client.post(reverse("indicators:dhis2_apply", args=[batch.pk]))
    assert response.status_code == 400
    assert _stored(world, "EMPLOYED") == 1234


def test_the_upload_page_names_what_is_wrong(login, world, catalogue):
    client = login(world.reporter_a)
    page = client.post(reverse("indicators:dhis2_import"), {}).content.decode()
    assert "Hãy chọn tệp dataValueSets" in page
    page = client.post(
        reverse("indicators:dhis2_import"), {"file": SimpleUploadedFile("a.json", b"{oops")}
    ).content.decode()
    assert "JSON" in page and 'class="errorlist"' in page


def test_another_persons_file_is_not_found(login, world, catalogue):
    batch, _preview = dhis2.import_check(
        actor=world.standing_office, uploaded=_json([_dv("AGENCY_TOTAL", "00706", "3")])
    )
    client = login(world.reporter_a)
    assert client.get(reverse("indicators:dhis2_batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("indicators:dhis2_apply", args=[batch.pk])).status_code == 404
    assert not DataValue.objects.exists()


def test_the_mapping_page_adds_and_removes_rows(login, world, catalogue):
    client = login(world.standing_office)
    url = reverse("indicators:dhis2_mappings")
    assert "Bảng đối chiếu DHIS2" in client.get(url).content.decode()
    page = client.get(url).content
    element, combo, unit = (form(page, id=f"add-{k}") for k in ("element", "combo", "unit"))
    client.post(
        element.action,
        element.data("Thêm", dhis2_id="fbfJHSPpUQD", target=element.option("target", "^EMPLOYED ")),
    )
    client.post(
        combo.action,
        combo.data("Thêm", dhis2_id="Prlt0C1RF0s", target=combo.option("target", "^Nữ$")),
    )
    client.post(unit.action, unit.data("Thêm", dhis2_id="DiszpKrYNg8", target="00706"))
    assert Dhis2DataElementMap.objects.get().element.code == "EMPLOYED"
    assert Dhis2OptionComboMap.objects.get().disaggregation == "female"
    assert Dhis2OrgUnitMap.objects.get().org_unit == world.commune_a
    for kind, data, text in [
        ("element", {"dhis2_id": "FBFJHSPPUQD", "target": "EMPLOYED"}, "đã được đối chiếu"),
        ("element", {"dhis2_id": "có dấu cách", "target": "EMPLOYED"}, "không có dấu cách"),
        ("unit", {"dhis2_id": "X1", "target": "00874"}, "Hãy chọn"),  # another district's
        ("combo", {"dhis2_id": "X2", "target": "other"}, "Hãy chọn"),
    ]:
        page = client.post(reverse("indicators:dhis2_mapping_add", args=[kind]), data, follow=True)
        assert text in page.content.decode()
    assert Dhis2DataElementMap.objects.count() == 1 and Dhis2OrgUnitMap.objects.count() == 1
    unit_map = Dhis2OrgUnitMap.objects.get()
    remove = form(
        client.get(url).content,
        action=reverse("indicators:dhis2_mapping_remove", args=["unit", unit_map.pk]),
    )
    client.post(remove.action, remove.data("Xóa"))
    assert not Dhis2OrgUnitMap.objects.exists()
    assert AuditEntry.objects.filter(action="indicators.dhis2_mapping_removed").exists()
    assert (
        client.post(reverse("indicators:dhis2_mapping_remove", args=["nope", 1])).status_code == 404
    )


def test_a_value_far_from_earlier_years_is_imported_with_a_note(world, catalogue):
    for year, value in ((2021, "100"), (2022, "110")):
        record_values(
            actor=world.reporter_a,
            unit=world.commune_a,
            year=year,
            raw={("AGENCY_TOTAL", "total"): value},
        )
    batch, preview = dhis2.import_check(
        actor=world.reporter_a, uploaded=_json([_dv("AGENCY_TOTAL", "00706", "900")])
    )
    assert preview.ok and preview.rows[0].outcome == "new"
    assert "chênh lệch nhiều" in preview.rows[0].note
    dhis2.import_apply(actor=world.reporter_a, batch=batch)
    assert _stored(world, "AGENCY_TOTAL") == 900

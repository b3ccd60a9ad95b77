import json
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from binhdang.core.uploads import UploadRejected
from binhdang.formats.numbers import NumberError
from binhdang.indicators.excel import build_template, unit_key
from binhdang.indicators.models import DataElement, DataValue, DataValueChange, ValidationRule
from binhdang.indicators.services import (
    IndicatorError,
    record_values,
    upload_values,
)
from binhdang.indicators.validation import parse_number

from .values import stored

pytestmark = pytest.mark.django_db


# --- numbers and rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234", Decimal(1234)),
        ("1.234.567", Decimal(1234567)),
        ("1.234,5", Decimal("1234.5")),
        ("50,9", Decimal("50.9")),
        ("50,9%", Decimal("50.9")),
        (" 12 ", Decimal(12)),
        ("1 234", Decimal(1234)),
        (1234.0, Decimal(1234)),
        (7, Decimal(7)),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_numbers_the_way_officers_write_them(raw, expected):
    assert parse_number(raw, "percent" if str(raw).endswith("%") else "decimal") == expected


def test_it_refuses_text_that_is_not_a_number():
    with pytest.raises(NumberError):
        parse_number("mười hai")


def test_it_blocks_a_female_count_above_the_total(world, catalogue):
    with pytest.raises(IndicatorError) as exc:
        record_values(
            actor=world.reporter_a, unit=world.commune_a, year=2023,
            raw={("GBV_DETECTED", "total"): "5", ("GBV_DETECTED", "female"): "7"},
        )  # fmt: skip
    errors = exc.value.result.errors
    assert ("GBV_DETECTED", "female") in errors
    assert "không được vượt" in errors[("GBV_DETECTED", "female")][0] or errors
    assert not DataValue.objects.exists()


def test_it_blocks_negative_fractional_counts_and_percentages_over_100(world, catalogue):
    with pytest.raises(IndicatorError) as exc:
        record_values(
            actor=world.reporter_a, unit=world.commune_a, year=2023,
            raw={("GBV_DETECTED", "total"): "-1", ("HOUSEHOLDS", "total"): "10,5",
                 ("AWARENESS_INCREASE", "total"): "120"},
        )  # fmt: skip
    assert set(exc.value.result.errors) == {
        ("GBV_DETECTED", "total"),
        ("HOUSEHOLDS", "total"),
        ("AWARENESS_INCREASE", "total"),
    }


def test_it_checks_cross_field_rules_against_stored_values(world, catalogue):
    assert ValidationRule.objects.filter(left__code="GBV_SERVED", right__code="GBV_DETECTED")
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2023,
        raw={("GBV_DETECTED", "total"): "4"},
    )  # fmt: skip
    with pytest.raises(IndicatorError) as exc:
        record_values(
            actor=world.reporter_a, unit=world.commune_a, year=2023,
            raw={("GBV_SERVED", "total"): "6"},
        )  # fmt: skip
    assert ("GBV_SERVED", "total") in exc.value.result.errors
    assert stored(world.commune_a, "GBV_SERVED") is None


def test_it_warns_but_saves_a_value_far_from_earlier_years(world, catalogue):
    for year, value in ((2021, "100"), (2022, "110")):
        record_values(
            actor=world.reporter_a, unit=world.commune_a, year=year,
            raw={("HOUSEHOLDS", "total"): value},
        )  # fmt: skip
    result = record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2023,
        raw={("HOUSEHOLDS", "total"): "1.050"},
    )  # fmt: skip
    assert ("HOUSEHOLDS", "total") in result.warnings
    assert stored(world.commune_a, "HOUSEHOLDS") == 1050


def test_it_keeps_every_change_of_a_value(world, catalogue):
    for value in ("10", "12", ""):
        record_values(
            actor=world.reporter_a, unit=world.commune_a, year=2023,
            raw={("HOUSEHOLDS", "total"): value},
        )  # fmt: skip
    changes = list(
        DataValueChange.objects.filter(org_unit=world.commune_a)
        .order_by("pk")
        .values_list("old_value", "new_value", "changed_by__username")
    )
    assert changes == [
        (None, Decimal(10), "reporter_a"),
        (Decimal(10), Decimal(12), "reporter_a"),
        (Decimal(12), None, "reporter_a"),
    ]


def test_it_refuses_values_for_a_unit_out_of_scope(world, catalogue):
    with pytest.raises(IndicatorError):
        record_values(
            actor=world.reporter_b, unit=world.commune_a, year=2023,
            raw={("HOUSEHOLDS", "total"): "10"},
        )  # fmt: skip
    assert not DataValue.objects.exists()


def test_it_records_an_accepted_submission(world, catalogue):
    from binhdang.reporting import services as reporting
    from binhdang.reporting.models import NumericField
    from binhdang.reporting.tests.factories import make_round

    reporting_round = make_round(world)
    NumericField.objects.filter(round=reporting_round, code="participants").update(
        data_element_code="GBV_DETECTED", disaggregation="total"
    )
    NumericField.objects.filter(round=reporting_round, code="courses").update(
        data_element_code="GBV_SERVED"  # no disaggregation: "total"
    )
    submission = reporting.submission_start(
        actor=world.reporter_a, reporting_round=reporting_round, org_unit=world.commune_a
    )
    reporting.submission_save_draft(
        actor=world.reporter_a,
        submission=submission,
        data={
            "answers": {f"{reporting_round.sections.get(number='1').pk}:done": "Đã tổ chức."},
            "values": {"participants": "5", "participants_women": "2", "courses": "3"},
        },
        expected_version=submission.version,
    )
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    reporting.submission_accept(actor=world.standing_office, submission=submission)
    assert stored(world.commune_a, "GBV_DETECTED") == 5
    assert stored(world.commune_a, "GBV_SERVED") == 3
    assert DataValue.objects.get(element__code="GBV_SERVED").source == "submission"
    # A field not linked to a data element records nothing.
    assert DataValue.objects.filter(org_unit=world.commune_a).count() == 2


# --- Excel ---------------------------------------------------------------------------------


def _template(world, units=None, year=2023) -> bytes:
    units = units or [world.commune_a]
    elements = list(
        DataElement.objects.filter(code__in=["GBV_DETECTED", "GBV_SERVED", "HOUSEHOLDS"])
    )
    return build_template(units, year, elements, {})


def _fill(content: bytes, values: dict[str, object], sheet=0) -> Workbook:
    """values: "CODE/option" -> what the officer typed in the value column."""
    wb = load_workbook(BytesIO(content))
    ws = wb.worksheets[sheet]
    for row in ws.iter_rows(min_row=8):
        key = f"{row[1].value}/{row[3].value}"
        if key in values:
            row[6].value = values[key]
    return wb


def _upload(wb_or_bytes, name="bao-cao.xlsx") -> SimpleUploadedFile:
    if isinstance(wb_or_bytes, bytes):
        return SimpleUploadedFile(name, wb_or_bytes)
    out = BytesIO()
    wb_or_bytes.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def test_it_saves_an_awkward_but_valid_file(world, catalogue):
    wb = _fill(
        _template(world),
        {"GBV_DETECTED/total": "1.234", "GBV_DETECTED/female": " 1.000 ",
         "GBV_SERVED/total": 800.0, "HOUSEHOLDS/total": "2.345"},
    )  # fmt: skip
    ws = wb.worksheets[0]
    ws.merge_cells("A6:G6")  # a merged banner above the header
    ws["A6"] = "Biểu số liệu kèm theo báo cáo"
    ws.insert_rows(9, 3)  # blank rows in the middle of the table
    outcome = upload_values(actor=world.reporter_a, uploaded=_upload(wb))
    assert outcome.saved_units == [world.commune_a]
    assert stored(world.commune_a, "GBV_DETECTED") == 1234
    assert stored(world.commune_a, "GBV_DETECTED", "female") == 1000
    assert stored(world.commune_a, "GBV_SERVED") == 800
    assert stored(world.commune_a, "HOUSEHOLDS") == 2345
    assert DataValue.objects.get(element__code="HOUSEHOLDS").source == "excel"


def test_it_saves_nothing_when_one_cell_is_wrong_and_lists_the_cells(world, catalogue):
    content = build_template(
        [world.commune_a, world.commune_b],
        2023,
        list(DataElement.objects.filter(code__in=["GBV_DETECTED", "HOUSEHOLDS"])),
        {},
    )
    wb = load_workbook(BytesIO(content))
    for ws, values in zip(
        wb.worksheets,
        [{"GBV_DETECTED/total": "12", "HOUSEHOLDS/total": "500"}, {"HOUSEHOLDS/total": "abc"}],
        strict=True,
    ):
        for row in ws.iter_rows(min_row=8):
            key = f"{row[1].value}/{row[3].value}"
            if key in values:
                row[6].value = values[key]
                bad_ref = row[6].coordinate
    world_user = world.standing_office
    with pytest.raises(IndicatorError) as exc:
        upload_values(actor=world_user, uploaded=_upload(wb))
    errors = exc.value.result
    assert [(e.sheet, e.cell) for e in errors] == [(wb.worksheets[1].title, bad_ref)]
    assert "abc" in errors[0].message
    assert not DataValue.objects.exists()  # commune A's good sheet was not saved either


def test_it_refuses_a_sheet_of_a_unit_out_of_scope(world, catalogue):
    wb = _fill(_template(world, [world.commune_b]), {"HOUSEHOLDS/total": "5"})
    with pytest.raises(IndicatorError) as exc:
        upload_values(actor=world.reporter_a, uploaded=_upload(wb))
    assert exc.value.result[0].cell == "B3"
    assert not DataValue.objects.exists()


def _with_extra_part(content: bytes, part: str, data: bytes = b"<x/>") -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(part, data)
    return out.getvalue()


def test_it_refuses_a_file_with_macros(world, catalogue):
    content = _with_extra_part(_template(world), "xl/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(UploadRejected):
        upload_values(actor=world.reporter_a, uploaded=_upload(content))
    with pytest.raises(UploadRejected):
        upload_values(actor=world.reporter_a, uploaded=_upload(_template(world), "bao-cao.xlsm"))


def test_it_refuses_a_file_with_external_links(world, catalogue):
    content = _with_extra_part(_template(world), "xl/externalLinks/externalLink1.xml")
    with pytest.raises(UploadRejected) as exc:
        upload_values(actor=world.reporter_a, uploaded=_upload(content))
    assert "liên kết" in str(exc.value) or "link" in str(exc.value)


def test_it_refuses_a_sheet_of_ten_thousand_rows(world, catalogue):
    wb = _fill(_template(world), {"HOUSEHOLDS/total": "5"})
    ws = wb.worksheets[0]
    for row in range(20, 10020):
        ws.cell(row=row, column=2, value="HOUSEHOLDS")
    with pytest.raises(UploadRejected):
        upload_values(actor=world.reporter_a, uploaded=_upload(wb))
    assert not DataValue.objects.exists()


def test_it_prefills_the_template_with_names_periods_and_last_year(world, catalogue, login):
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2022,
        raw={("HOUSEHOLDS", "total"): "321"},
    )  # fmt: skip
    response = login(world.reporter_a).get(
        reverse("indicators:template", kwargs={"pk": world.commune_a.pk, "year": 2023})
    )
    ws = load_workbook(BytesIO(response.content)).worksheets[0]
    assert ws["B2"].value == world.commune_a.name
    assert ws["B3"].value == unit_key(world.commune_a)
    assert ws["B4"].value == 2023
    rows = {r[1].value: r for r in ws.iter_rows(min_row=8) if r[3].value == "total"}
    assert rows["HOUSEHOLDS"][5].value == 321


def test_it_neutralises_formulas_in_exports(world, catalogue, login):
    from binhdang.indicators.models import Indicator

    Indicator.objects.filter(code="NQ28-3.2").update(name='=HYPERLINK("http://x")')
    client = login(world.reporter_a)
    csv = client.get(
        reverse("indicators:dashboard_export", kwargs={"pk": world.commune_a.pk, "fmt": "csv"})
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv
    xlsx = client.get(
        reverse("indicators:dashboard_export", kwargs={"pk": world.commune_a.pk, "fmt": "xlsx"})
    ).content
    ws = load_workbook(BytesIO(xlsx)).active
    assert any(str(c.value).startswith("'=HYPERLINK") for row in ws.iter_rows() for c in row)


# --- DHIS2 and scoping ---------------------------------------------------------------------


def test_it_exports_a_dhis2_data_value_set(world, catalogue, login):
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2023,
        raw={("GBV_DETECTED", "total"): "5", ("GBV_DETECTED", "female"): "4",
             ("AWARENESS_INCREASE", "total"): "12,5"},
    )  # fmt: skip
    response = login(world.standing_office).get(
        reverse("indicators:dhis2", kwargs={"pk": world.district.pk, "year": 2023})
    )
    payload = json.loads(response.content)
    assert set(payload) == {"dataValues"}
    values = payload["dataValues"]
    assert len(values) == 3
    required = {"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"}
    for dv in values:
        assert required <= set(dv)
        assert set(dv) <= required | {"attributeOptionCombo", "storedBy", "lastUpdated",
                                      "comment", "followup"}  # fmt: skip
        assert all(isinstance(dv[k], str) for k in required | {"storedBy", "lastUpdated"})
        assert isinstance(dv["followup"], bool)
        assert dv["period"] == "2023"
        assert dv["orgUnit"] == "00706"
    by_key = {(v["dataElement"], v["categoryOptionCombo"]): v["value"] for v in values}
    assert by_key == {
        ("GBV_DETECTED", "total"): "5",
        ("GBV_DETECTED", "female"): "4",
        ("AWARENESS_INCREASE", "total"): "12.5",
    }


def test_it_never_shows_commune_a_values_to_commune_b(world, catalogue, client):
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2023,
        raw={("HOUSEHOLDS", "total"): "4242"},
    )  # fmt: skip
    client.force_login(world.reporter_b)
    a = world.commune_a.pk
    for url in [
        reverse("indicators:dashboard", kwargs={"pk": a}),
        reverse("indicators:dashboard_export", kwargs={"pk": a, "fmt": "csv"}),
        reverse("indicators:dhis2", kwargs={"pk": a, "year": 2023}),
        reverse("indicators:entry", kwargs={"pk": a, "year": 2023}),
        reverse("indicators:history", kwargs={"pk": a, "year": 2023}),
        reverse("indicators:detail", kwargs={"pk": a, "code": "QD45-1"}),
        f"/api/v1/indicators/units/{a}/values?year=2023",
        f"/api/v1/indicators/units/{a}/status",
        f"/api/v1/indicators/units/{a}/rollup/QD45-1?year=2023",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"4242" not in response.content
    # The district export seen by B's reporter is not available either.
    response = client.get(
        reverse("indicators:dhis2", kwargs={"pk": world.district.pk, "year": 2023})
    )
    assert response.status_code == 404
    # Commune A's own reporter sees it, in the page and the API.
    client.force_login(world.reporter_a)
    assert client.get(f"/api/v1/indicators/units/{a}/values?year=2023").json()[0]["value"]
    assert (
        "4242"
        in client.get(reverse("indicators:entry", kwargs={"pk": a, "year": 2023})).content.decode()
    )


def test_it_shows_entry_errors_next_to_the_field(world, catalogue, login):
    client = login(world.reporter_a)
    url = reverse("indicators:entry", kwargs={"pk": world.commune_a.pk, "year": 2023})
    response = client.post(url, {"v__GBV_DETECTED__total": "3", "v__GBV_DETECTED__female": "9"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="f-GBV_DETECTED-female-msg"' in html
    assert 'aria-invalid="true"' in html
    assert not DataValue.objects.exists()
    response = client.post(url, {"v__GBV_DETECTED__total": "9", "v__GBV_DETECTED__female": "3"})
    assert response.status_code == 302
    assert stored(world.commune_a, "GBV_DETECTED", "female") == 3

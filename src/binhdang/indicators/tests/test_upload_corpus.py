"""A corpus of realistic and hostile variants of the indicators template.

Every variant either stores exactly the numbers the officer meant or refuses the whole file,
naming the sheet, the cell and the problem in Vietnamese, and storing nothing. A 500 is never
the answer.
"""

import os
import re
import tracemalloc
import unicodedata
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.core.uploads import UploadRejected
from binhdang.indicators.excel import build_template
from binhdang.indicators.models import DataElement, DataValue
from binhdang.indicators.services import (
    IndicatorError,
    record_values,
    upload_values,
)

from .values import stored

pytestmark = pytest.mark.django_db

CODES = ["GBV_DETECTED", "HOUSEHOLDS", "UNPAID_CARE_HOURS"]


def _workbook(units, year=2023):
    elements = list(DataElement.objects.filter(code__in=CODES))
    return load_workbook(BytesIO(build_template(units, year, elements, {})))


def _value_cell(ws, key: str):
    """The cell of column G where "CODE/option" is entered."""
    for row in ws.iter_rows(min_row=8):
        if f"{row[1].value}/{row[3].value}" == key:
            return row[6]
    raise AssertionError(key)


def _fill(ws, values: dict[str, object]):
    for key, value in values.items():
        _value_cell(ws, key).value = value


def _bytes(wb) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _file(content: bytes, name="so-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _refused(user, content: bytes) -> list:
    """Upload `content`, expect a refusal with nothing stored; the (sheet, cell, message)s."""
    before = DataValue.objects.count()
    with pytest.raises(IndicatorError) as exc:
        upload_values(actor=user, uploaded=_file(content))
    assert DataValue.objects.count() == before
    errors = [(e.sheet, e.cell, e.message) for e in exc.value.result]
    assert errors
    for _sheet, _cell, message in errors:
        assert re.search(r"[ạảãàáâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]", message), message
    return errors


def _rezip(content: bytes, edit) -> bytes:
    """Rewrite the parts of an .xlsx: edit(name, data) -> new data (or None to drop)."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(content)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = edit(item.filename, src.read(item.filename))
            if data is not None:
                dst.writestr(item.filename, data)
    return out.getvalue()


# --- the year --------------------------------------------------------------------------------


def test_it_reads_a_grouped_year_as_the_year_it_says(world, catalogue):
    wb = _workbook([world.commune_a], 2024)
    ws = wb.worksheets[0]
    ws["B4"] = "2.024"  # "." groups thousands: two thousand and twenty-four, never year 2
    _fill(ws, {"HOUSEHOLDS/total": 120})
    upload_values(actor=world.reporter_a, uploaded=_file(_bytes(wb)))
    assert stored(world.commune_a, "HOUSEHOLDS", year=2024) == 120
    assert not DataValue.objects.exclude(year=2024).exists()


@pytest.mark.parametrize("year", ["12,5", "2023,5", 0, 1900, 3000, 10**12, -5, "hai nghìn", True])
def test_it_refuses_a_year_that_is_not_a_year(world, catalogue, year):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    ws["B4"] = year
    _fill(ws, {"HOUSEHOLDS/total": 120})
    errors = _refused(world.reporter_a, _bytes(wb))
    assert [(sheet, cell) for sheet, cell, _m in errors] == [(ws.title, "B4")]
    assert "Năm báo cáo" in errors[0][2]


def test_it_refuses_a_year_that_disagrees_with_the_title(world, catalogue):
    record_values(
        actor=world.reporter_a, unit=world.commune_a, year=2022,
        raw={("HOUSEHOLDS", "total"): "100"},
    )  # fmt: skip
    wb = _workbook([world.commune_a], 2023)
    ws = wb.worksheets[0]
    ws["B4"] = 2022  # the officer retyped the year; the sheet still says 2023
    _fill(ws, {"HOUSEHOLDS/total": 555})
    errors = _refused(world.reporter_a, _bytes(wb))
    assert errors[0][:2] == (ws.title, "B4")
    assert "2022" in errors[0][2] and "2023" in errors[0][2]
    assert stored(world.commune_a, "HOUSEHOLDS", year=2022) == 100


def test_the_template_title_carries_the_year(world, catalogue):
    ws = _workbook([world.commune_a], 2023).worksheets[0]
    assert "2023" in ws["A1"].value
    assert ws["G7"].value == "Số liệu năm 2023"


# --- the values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [10**16, 1e16, 1e300, -(10**16), "10.000.000.000.000.000", "1e16", 10**15 + 1]
)
def test_it_refuses_a_value_too_large_for_any_column(world, catalogue, value):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _fill(ws, {"HOUSEHOLDS/total": value, "GBV_DETECTED/total": 3})
    errors = _refused(world.reporter_a, _bytes(wb))
    assert [(sheet, cell) for sheet, cell, _m in errors] == [
        (ws.title, _value_cell(ws, "HOUSEHOLDS/total").coordinate)
    ]


def test_it_stores_the_largest_count_a_column_holds_and_rounds_long_decimals(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _fill(ws, {"HOUSEHOLDS/total": 10**15, "UNPAID_CARE_HOURS/female": 20 / 3})
    upload_values(actor=world.reporter_a, uploaded=_file(_bytes(wb)))
    assert stored(world.commune_a, "HOUSEHOLDS") == 10**15
    assert stored(world.commune_a, "UNPAID_CARE_HOURS", "female") == Decimal("6.6667")


# --- sheets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("hidden", [True, False])
def test_it_refuses_a_unit_on_two_sheets(world, catalogue, hidden):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _fill(ws, {"HOUSEHOLDS/total": 100})
    copy = wb.copy_worksheet(ws)
    copy.title = "Bản sao"
    _fill(copy, {"HOUSEHOLDS/total": 999})
    if hidden:
        copy.sheet_state = "hidden"
    errors = _refused(world.reporter_a, _bytes(wb))
    assert len(errors) == 1
    sheet, cell, message = errors[0]
    assert (sheet, cell) == ("Bản sao", "B3")
    assert ws.title in message and "Bản sao" in message


def test_it_refuses_the_same_unit_under_two_keys(world, catalogue):
    world.commune_a.external_id = "legacy:ward:00706"
    world.commune_a.save()
    wb = _workbook([world.commune_a])
    copy = wb.copy_worksheet(wb.worksheets[0])
    copy.title = "Khóa cũ"
    copy["B3"] = f"ID{world.commune_a.pk}"
    errors = _refused(world.reporter_a, _bytes(wb))
    assert errors[0][:2] == ("Khóa cũ", "B3")


def _decompose(ws):
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = unicodedata.normalize("NFD", cell.value)


def test_it_reads_labels_typed_in_decomposed_unicode(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _decompose(ws)
    assert ws["A4"].value != "Năm báo cáo"
    _fill(ws, {"HOUSEHOLDS/total": "1.234"})
    upload_values(actor=world.reporter_a, uploaded=_file(_bytes(wb)))
    assert stored(world.commune_a, "HOUSEHOLDS") == 1234


def test_it_saves_every_sheet_of_a_multi_unit_file_with_decomposed_labels(world, catalogue):
    wb = _workbook([world.commune_a, world.commune_b])
    first, second = wb.worksheets
    _fill(first, {"HOUSEHOLDS/total": 10})
    _fill(second, {"HOUSEHOLDS/total": 20})
    _decompose(second)
    outcome = upload_values(actor=world.standing_office, uploaded=_file(_bytes(wb)))
    assert set(outcome.saved_units) == {world.commune_a, world.commune_b}
    assert stored(world.commune_a, "HOUSEHOLDS") == 10
    assert stored(world.commune_b, "HOUSEHOLDS") == 20


def test_it_refuses_the_whole_file_when_one_sheet_is_not_understood(world, catalogue):
    wb = _workbook([world.commune_a, world.commune_b])
    first, second = wb.worksheets
    _fill(first, {"HOUSEHOLDS/total": 10})
    _fill(second, {"HOUSEHOLDS/total": 20})
    second["B7"] = "Mã SL"  # the code header retyped: the sheet's rows cannot be read
    errors = _refused(world.standing_office, _bytes(wb))
    assert [sheet for sheet, _c, _m in errors] == [second.title]


def test_it_refuses_a_sheet_that_is_not_a_template_but_ignores_an_empty_one(world, catalogue):
    wb = _workbook([world.commune_a])
    _fill(wb.worksheets[0], {"HOUSEHOLDS/total": 10})
    wb.create_sheet("Trống")
    notes = wb.create_sheet("Ghi chú")
    notes["A1"] = "Số hộ lấy theo điều tra tháng 6"
    errors = _refused(world.reporter_a, _bytes(wb))
    assert [sheet for sheet, _c, _m in errors] == ["Ghi chú"]
    del wb["Ghi chú"]
    upload_values(actor=world.reporter_a, uploaded=_file(_bytes(wb)))
    assert stored(world.commune_a, "HOUSEHOLDS") == 10


def test_it_refuses_a_header_without_the_value_column(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _fill(ws, {"HOUSEHOLDS/total": 10})
    ws["G7"] = "Số liệu"  # the column of this year's values is no longer named
    errors = _refused(world.reporter_a, _bytes(wb))
    assert errors[0][:2] == (ws.title, "G7")  # the last header: where the column should be


def test_it_reads_every_row_when_the_sheet_misstates_its_size(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _fill(ws, {"HOUSEHOLDS/total": 77})

    def shrink(name, data):
        if name.startswith("xl/worksheets/sheet"):
            return re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:G7"/>', data)
        return data

    upload_values(actor=world.reporter_a, uploaded=_file(_rezip(_bytes(wb), shrink)))
    assert stored(world.commune_a, "HOUSEHOLDS") == 77


# --- formulas --------------------------------------------------------------------------------


def test_it_refuses_a_formula_without_a_computed_value(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    _fill(ws, {"HOUSEHOLDS/total": "=40+2", "GBV_DETECTED/total": 3})
    errors = _refused(world.reporter_a, _bytes(wb))  # openpyxl writes no cached value
    cell = _value_cell(ws, "HOUSEHOLDS/total").coordinate
    assert [(sheet, ref) for sheet, ref, _m in errors] == [(ws.title, cell)]
    assert "công thức" in errors[0][2]


def test_it_refuses_a_year_formula_without_a_computed_value(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    ws["B4"] = "=2020+3"
    _fill(ws, {"HOUSEHOLDS/total": 5})
    errors = _refused(world.reporter_a, _bytes(wb))
    assert errors[0][:2] == (ws.title, "B4")


def test_it_uses_the_computed_value_of_a_formula(world, catalogue):
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    cell = _value_cell(ws, "HOUSEHOLDS/total")
    cell.value = "=40+2"
    ref = cell.coordinate.encode()

    def cache(name, data):  # what Excel writes when it saves: the formula and its result
        if name.startswith("xl/worksheets/sheet"):
            return re.sub(
                rb'(<c r="' + ref + rb'"[^>]*><f>40\+2</f>)<v\s*/?>(</v>)?', rb"\1<v>42</v>", data
            )
        return data

    content = _rezip(_bytes(wb), cache)
    with zipfile.ZipFile(BytesIO(content)) as archive:
        assert b"<f>40+2</f><v>42</v>" in archive.read("xl/worksheets/sheet1.xml")
    upload_values(actor=world.reporter_a, uploaded=_file(content))
    assert stored(world.commune_a, "HOUSEHOLDS") == 42


# --- memory ----------------------------------------------------------------------------------


def _with_shared_strings(content: bytes, text_bytes: int) -> bytes:
    """The template with a sharedStrings part of about `text_bytes` of distinct strings, the
    value cell of HOUSEHOLDS pointing at the first one (as Excel stores text)."""
    count = text_bytes // 40
    strings = (f"<si><t>{os.urandom(12).hex()}</t></si>" for _ in range(count))
    part = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}">' + "".join(strings) + "</sst>"
    ).encode()

    def edit(name, data):
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                b"</Relationships>",
            )
        return data

    out = BytesIO(_rezip(content, edit))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", part)
    return out.getvalue()


def test_it_refuses_huge_shared_strings_before_reading_them(world, catalogue, settings):
    """A workbook of 24 MB of shared strings passes the upload caps (9 MB packed, a normal
    ratio) and cost 93 MB of Python memory (159 MB of process memory) per upload, openpyxl
    keeping every shared string; it is now refused from the zip directory with a peak of
    about 4 MB. (Measured beside this test: a file at the 2 MB cap is read with a peak of
    11 MB, both read-only passes included.)"""
    settings.BINHDANG_MAX_UPLOAD_BYTES = 40 * 1024 * 1024
    wb = _workbook([world.commune_a])
    _fill(wb.worksheets[0], {"HOUSEHOLDS/total": 5})
    content = _with_shared_strings(_bytes(wb), 24 * 1024 * 1024)
    before = DataValue.objects.count()
    tracemalloc.start()
    try:
        with pytest.raises(UploadRejected) as exc:
            upload_values(actor=world.reporter_a, uploaded=_file(content))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak
    assert "chuỗi" in str(exc.value) or "văn bản" in str(exc.value)
    assert DataValue.objects.count() == before


def test_a_workbook_with_shared_strings_under_the_cap_is_read(world, catalogue):
    wb = _workbook([world.commune_a])
    _fill(wb.worksheets[0], {"HOUSEHOLDS/total": 5})
    content = _with_shared_strings(_bytes(wb), 200 * 1024)
    upload_values(actor=world.reporter_a, uploaded=_file(content))
    assert stored(world.commune_a, "HOUSEHOLDS") == 5


# --- through the page ------------------------------------------------------------------------


def test_the_upload_page_names_a_wrong_year_and_stores_nothing(world, catalogue, login):
    client = login(world.reporter_a)
    page = client.get(reverse("indicators:upload"))
    assert 'name="file"' in page.content.decode()
    wb = _workbook([world.commune_a])
    ws = wb.worksheets[0]
    ws["B4"] = "12,5"
    _fill(ws, {"HOUSEHOLDS/total": 120})
    response = client.post(reverse("indicators:upload"), {"file": _file(_bytes(wb))})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã lưu" not in html
    assert ws.title in html and ">B4<" in html
    assert "Năm báo cáo" in html
    assert not DataValue.objects.exists()


def test_the_upload_page_saves_a_file_with_decomposed_labels(world, catalogue, login):
    client = login(world.standing_office)
    wb = _workbook([world.commune_a, world.commune_b])
    for ws, value in zip(wb.worksheets, (31, 32), strict=True):
        _fill(ws, {"HOUSEHOLDS/total": value})
        _decompose(ws)
    response = client.post(reverse("indicators:upload"), {"file": _file(_bytes(wb))}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã lưu" in html
    assert world.commune_a.name in html and world.commune_b.name in html
    assert stored(world.commune_a, "HOUSEHOLDS") == 31
    assert stored(world.commune_b, "HOUSEHOLDS") == 32

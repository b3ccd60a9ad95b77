"""Exports: any table as XLSX or CSV (formula injection neutralised in every text cell), and
data values as a DHIS2 dataValueSets JSON (docs/DOMAIN.md section 6; identifiers by CODE)."""

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.styles import Font

from binhdang.formats.cells import safe_cell_text


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell_text(value)


def table_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = (title[:31] or "Sheet").replace("/", "-")
    ws.append([safe_cell_text(str(h)) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def table_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    out = StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly only with a BOM
    writer = csv.writer(out)
    writer.writerow([safe_cell_text(str(h)) for h in header])
    for row in rows:
        writer.writerow(
            [
                "" if v is None else safe_cell_text(str(v) if not isinstance(v, str) else v)
                for v in row
            ]
        )
    return out.getvalue()


def dhis2_org_unit(unit) -> str:
    return unit.code or unit.external_id or f"ID{unit.pk}"


def _value_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def dhis2_data_value_set(values) -> dict:
    """{"dataValues": [...]} with dataElement/orgUnit as codes (import with idScheme=CODE),
    categoryOptionCombo = our disaggregation code, value as a string."""
    data_values = []
    for dv in values:
        data_values.append(
            {
                "dataElement": dv.element.code,
                "period": f"{dv.year}{dv.sub_period}",
                "orgUnit": dhis2_org_unit(dv.org_unit),
                "categoryOptionCombo": dv.disaggregation,
                "attributeOptionCombo": "default",
                "value": _value_text(dv.value),
                "storedBy": dv.updated_by.get_username() if dv.updated_by else dv.source,
                "lastUpdated": dv.updated_at.isoformat(timespec="seconds"),
                "comment": "",
                "followup": False,
            }
        )
    return {"dataValues": data_values}

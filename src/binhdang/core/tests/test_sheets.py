"""The records' spreadsheets: a template filled as officers fill it reads back right, a wrong
value is named by row and column, and one refused row saves nothing."""

import datetime
import unicodedata
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from binhdang.core.sheets import (
    Column,
    SheetRejected,
    SheetSpec,
    build_template,
    export_rows,
    import_rows,
    read_rows,
    unit_key,
)
from binhdang.core.uploads import UploadRejected
from binhdang.orgunits.models import UnitGroup

pytestmark = pytest.mark.django_db

CHANNELS = (("radio", "Đài truyền thanh, loa"), ("meeting", "Hội nghị, buổi nói chuyện"))
TOPICS = (("law", "Luật Bình đẳng giới"), ("gbv", "Bạo lực trên cơ sở giới"))
SPEC = SheetSpec(
    title="Hoạt động truyền thông",
    columns=(
        Column("unit", "Đơn vị", kind="unit", required=True),
        Column("day", "Ngày", kind="date", required=True),
        Column("channel", "Hình thức", kind="choice", choices=CHANNELS, required=True),
        Column("topics", "Chủ đề", kind="choices", choices=TOPICS),
        Column("reached", "Số người tham gia", kind="int"),
        Column("women", "Trong đó nữ", kind="int"),
        Column("cost", "Kinh phí (triệu đồng)", kind="decimal"),
        Column("result", "Kết quả", max_length=50),
    ),
)


def _upload(rows, headers=None, name="hoat-dong.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.title = "Dữ liệu"
    ws.append(["HOẠT ĐỘNG TRUYỀN THÔNG"])
    ws.append(headers or [c.header for c in SPEC.columns])
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def _units(world):
    return [world.commune_a, world.labour_office]


def test_a_filled_template_reads_back_as_typed(world):
    data = build_template(
        SPEC,
        units=_units(world),
        examples=[
            {"unit": world.commune_a, "day": datetime.date(2023, 11, 20), "channel": "radio"}
        ],
    )
    wb = load_workbook(BytesIO(data))
    ws = wb["Dữ liệu"]
    assert ws["A3"].value == "Đơn vị *" and ws["D3"].value == "Chủ đề"
    assert wb["Đơn vị"]["A2"].value == unit_key(world.commune_a)
    assert wb["Danh mục"].sheet_state == "hidden"
    ws["E4"], ws["F4"], ws["G4"], ws["D4"] = (
        "1.234",
        "617",
        "12,5",
        "luat binh dang gioi; Bạo lực trên cơ sở giới",
    )
    for letter, value in zip(
        "ABCDE",
        [unit_key(world.labour_office), "15/12/2023", "Hội nghị, buổi nói chuyện", None, 40],
        strict=True,
    ):
        ws[f"{letter}5"] = value
    out = BytesIO()
    wb.save(out)
    rows = read_rows(SPEC, SimpleUploadedFile("mau.xlsx", out.getvalue()), units=_units(world))
    first, second = rows
    assert first["unit"] == world.commune_a and first["channel"] == "radio"
    assert first["day"] == datetime.date(2023, 11, 20)
    assert (first["reached"], first["women"], first["cost"]) == (1234, 617, Decimal("12.5"))
    assert first["topics"] == ["law", "gbv"]
    assert second["unit"] == world.labour_office and second["day"] == datetime.date(2023, 12, 15)
    assert second["topics"] == [] and second["cost"] is None and second["_row"] == 5


def test_headers_typed_in_nfd_without_accents_or_in_another_case_are_found(world):
    headers = [unicodedata.normalize("NFD", c.header) for c in SPEC.columns]
    headers[2] = "HINH THUC"
    upload = _upload([["Xã Phú Linh", "01/12/2023", "radio"]], headers=headers)
    (row,) = read_rows(SPEC, upload, units=_units(world))
    assert row["unit"] == world.commune_a and row["channel"] == "radio"


def test_every_wrong_value_is_named_by_row_and_column(world):
    upload = _upload(
        [
            [world.commune_b.name, "31/02/2023", "báo in", "Luật", "12,5", None, "abc", "x" * 60],
            ["Xã Phú Linh", None, "radio", None, "-3"],
        ]
    )
    with pytest.raises(SheetRejected) as caught:
        read_rows(SPEC, upload, units=_units(world))
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {
        (3, "Đơn vị"),  # commune B is not among the user's units
        (3, "Ngày"),
        (3, "Hình thức"),
        (3, "Chủ đề"),
        (3, "Số người tham gia"),  # 12,5 is not a whole number
        (3, "Kinh phí (triệu đồng)"),
        (3, "Kết quả"),
        (4, "Ngày"),  # required
        (4, "Số người tham gia"),  # negative
    }
    assert str(caught.value) == "Tệp chưa được nhập: có 9 chỗ cần sửa (chưa lưu gì)."


def test_a_formula_without_its_result_is_refused_not_read_as_blank(world):
    upload = _upload([["Xã Phú Linh", "01/12/2023", "radio", None, "=10*2"]])
    with pytest.raises(SheetRejected) as caught:
        read_rows(SPEC, upload, units=_units(world))
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "Số người tham gia")]


def test_a_sheet_of_another_layout_and_an_empty_one_are_refused(world):
    with pytest.raises(SheetRejected):
        read_rows(SPEC, _upload([["a", "b"]], headers=["Cột 1", "Cột 2"]), units=_units(world))
    with pytest.raises(SheetRejected):
        read_rows(SPEC, _upload([]), units=_units(world))
    with pytest.raises(UploadRejected):
        read_rows(SPEC, SimpleUploadedFile("x.xlsx", b"not a workbook"), units=_units(world))


def test_one_refused_row_saves_nothing(world):
    before = UnitGroup.objects.count()

    def save(row):
        if row["reached"] and row["women"] and row["women"] > row["reached"]:
            raise ValidationError({"women": "Số nữ không được lớn hơn tổng số."})
        UnitGroup.objects.create(
            owner=row["unit"], name=f"Nhóm {row['_row']}", slug=f"n{row['day']:%d}"
        )

    good = _upload([["Xã Phú Linh", "01/12/2023", "radio", None, 10, 5]])
    assert import_rows(SPEC, good, units=_units(world), save_row=save) == 1
    assert UnitGroup.objects.count() == before + 1
    bad = _upload(
        [
            ["Xã Phú Linh", "02/12/2023", "radio", None, 10, 5],
            ["Xã Phú Linh", "03/12/2023", "radio", None, 10, 50],
        ]
    )
    with pytest.raises(SheetRejected) as caught:
        import_rows(SPEC, bad, units=_units(world), save_row=save)
    assert [(e.row, e.column) for e in caught.value.errors] == [(4, "Trong đó nữ")]
    assert UnitGroup.objects.count() == before + 1


def test_an_export_uploads_again_unchanged(world):
    records = [
        {
            "unit": world.commune_a,
            "day": datetime.date(2023, 12, 14),
            "channel": "meeting",
            "topics": ["law", "gbv"],
            "reached": 1234,
            "women": 700,
            "cost": Decimal("12.5"),
            "result": '=HYPERLINK("x")',
        }
    ]
    data = export_rows(SPEC, records)
    (row,) = read_rows(SPEC, SimpleUploadedFile("xuat.xlsx", data), units=_units(world))
    assert {k: v for k, v in row.items() if k != "_row"} == {
        **records[0],
        "result": '\'=HYPERLINK("x")',
    }


def test_a_refused_file_is_shown_as_a_table_of_its_problems(world):
    from django.template.loader import render_to_string

    upload = _upload([["Xã Phú Linh", "31/02/2023", "radio"]])
    with pytest.raises(SheetRejected) as caught:
        read_rows(SPEC, upload, units=_units(world))
    html = render_to_string(
        "core/_sheet_errors.html",
        {"sheet_errors": caught.value.errors, "sheet_rejected": str(caught.value)},
    )
    assert "<td>3</td><td>Ngày</td>" in html and "ví dụ 05/12/2023" in html

import datetime
from decimal import Decimal

import pytest

from binhdang.formats.cells import safe_cell_text
from binhdang.formats.dates import DateError, cited_date, date_line, format_date, parse_date
from binhdang.formats.numbers import NumberError, format_number, input_value, parse_number
from binhdang.formats.text import TextError, clean_text, fold, nfc

# One expected result per input, whatever road it comes in by (forms, Excel text cells and the
# API's text go through parse_number; tests/test_number_entry_paths.py runs this table through
# each of them). None: blank. NumberError: refused with a message.
NUMBER_TABLE = [
    ("1.234", Decimal(1234)),
    ("1.234,5", Decimal("1234.5")),
    ("12,5", Decimal("12.5")),
    ("1,234", Decimal("1.234")),
    ("1 234", Decimal(1234)),
    ("1\u00a0234", Decimal(1234)),
    ("-0", Decimal(0)),
    ("1e3", NumberError),
    ("", None),
    ("khoảng 20", NumberError),
    ("1234.5", NumberError),
    ("1.23", NumberError),
    ("12,", NumberError),
    (",5", NumberError),
    ("NaN", NumberError),
    ("1.234.567", Decimal(1234567)),
    (" 12 ", Decimal(12)),
    ("١٢", NumberError),  # digits of another script: not what an officer types
    ("²", NumberError),
]


@pytest.mark.parametrize(("raw", "expected"), NUMBER_TABLE)
def test_it_reads_numbers_by_the_one_rule(raw, expected):
    if expected is NumberError:
        with pytest.raises(NumberError) as exc:
            parse_number(raw)
        assert str(raw).strip() in exc.value.message  # names what was typed
    else:
        assert parse_number(raw) == expected


def test_it_takes_spreadsheet_and_json_numbers_as_they_are():
    assert parse_number(1234.0) == Decimal(1234)
    assert parse_number(12.5) == Decimal("12.5")
    assert parse_number(7) == Decimal(7)
    with pytest.raises(NumberError):
        parse_number(True)
    with pytest.raises(NumberError):
        parse_number(float("nan"))


def test_it_refuses_fractions_where_a_count_is_asked_and_values_beyond_the_limit():
    with pytest.raises(NumberError):
        parse_number("12,5", integer=True)
    assert parse_number("12", integer=True) == 12
    with pytest.raises(NumberError):
        parse_number(10**16)
    with pytest.raises(NumberError):
        parse_number("50,9%")
    assert parse_number("50,9%", percent=True) == Decimal("50.9")


def test_it_says_how_to_write_a_number_in_vietnamese(settings):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(NumberError) as exc:
        parse_number("1234.5")
    assert "dấu phẩy" in exc.value.message


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (14085, None, "14.085"),
        (Decimal("1104.4"), None, "1.104,4"),
        (Decimal("1104.40"), None, "1.104,4"),
        (1234567, 0, "1.234.567"),
        (12.5, 1, "12,5"),
        (-1234.56, 2, "-1.234,56"),
        (Decimal("58.24"), 1, "58,2"),
        (Decimal("-0.0"), 1, "0,0"),
        (None, None, ""),
    ],
)
def test_it_writes_numbers_the_vietnamese_way(value, decimals, text):
    assert format_number(value, decimals) == text


def test_a_written_input_value_reads_back_to_the_same_number():
    for value in (Decimal("1104.4"), Decimal(14085), Decimal("0.25"), Decimal(-3)):
        assert parse_number(input_value(value)) == value


def test_dates():
    assert (
        date_line("Vị Xuyên", datetime.date(2023, 12, 5)) == "Vị Xuyên, ngày 05 tháng 12 năm 2023"
    )
    assert date_line("Hà Giang", datetime.date(2024, 2, 1)) == "Hà Giang, ngày 01 tháng 02 năm 2024"
    assert date_line("", datetime.date(2023, 4, 14)) == "Ngày 14 tháng 4 năm 2023"
    assert date_line("Vị Xuyên", None, 2023) == "Vị Xuyên, ngày     tháng     năm 2023"
    assert cited_date(datetime.date(2023, 4, 6)) == "06/4/2023"
    assert cited_date(datetime.date(2022, 1, 13)) == "13/01/2022"
    assert format_date(datetime.date(2023, 4, 6)) == "06/04/2023"
    assert parse_date("5/12/2023") == datetime.date(2023, 12, 5)
    assert parse_date("2023-12-05") == datetime.date(2023, 12, 5)
    assert parse_date("") is None
    for bad in ("31/02/2023", "12.2023", "hôm qua"):
        with pytest.raises(DateError):
            parse_date(bad)


def test_text_is_nfc_and_control_characters_are_refused():
    nfd = "Xa\u0303 Phu\u0301 Linh"
    assert nfc(nfd) == "Xã Phú Linh"
    assert clean_text(nfd + "\r\nDòng 2") == "Xã Phú Linh\nDòng 2"
    for bad in ("a\x00b", "a\x07b", "a\x1bb"):
        with pytest.raises(TextError):
            clean_text(bad)
    with pytest.raises(TextError):
        clean_text("x" * 11, max_length=10)
    assert fold(nfd) == fold("Xã Phú Linh") == "xa phu linh"


def test_cells_are_inert():
    assert safe_cell_text("=1+1") == "'=1+1"
    assert safe_cell_text(5) == 5


@pytest.mark.parametrize(
    ("typed", "integer", "expected"),
    [("1.234", True, 1234), ("12,5", False, Decimal("12.5")), ("", True, None)],
)
def test_a_number_field_takes_the_number_as_typed(typed, integer, expected):
    from django import forms

    from binhdang.formats.fields import VnNumberField

    class Form(forms.Form):
        number = VnNumberField(integer=integer)

    form = Form({"number": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["number"] == expected


@pytest.mark.parametrize("typed", ["12,5", "-3", "1234.5"])
def test_a_number_field_refuses_what_it_cannot_store(typed):
    from django import forms

    from binhdang.formats.fields import VnNumberField

    class Form(forms.Form):
        number = VnNumberField(integer=True)

    form = Form({"number": typed})
    assert not form.is_valid() and form.errors["number"][0]

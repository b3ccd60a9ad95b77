"""The one number rule, through every road a number comes in by.

Each input of the table in binhdang/formats/tests has one expected result, and it must be the
same whether an officer types it in the report form, a program sends it as text through the
API, or it sits in a text cell of the indicators' Excel template.
"""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.formats.numbers import NumberError
from binhdang.formats.tests.test_formats import NUMBER_TABLE
from binhdang.indicators.excel import build_template
from binhdang.indicators.models import DataElement, DataValue
from binhdang.indicators.services import IndicatorError, load_catalogue, upload_values
from binhdang.reporting import services
from binhdang.reporting.models import SubmissionValue
from binhdang.reporting.tests.factories import make_round

pytestmark = pytest.mark.django_db

CASES = [pytest.param(raw, expected, id=repr(raw)) for raw, expected in NUMBER_TABLE]


@pytest.fixture
def decimal_round(world):
    reporting_round = make_round(world)
    services.field_add(
        reporting_round=reporting_round, code="hours", label="Số giờ", value_type="decimal"
    )
    return reporting_round


def _stored_report_value(world, reporting_round):
    row = SubmissionValue.objects.filter(
        submission__round=reporting_round, submission__org_unit=world.commune_a, field__code="hours"
    ).first()
    return None if row is None else row.value


def _check(stored, expected, refused: bool):
    if expected is NumberError:
        assert refused and stored is None
    else:
        assert not refused
        assert stored == expected if expected is not None else stored is None


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_the_report_form_reads_it_by_the_rule(raw, expected, world, decimal_round, login):
    client = login(world.reporter_a)
    url = reverse(
        "reporting:submission", kwargs={"slug": decimal_round.slug, "unit_id": world.commune_a.pk}
    )
    response = client.post(url, {"version": "0", "v_hours": raw, "action": "save"})
    refused = response.status_code == 200
    if refused:
        assert "1.234,5" in response.content.decode()  # the message says how to write it
    else:
        assert response.status_code == 302
    _check(_stored_report_value(world, decimal_round), expected, refused)


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_the_api_reads_text_by_the_rule(raw, expected, world, decimal_round, login):
    client = login(world.reporter_a)
    url = f"/api/v1/reporting/rounds/{decimal_round.slug}/units/{world.commune_a.pk}/draft"
    response = client.put(
        url, {"version": 0, "values": {"hours": raw}}, content_type="application/json"
    )
    assert response.status_code in (200, 400), response.content
    _check(_stored_report_value(world, decimal_round), expected, response.status_code == 400)


def test_the_api_takes_json_numbers_as_they_are(world, decimal_round, login):
    client = login(world.reporter_a)
    url = f"/api/v1/reporting/rounds/{decimal_round.slug}/units/{world.commune_a.pk}/draft"
    response = client.put(
        url, {"version": 0, "values": {"hours": 1234.5}}, content_type="application/json"
    )
    assert response.status_code == 200
    assert _stored_report_value(world, decimal_round) == Decimal("1234.5")


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_the_indicator_entry_form_reads_it_by_the_rule(raw, expected, world, login):
    load_catalogue()
    client = login(world.reporter_a)
    url = reverse("indicators:entry", kwargs={"pk": world.commune_a.pk, "year": 2023})
    response = client.post(url, {"v__UNPAID_CARE_HOURS__total": raw})
    refused = response.status_code == 200
    if refused:
        assert 'aria-invalid="true"' in response.content.decode()
    else:
        assert response.status_code == 302
    stored = (
        DataValue.objects.filter(org_unit=world.commune_a, element__code="UNPAID_CARE_HOURS")
        .values_list("value", flat=True)
        .first()
    )
    _check(stored, expected, refused)


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_an_excel_text_cell_is_read_by_the_rule(raw, expected, world):
    load_catalogue()
    element = DataElement.objects.get(code="UNPAID_CARE_HOURS")
    wb = load_workbook(BytesIO(build_template([world.commune_a], 2023, [element], {})))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=8):
        if row[1].value == "UNPAID_CARE_HOURS" and row[3].value == "total":
            row[6].value = raw
            row[6].data_type = "s"
    out = BytesIO()
    wb.save(out)
    refused = False
    try:
        upload_values(
            actor=world.reporter_a, uploaded=SimpleUploadedFile("so-lieu.xlsx", out.getvalue())
        )
    except IndicatorError:
        refused = True
    stored = DataValue.objects.filter(org_unit=world.commune_a).values_list("value", flat=True)
    _check(stored.first(), expected, refused)

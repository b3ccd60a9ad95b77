"""The register's Excel template, upload and export, the figures counted from it over a window
boundary, the replication page with its export, and the report sections."""

import unicodedata
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from binhdang.core.registry import figure
from binhdang.indicators.models import DataElement, DataValue
from binhdang.servicemodels.models import CommuneProfile, ModelStatus, ServiceModel
from binhdang.servicemodels.sections import consolidated_part, unit_part
from binhdang.servicemodels.services import service_model_set_status
from tests.html_forms import form

from .factories import PHONE_A, add_evaluation, add_period, make_model

pytestmark = pytest.mark.django_db

HEADER_ROW = 3


def _filled(template: bytes, rows: list[list]) -> SimpleUploadedFile:
    wb = load_workbook(BytesIO(template))
    ws = wb["Dữ liệu"]
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            ws.cell(row=HEADER_ROW + offset, column=column, value=value)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("mo-hinh.xlsx", out.getvalue())


def _row(
    name,
    *,
    unit="Xã Phú Linh",
    kind="Địa chỉ tin cậy",
    commune="Xã Phú Linh",
    women="1.234",
    established="08/03/2023",
):
    return [unit, name, kind, commune, "Thôn Nà Pồng", "Hoàng Thị Mỷ", "0912 345 678",
            "Nhà văn hóa thôn", established, "12/QĐ-UBND", "01/03/2023", women, "3", "4", ""]  # fmt: skip


def _upload(client, rows):
    template = client.get("/servicemodels/template.xlsx").content
    page = client.get("/servicemodels/upload/").content.decode()
    f = form(page, has="file")
    return client.post("/servicemodels/upload/", {**f.data(), "file": _filled(template, rows)})


def test_a_good_file_registers_every_row(world, login):
    client = login(world.reporter_a)
    nfd = unicodedata.normalize("NFD", "Câu lạc bộ Phòng chống bạo lực gia đình thôn Nà Pồng")
    response = _upload(
        client,
        [
            _row("Địa chỉ tin cậy thôn Nà Pồng"),
            _row(nfd, kind=unicodedata.normalize("NFD", "câu lạc bộ phòng, chống bạo lực gia đình"), women=12),
        ],
    )  # fmt: skip
    assert response.status_code == 302
    names = set(ServiceModel.objects.values_list("name", flat=True))
    assert names == {"Địa chỉ tin cậy thôn Nà Pồng", unicodedata.normalize("NFC", nfd)}
    first = ServiceModel.objects.get(name="Địa chỉ tin cậy thôn Nà Pồng")
    assert first.members_women == 1234 and first.established_on == date(2023, 3, 8)
    assert ServiceModel.objects.get(kind="dv_club").members_women == 12


def test_one_bad_row_saves_nothing_and_every_problem_is_named(world, login):
    client = login(world.reporter_a)
    response = _upload(
        client,
        [
            _row("Địa chỉ tin cậy thôn Nà Pồng"),
            _row("Nhà tạm lánh", women="12,5"),
            _row("Điểm tư vấn", commune="Xã Kim Thạch"),
            _row("Đường dây nóng", kind="Tổng đài"),
        ],
    )
    assert response.status_code == 200
    assert not ServiceModel.objects.exists()
    page = response.content.decode()
    assert "12,5" in page  # not a whole number
    assert "Xã Kim Thạch" in page  # outside the user's units
    assert "Tổng đài" in page  # not in the list


def test_a_row_refused_by_the_service_rolls_back_the_file(world, login):
    client = login(world.reporter_a)
    response = _upload(
        client,
        [_row("Địa chỉ tin cậy thôn Nà Pồng"), _row("Nhà tạm lánh", established="01/01/2099")],
    )
    assert response.status_code == 200 and not ServiceModel.objects.exists()


def test_the_export_masks_the_contact_for_a_viewer(world, login):
    make_model(world)
    office = load_workbook(
        BytesIO(login(world.standing_office).get("/servicemodels/export.xlsx").content)
    )
    viewer = load_workbook(BytesIO(login(world.viewer).get("/servicemodels/export.xlsx").content))
    office_cells = [c.value for row in office["Dữ liệu"].iter_rows() for c in row]
    viewer_cells = [c.value for row in viewer["Dữ liệu"].iter_rows() for c in row]
    assert "Địa chỉ tin cậy thôn Nà Pồng" in office_cells and PHONE_A in office_cells
    assert "Địa chỉ tin cậy thôn Nà Pồng" in viewer_cells and PHONE_A not in viewer_cells
    outsider = load_workbook(
        BytesIO(login(world.reporter_b).get("/servicemodels/export.xlsx").content)
    )
    assert "Địa chỉ tin cậy thôn Nà Pồng" not in [
        c.value for r in outsider["Dữ liệu"].iter_rows() for c in r
    ]


def test_the_figures_count_periods_by_their_last_day_across_a_window_boundary(world):
    model = make_model(world)
    add_period(world, model, kind="month", number=11, total=12, women=10, ethnic=8)  # ends 30/11
    add_period(world, model, kind="month", number=12, total=7, women=5, ethnic=5)  # ends 31/12
    other = make_model(world, name="CLB Gia đình hạnh phúc", kind="dv_club")
    add_period(world, other, kind="quarter", number=4, year=2022, total=100, women=90, ethnic=80)
    ids = [world.commune_a.pk, world.commune_b.pk]
    window = (date(2022, 12, 15), date(2023, 12, 14))
    people = figure("servicemodels.people_supported").compute(ids, *window)
    # Q4/2022 ends 31/12/2022, inside the window; December 2023 goes to the next one
    assert people == {world.commune_a.pk: Decimal(112)}
    assert figure("servicemodels.people_supported").compute(
        ids, date(2023, 12, 15), date(2024, 12, 14)
    ) == {world.commune_a.pk: Decimal(7)}
    assert (
        figure("servicemodels.people_supported_women").compute(ids, *window)[world.commune_a.pk]
        == 100
    )
    assert figure("servicemodels.people_supported").compute(
        ids, date(2022, 12, 31), date(2023, 11, 29)
    ) == {world.commune_a.pk: Decimal(100)}
    assert figure("servicemodels.people_supported").compute(
        ids, date(2023, 1, 1), date(2023, 11, 30)
    ) == {world.commune_a.pk: Decimal(12)}
    assert figure("servicemodels.active_models").compute(ids, *window) == {
        world.commune_a.pk: Decimal(2)
    }
    assert figure("servicemodels.communes_with_model").compute(ids, *window) == {
        world.commune_a.pk: Decimal(1)
    }
    service_model_set_status(
        actor=world.reporter_a, service_model=other, status=ModelStatus.CLOSED, on=date(2023, 12, 14),
        reason="Sáp nhập vào CLB xã",
    )  # fmt: skip
    assert figure("servicemodels.active_models").compute(ids, *window) == {
        world.commune_a.pk: Decimal(1)
    }
    assert figure("servicemodels.active_models").compute(
        ids, date(2023, 1, 1), date(2023, 12, 13)
    ) == {world.commune_a.pk: Decimal(2)}
    assert figure("servicemodels.communes_with_model").data_element == "COMMUNES_DV_MODEL"


def _gbv(world, commune, value, year=2023):
    element, _ = DataElement.objects.get_or_create(
        code="GBV_DETECTED", defaults={"name": "Số nạn nhân", "value_type": "int"}
    )
    DataValue.objects.create(element=element, org_unit=commune, year=year, value=Decimal(value))


def test_the_replication_page_lists_high_risk_communes_without_a_model(world, login):
    CommuneProfile.objects.create(
        commune=world.commune_a, population=4000, ethnic_minority_area=True
    )
    CommuneProfile.objects.create(
        commune=world.commune_b, population=5000, ethnic_minority_area=True
    )
    _gbv(world, world.commune_a, 8)  # 2,0 per 1.000, has a trusted address
    _gbv(world, world.commune_b, 9)  # 1,8 per 1.000, no model
    make_model(world)
    client = login(world.standing_office)
    page = client.get(
        "/servicemodels/replication/", {"year": "2023", "sort": "-rate"}
    ).content.decode()
    assert page.index("Xã Phú Linh") < page.index("Xã Kim Thạch")
    assert "1,8" in page and "2" in page
    assert "1 xã có nguy cơ cao chưa có mô hình đang hoạt động" in page
    only = client.get(
        "/servicemodels/replication/", {"year": "2023", "needed": "1"}
    ).content.decode()
    assert "Xã Kim Thạch" in only and "Xã Phú Linh" not in only.split("<table")[1]
    names = client.get(
        "/servicemodels/replication/", {"year": "2023", "sort": "name"}
    ).content.decode()
    assert names.index("Xã Kim Thạch") < names.index("Xã Phú Linh")
    stricter = client.get(
        "/servicemodels/replication/", {"year": "2023", "threshold": "1,9", "needed": "1"}
    )
    assert "Xã Kim Thạch" not in stricter.content.decode().split("<table")[-1]
    export = client.get("/servicemodels/replication/export.xlsx", {"year": "2023", "needed": "1"})
    ws = load_workbook(BytesIO(export.content))["Nhân rộng"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert values == [["Xã Kim Thạch", 5000, 9, 1.8, "Có", 0, None, "Không", "Có", "Có"]]
    # commune B's reporter sees its own commune only, and none of A's models
    own = (
        login(world.reporter_b)
        .get("/servicemodels/replication/", {"year": "2023"})
        .content.decode()
    )
    assert "Xã Kim Thạch" in own and "Xã Phú Linh" not in own


def test_the_report_sections_give_totals_examples_and_the_years_evaluations(world):
    from binhdang.documents.tests import fixtures as consolidation
    from binhdang.reporting.tests.factories import fill, make_round

    model = make_model(world)
    add_period(world, model, kind="month", number=11, total=12, women=10, ethnic=8)
    add_evaluation(world, model, proposals="Bổ sung kinh phí sinh hoạt")
    club = make_model(world, name="CLB phòng chống BLGĐ thôn Bản Mào", kind="dv_club")
    add_evaluation(
        world, club, conclusion="needs_improvement", proposals="Tăng cường sự tham gia của nam giới"
    )
    make_model(world, unit=world.commune_b, commune=world.commune_b, name="Điểm tư vấn xã Kim Thạch",
               kind="counselling", actor=world.reporter_b)  # fmt: skip
    submission = fill(world, make_round(world))
    part = unit_part(submission)
    text = " ".join(part.paragraphs)
    assert "duy trì 2 mô hình" in text and "Điểm tư vấn xã Kim Thạch" not in text
    assert "hỗ trợ, tư vấn 12 lượt người (nữ 10, người dân tộc thiểu số 8)" in text
    assert "Địa chỉ tin cậy thôn Nà Pồng (Xã Phú Linh) hỗ trợ 12 lượt người" in text
    assert (
        "đánh giá hiệu quả 2 mô hình: 1 mô hình hiệu quả, 1 mô hình cần cải thiện" in text.lower()
    )
    assert "Tăng cường sự tham gia của nam giới" in text
    annex = part.annexes[0]
    assert [row[1] for row in annex.rows] == [
        "CLB phòng chống BLGĐ thôn Bản Mào",
        "Địa chỉ tin cậy thôn Nà Pồng",
    ]
    rnd = consolidation.make_round(world)

    class Report:
        round = rnd

    consolidated = consolidated_part(Report(), user=world.standing_office, with_charts=False)
    text = " ".join(consolidated.paragraphs)
    assert "duy trì 3 mô hình" in text and "tại 2/2 xã, thị trấn của địa bàn" in text
    assert consolidated_part(Report(), user=world.outsider, with_charts=False) is None


def test_both_sections_are_in_the_documents_of_a_round(world):
    from binhdang.documents import builders
    from binhdang.documents import services as documents
    from binhdang.documents.tests import fixtures as consolidation
    from binhdang.empowerment.tests.factories import make_support
    from binhdang.reporting import services as reporting
    from binhdang.reporting.tests.factories import fill, make_round

    model = make_model(world)
    add_period(world, model)
    make_support(world)
    submission = fill(world, make_round(world))
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    document, _annexes = builders.submission_document(submission)
    results = document.sections[0].children
    titles = [child.title for child in results]
    # the models' part goes inside the form's task area 2 (the strategy and GBV programme);
    # the round has no area 4, so the economic part is a section of its own
    area = next(c for c in results if c.number == "2.")
    assert any(c.title.startswith("Kết quả xây dựng, duy trì và nhân rộng") for c in area.children)
    assert any(t.startswith("Lồng ghép nâng cao vị thế kinh tế của phụ nữ") for t in titles)
    report = documents.compile_report(
        actor=world.standing_office, round=consolidation.make_round(world)
    )
    document, annexes = builders.report_document(report, user=world.standing_office)
    subtitles = [a.subtitle for a in annexes]
    assert "Danh sách mô hình phòng, chống bạo lực gia đình, bạo lực trên cơ sở giới" in subtitles
    assert "Kết quả hỗ trợ nâng cao vị thế kinh tế của phụ nữ" in subtitles
    results = next(s for s in document.sections if s.title == "KẾT QUẢ THỰC HIỆN")
    parts = [c for area in results.children for c in [area, *area.children]]
    section = next(c for c in parts if c.title.startswith("Kết quả xây dựng, duy trì"))
    assert "Địa chỉ tin cậy thôn Nà Pồng (Xã Phú Linh) hỗ trợ 12 lượt người" in " ".join(
        str(p) for p in section.paragraphs
    )


def test_the_standing_office_keeps_a_communes_profile_by_the_form(world, login):
    client = login(world.standing_office)
    url = f"/servicemodels/communes/{world.commune_b.pk}/profile/"
    f = form(client.get(url).content.decode(), has="population")
    assert (
        client.post(url, f.data(population="5.210", ethnic_minority_area="on")).status_code == 302
    )
    profile = CommuneProfile.objects.get(commune=world.commune_b)
    assert (profile.population, profile.ethnic_minority_area) == (5210, True)
    f = form(client.get(url).content.decode(), has="population")
    assert f.value("population") == "5210"
    assert client.post(url, f.data(population="5.2")).status_code == 200
    profile.refresh_from_db()
    assert profile.population == 5210
    assert login(world.reporter_b).get(url).status_code == 404


def _periods_upload(client, rows):
    template = client.get("/servicemodels/periods/template.xlsx").content
    f = form(client.get("/servicemodels/periods/upload/").content.decode(), has="file")
    return client.post(
        "/servicemodels/periods/upload/", {**f.data(), "file": _filled(template, rows)}
    )


def test_monthly_results_come_from_excel_all_or_nothing(world, login):
    from binhdang.servicemodels.models import PeriodRecord

    model = make_model(world)
    other = make_model(world, unit=world.commune_b, commune=world.commune_b, name="Điểm tư vấn",
                       kind="counselling", actor=world.reporter_b)  # fmt: skip
    client = login(world.reporter_a)
    template = load_workbook(BytesIO(client.get("/servicemodels/periods/template.xlsx").content))
    listed = [row[0].value for row in template["Mô hình"].iter_rows(min_row=2)]
    assert listed == [model.pk]
    good = [model.pk, model.name, 2023, "Tháng", 11, 2, "1.234", "1.000", 900, 1, ""]
    bad = [
        good,
        [model.pk, "", 2023, "Quý", 4, 1, 5, 6, 0, 0, ""],  # overlaps November; women > total
        [other.pk, "", 2023, "Tháng", 10, 1, 5, 5, 0, 0, ""],  # another commune's model
        [model.pk, "", 2023, "Tháng", "12,5", 1, 5, 5, 0, 0, ""],
    ]
    response = _periods_upload(client, bad)
    assert response.status_code == 200 and not PeriodRecord.objects.exists()
    assert "12,5" in response.content.decode()
    response = _periods_upload(client, bad[:3])
    assert response.status_code == 200 and not PeriodRecord.objects.exists()
    page = response.content.decode()
    assert f"mã {other.pk}" in page
    response = _periods_upload(client, [good])
    assert response.status_code == 302
    period = PeriodRecord.objects.get()
    assert (period.service_model, period.supported_total, period.period_end) == (
        model,
        1234,
        date(2023, 11, 30),
    )
    corrected = [*good[:6], "1.240", *good[7:]]
    assert _periods_upload(client, [corrected]).status_code == 302
    period.refresh_from_db()
    assert period.supported_total == 1240 and PeriodRecord.objects.count() == 1
    export = load_workbook(BytesIO(client.get("/servicemodels/periods/export.xlsx").content))
    values = [[c.value for c in row] for row in export["Dữ liệu"].iter_rows(min_row=HEADER_ROW + 1)]
    assert values[0][:7] == [model.pk, model.name, 2023, "Tháng", 11, 2, 1240]


def test_the_replication_page_opens_on_the_latest_year_with_data(world, login):
    CommuneProfile.objects.create(commune=world.commune_b, population=5000)
    _gbv(world, world.commune_b, 9, year=2022)
    page = login(world.standing_office).get("/servicemodels/replication/").content.decode()
    assert "năm 2022" in page and "1,8" in page


def test_the_api_gives_the_replication_rows_of_the_callers_scope(world, login):
    CommuneProfile.objects.create(
        commune=world.commune_b, population=5000, ethnic_minority_area=True
    )
    _gbv(world, world.commune_b, 9)
    make_model(world)
    rows = login(world.standing_office).get("/api/v1/servicemodels/replication?year=2023").json()
    by_name = {r["commune"]["name"]: r for r in rows}
    assert by_name["Xã Kim Thạch"]["needs_model"] is True
    assert Decimal(str(by_name["Xã Kim Thạch"]["rate_per_1000"])) == Decimal("1.8")
    assert by_name["Xã Phú Linh"]["has_trusted_address"] is True
    assert [r["commune"]["name"] for r in login(world.reporter_a).get(
        "/api/v1/servicemodels/replication?year=2023").json()] == ["Xã Phú Linh"]  # fmt: skip

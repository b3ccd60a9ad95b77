"""The report forms of Thông tư 07/2017/TT-BVHTTDL: filled from the records (true counts for
the commune's own office, suppressed above it), an office's own template uploaded, checked,
versioned and reset."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from binhdang.audit.models import AuditEntry
from binhdang.cases import forms_tt07, services
from binhdang.cases.models import MeasureKind, ReportFormTemplate

from .conftest import _member, incident_values

YEAR = timezone.localdate().year


def _values(content: bytes) -> dict[str, object]:
    """Column A's number -> column D's value, and every text cell by its position."""
    ws = load_workbook(io.BytesIO(content)).active
    return {str(row[0].value): row[3].value for row in ws.iter_rows(min_row=9) if row[0].value}


def _text(content: bytes) -> str:
    ws = load_workbook(io.BytesIO(content)).active
    return " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def _dv(cw, open_case, unit, ages, forms, start, actor=None):
    cases = []
    for i, (age, form) in enumerate(zip(ages, forms, strict=True)):
        case = open_case(actor=actor, unit=unit, name=f"Lò Thị Sen {start + i}", age=age,
                         phone=f"09150{start + i:05d}", id_number="")  # fmt: skip
        services.incident_record(actor=actor or cw.worker_a, case=case,
                                 **incident_values(violence_form=form))  # fmt: skip
        cases.append(case)
    return cases


@pytest.fixture
def records(cw, open_case):
    """Commune A: 3 domestic-violence cases (2 physical, 1 economic; aged 14, 34 and 65),
    one with counselling of the perpetrator applied and a no-contact decision only asked
    for, and a case of other GBV, outside the form. Commune B: 5 physical cases, aged 34."""
    a = _dv(
        cw, open_case, cw.world.commune_a, [14, 34, 65], ["physical", "physical", "economic"], 0
    )
    services.measure_request(actor=cw.worker_a, case=a[0], kind=MeasureKind.BEHAVIOUR)
    services.measure_request(actor=cw.worker_a, case=a[1], kind=MeasureKind.NO_CONTACT_COMMUNE)
    open_case(name="Người khác", phone="0915099999", id_number="", legal_frame="other_gbv")
    b = _dv(cw, open_case, cw.world.commune_b, [34] * 5, ["physical"] * 5, 10, cw.worker_b)
    return a + b


@pytest.fixture
def office_a(cw):
    """The commune's own office: a statistics viewer placed on commune A itself."""
    return _member("office_a", cw.world.commune_a, "statistics_viewer")


def _fill(client, unit, year=YEAR):
    return client.get(reverse("cases:report_form_fill"), {"unit": str(unit.pk), "year": str(year)})


def test_the_communes_own_office_gets_its_true_counts(cw, records, office_a, login):
    response = _fill(login(office_a), cw.world.commune_a)
    assert response.status_code == 200
    values = _values(response.content)
    assert values["1"] == 3
    assert [values[k] for k in ("2.1", "2.2", "2.3", "2.4")] == [0, 2, 0, 1]
    assert [values[k] for k in ("3.1", "3.2")] == [3, 0]
    assert [values[k] for k in ("4", "4.1.1", "4.1.2")] == [3, 0, 3]
    assert [values[k] for k in ("4.2.1", "4.2.2", "4.2.3")] == [1, 1, 1]
    assert values["5"] == 1
    assert [values[k] for k in ("6.1", "6.2", "6.3", "6.4", "6.5")] == [0, 0, 1, 0, 0]
    text = _text(response.content)
    assert "Đơn vị báo cáo: Xã Phú Linh" in text and f"Năm {YEAR}" in text
    assert "Phòng Văn hóa - Thông tin Huyện Vị Xuyên" in text
    assert "Số liệu thật của đơn vị" in text and "{{" not in text
    for case in records:
        assert case.code not in text
    assert "Lò Thị Sen" not in text and "Trần Văn Nam" not in text and "20/11/" not in text


def test_above_the_commune_the_form_is_suppressed(cw, records, login):
    client = login(cw.world.standing_office)
    commune = _values(_fill(client, cw.world.commune_a).content)
    assert commune["1"] == "x" and commune["2.2"] == "x" and commune["2.1"] == 0
    district = _fill(client, cw.world.district)
    values = _values(district.content)
    # 8 cases: 7 physical and 1 economic; the 1 is hidden and the 7 with it
    assert [values[k] for k in ("1", "2.1", "2.2", "2.3", "2.4")] == [8, 0, "x", 0, "x"]
    assert [values[k] for k in ("3.1", "3.2", "4", "4.1.2")] == [8, 0, 8, 8]
    # one under 16 and one of 60 or over hide each other; 6 of 16-59 stays
    assert [values[k] for k in ("4.2.1", "4.2.2", "4.2.3")] == ["x", 6, "x"]
    assert values["6.3"] == "x" and values["5"] == "x"
    text = _text(district.content)
    assert (
        "Biểu số TT07-H (dùng cho cấp huyện)" in text and "Sở Văn hóa, Thể thao và Du lịch" in text
    )
    assert "Số liệu ẩn danh" in text


def test_no_one_fills_a_form_outside_their_units(cw, records, login):
    assert _fill(login(cw.stats), cw.world.commune_c).status_code == 404
    for user in (cw.worker_b, cw.world.outsider):
        assert _fill(login(user), cw.world.commune_a).status_code == 404
        assert login(user).get(reverse("cases:report_forms")).status_code == 404


def test_a_bad_year_is_refused_with_a_message(cw, records, login):
    response = login(cw.stats).get(
        reverse("cases:report_form_fill"), {"unit": str(cw.world.district.pk), "year": "1890"},
        follow=True,
    )  # fmt: skip
    assert "Nhập năm từ 2000 đến 2100." in response.content.decode()


def test_every_shipped_template_carries_every_placeholder():
    for code in forms_tt07.FORMS:
        content = forms_tt07.shipped(code)
        forms_tt07.validate(content)
        assert forms_tt07.placeholders(content) == forms_tt07.KNOWN


# ---------------------------------------------------------------- the office's own template


def _workbook(edit) -> io.BytesIO:
    wb = load_workbook(io.BytesIO(forms_tt07.shipped("xa")))
    edit(wb.active)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "mau-cua-huyen.xlsx"
    return out


def _upload(client, cw, file, form="xa"):
    return client.post(
        reverse("cases:report_form_upload", args=[form]),
        {"unit": str(cw.world.district.pk), "file": file},
        follow=True,
    )


def test_an_office_downloads_edits_uploads_and_resets_its_template(cw, records, login):
    client = login(cw.world.standing_office)
    page = client.get(reverse("cases:report_forms")).content.decode()
    assert "Mẫu biểu của Huyện Vị Xuyên" in page
    template = client.get(
        reverse("cases:report_form_template", args=["xa"]), {"unit": str(cw.world.district.pk)}
    )
    assert template.content == forms_tt07.shipped("xa")

    def retitle(ws):
        ws["A4"] = "BÁO CÁO PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH CỦA XÃ {{don_vi}}"

    response = _upload(client, cw, _workbook(retitle))
    assert "Phiên bản 1 của mẫu biểu đang được dùng." in response.content.decode()
    version = ReportFormTemplate.objects.get(org_unit=cw.world.district, form="xa")
    assert version.version == 1 and version.file_name == "mau-cua-huyen.xlsx"
    assert AuditEntry.objects.filter(action="cases.report_form_upload").count() == 1
    filled = _text(_fill(client, cw.world.commune_a).content)
    assert "BÁO CÁO PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH CỦA XÃ Xã Phú Linh" in filled
    # the district's version is used for the communes under it, whoever fills the form
    office_text = _text(_fill(login(cw.stats), cw.world.commune_b).content)
    assert "CỦA XÃ Xã Kim Thạch" in office_text
    assert forms_tt07.current("xa", cw.world.district2) is None

    client = login(cw.world.standing_office)

    response = client.post(
        reverse("cases:report_form_reset", args=["xa"]),
        {"unit": str(cw.world.district.pk)},
        follow=True,
    )
    assert "Mẫu biểu gốc được dùng trở lại." in response.content.decode()
    latest = ReportFormTemplate.objects.filter(form="xa").order_by("-version").first()
    assert latest.version == 2 and bytes(latest.content) == b""
    filled = _text(_fill(client, cw.world.commune_a).content)
    assert "BÁO CÁO THÔNG TIN VỀ PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH" in filled
    assert "CỦA XÃ" not in filled
    again = client.post(reverse("cases:report_form_reset", args=["xa"]),
                        {"unit": str(cw.world.district.pk)}, follow=True)  # fmt: skip
    assert "Đơn vị đã dùng mẫu biểu gốc." in again.content.decode()
    assert ReportFormTemplate.objects.count() == 2


def test_unknown_or_missing_placeholders_are_refused_and_nothing_changes(cw, login):
    client = login(cw.world.standing_office)

    def unknown(ws):
        ws["B40"] = "{{so_vu_sai}}"
        ws["B41"] = "Tổng {{ ho_ten }}"

    html = _upload(client, cw, _workbook(unknown)).content.decode()
    assert "Mẫu biểu có chỗ điền hệ thống không biết: {{ho_ten}}, {{so_vu_sai}}" in html

    def missing(ws):
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "{{tu_van}}":
                    cell.value = ""

    html = _upload(client, cw, _workbook(missing)).content.decode()
    assert "Mẫu biểu thiếu chỗ điền cần có: {{tu_van}}." in html
    fake = io.BytesIO(b"not a workbook at all")
    fake.name = "mau.xlsx"
    html = _upload(client, cw, fake).content.decode()
    assert "không khớp với phần mở rộng .xlsx" in html
    empty = _upload(client, cw, "").content.decode()
    assert "Chọn tệp .xlsx của mẫu biểu." in empty
    assert ReportFormTemplate.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="cases.report_form").exists()


def test_only_a_standing_office_changes_templates_of_its_own_unit(cw, login, office_a):
    def same(ws):
        pass

    for user in (cw.stats, office_a, cw.supervisor):
        assert _upload(login(user), cw, _workbook(same)).status_code == 404
    response = login(cw.world.standing_office).post(
        reverse("cases:report_form_upload", args=["xa"]),
        {"unit": str(cw.world.district2.pk), "file": _workbook(same)},
    )
    assert response.status_code == 404
    assert (
        _upload(login(cw.world.standing_office), cw, _workbook(same), form="other").status_code
        == 200
    )
    assert ReportFormTemplate.objects.count() == 0
    assert login(cw.stats).get(reverse("cases:report_form_template", args=["xa"]),
                               {"unit": str(cw.world.district.pk)}).status_code == 404  # fmt: skip


def test_a_value_that_looks_like_a_formula_stays_text_and_the_offices_formulas_stay():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "{{don_vi}}"
    wb.active["B1"] = "=SUM(2,3)"
    wb.active["C1"] = "{{so_vu}}"
    out = io.BytesIO()
    wb.save(out)
    filled = forms_tt07.fill(out.getvalue(), {"don_vi": '=HYPERLINK("http://x")', "so_vu": 12})
    ws = load_workbook(io.BytesIO(filled)).active
    assert ws["A1"].value == '\'=HYPERLINK("http://x")'
    assert ws["B1"].value == "=SUM(2,3)" and ws["C1"].value == 12


def test_the_forms_page_lists_the_viewers_units_and_the_placeholders(cw, login):
    client = login(cw.stats)
    html = client.get(reverse("cases:report_forms")).content.decode()
    assert f'value="{cw.world.commune_a.pk}"' in html and f'value="{cw.world.district.pk}"' in html
    assert f'value="{cw.world.commune_c.pk}"' not in html
    assert "{{so_vu}}" in html and "{{ghi_chu}}" in html
    assert "Mẫu biểu của" not in html  # a viewer changes no template
    statistics_page = client.get(reverse("cases:statistics")).content.decode()
    assert reverse("cases:report_forms") in statistics_page

"""The register through its pages and API: entry by the real forms, scoping, contact masking,
status history, period records, evaluations with evidence."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.audit.models import AuditEntry
from binhdang.servicemodels.models import (
    Evaluation,
    EvaluationCriterion,
    ModelStatus,
    PeriodRecord,
    ServiceModel,
)
from binhdang.servicemodels.selectors import MASK
from tests.html_forms import form

from .factories import PHONE_A, add_evaluation, add_period, ensure_criteria, make_model

pytestmark = pytest.mark.django_db

NFD_NAME = unicodedata.normalize("NFD", "Địa chỉ tin cậy thôn Khuổi Luông")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_it_registers_a_model_by_the_form_with_nfd_text_and_grouped_numbers(world, login):
    client = login(world.reporter_a)
    page = client.get("/servicemodels/new/").content.decode()
    f = form(page, has="name")
    data = f.data(
        name=NFD_NAME,
        kind="trusted_address",
        commune=f.option("commune", "Xã Phú Linh"),
        village="Thôn Khuổi Luông",
        contact_phone="0987 654 321",
        established_on="2023-03-08",
        decision_number="41/QĐ-UBND",
        decision_date="01/03/2023",
        members_women="1.234",
        members_men="12",
        capacity="5",
    )
    response = client.post("/servicemodels/new/", data)
    assert response.status_code == 302
    model = ServiceModel.objects.get()
    assert model.name == unicodedata.normalize("NFC", NFD_NAME)
    assert (model.org_unit, model.commune) == (world.commune_a, world.commune_a)
    assert model.members_women == 1234 and model.capacity == 5
    assert model.status == ModelStatus.ACTIVE and model.status_since == date(2023, 3, 8)
    assert model.status_changes.count() == 1
    assert AuditEntry.objects.filter(action="servicemodel.create", object_id=str(model.pk)).exists()


def test_it_refuses_a_number_written_the_wrong_way_and_saves_nothing(world, login):
    client = login(world.reporter_a)
    f = form(client.get("/servicemodels/new/").content.decode(), has="name")
    data = f.data(name="CLB phòng chống BLGĐ", kind="dv_club", members_women="12.5")
    response = client.post("/servicemodels/new/", data)
    assert response.status_code == 200
    assert "1.234" in response.content.decode()  # the message shows how to write it
    assert not ServiceModel.objects.exists()


def test_it_refuses_a_commune_outside_the_managing_units_area(world, login):
    client = login(world.reporter_a)
    f = form(client.get("/servicemodels/new/").content.decode(), has="name")
    data = f.data(name="Nhà tạm lánh", kind="shelter", commune=str(world.commune_b.pk))
    response = client.post("/servicemodels/new/", data)
    assert response.status_code == 200
    assert not ServiceModel.objects.exists()


def test_it_edits_a_model_by_the_form(world, login):
    model = make_model(world)
    client = login(world.reporter_a)
    f = form(client.get(f"/servicemodels/{model.pk}/edit/").content.decode(), has="name")
    assert f.value("members_women") == "9"
    response = client.post(
        f"/servicemodels/{model.pk}/edit/", f.data(members_men="4", capacity="6")
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert (model.members_men, model.capacity) == (4, 6)
    entry = AuditEntry.objects.get(action="servicemodel.update", object_id=str(model.pk))
    assert entry.changes["members_men"] == [3, 4]


def test_commune_b_sees_nothing_of_commune_as_models(world, login):
    model = make_model(world)
    add_period(world, model)
    evaluation = add_evaluation(world, model)
    client = login(world.reporter_b)
    assert model.name not in client.get("/servicemodels/").content.decode()
    assert client.get(f"/servicemodels/{model.pk}/").status_code == 404
    assert client.get(f"/servicemodels/{model.pk}/edit/").status_code == 404
    assert client.get(f"/servicemodels/evaluations/{evaluation.pk}/").status_code == 404
    assert client.get("/api/v1/servicemodels/").json() == []
    assert client.get(f"/api/v1/servicemodels/{model.pk}").status_code == 404
    # the standing office sees its whole subtree
    office = login(world.standing_office)
    assert model.name in office.get("/servicemodels/").content.decode()
    assert [m["id"] for m in office.get("/api/v1/servicemodels/").json()] == [model.pk]


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("reporter_a", True),
        ("head_a", True),
        ("standing_office", True),
        ("admin", True),
        ("leader", False),
        ("viewer", False),
    ],
)
def test_the_contact_is_shown_to_case_workers_only(world, login, persona, shown):
    model = make_model(world)
    client = login(getattr(world, persona))
    page = client.get(f"/servicemodels/{model.pk}/").content.decode()
    api = client.get(f"/api/v1/servicemodels/{model.pk}").json()
    assert (PHONE_A in page) is shown
    assert (api["contact_phone"] == PHONE_A) is shown
    if not shown:
        assert MASK in page and api["contact_phone"] == MASK
        assert "Nhà văn hóa thôn Nà Pồng" not in page + str(api)


def test_it_changes_the_status_by_the_form_and_keeps_the_history(world, login):
    model = make_model(world)
    client = login(world.reporter_a)
    page = client.get(f"/servicemodels/{model.pk}/").content.decode()
    f = form(page, action=f"/servicemodels/{model.pk}/status/")
    refused = client.post(f.action, f.data(status="suspended", on="2023-06-01", reason=""))
    assert refused.status_code == 302
    model.refresh_from_db()
    assert model.status == ModelStatus.ACTIVE  # a reason is needed
    client.post(
        f.action,
        f.data(status="suspended", on="2023-06-01", reason="Người phụ trách chuyển công tác"),
    )
    model.refresh_from_db()
    assert (model.status, model.status_since) == (ModelStatus.SUSPENDED, date(2023, 6, 1))
    assert list(model.status_changes.values_list("status", flat=True)) == ["active", "suspended"]
    assert (
        "Người phụ trách chuyển công tác"
        in client.get(f"/servicemodels/{model.pk}/").content.decode()
    )


def test_it_records_a_month_and_refuses_an_overlapping_quarter(world, login):
    model = make_model(world)
    client = login(world.reporter_a)
    url = f"/servicemodels/{model.pk}/periods/new/"
    f = form(client.get(url).content.decode(), has="supported_total")
    data = f.data(year="2023", period_kind="month", period_number="11", activities="3",
                  supported_total="1.234", supported_women="1.000", supported_ethnic="900",
                  referrals="2")  # fmt: skip
    assert client.post(url, data).status_code == 302
    period = PeriodRecord.objects.get()
    assert (period.supported_total, period.period_start, period.period_end) == (
        1234,
        date(2023, 11, 1),
        date(2023, 11, 30),
    )
    quarter = f.data(year="2023", period_kind="quarter", period_number="4", supported_total="5")
    response = client.post(url, quarter)
    assert response.status_code == 200 and PeriodRecord.objects.count() == 1
    too_many = f.data(year="2023", period_kind="month", period_number="10", supported_total="5",
                      supported_women="6")  # fmt: skip
    assert client.post(url, too_many).status_code == 200
    assert PeriodRecord.objects.count() == 1
    # correcting it through its own form
    edit = f"/servicemodels/periods/{period.pk}/edit/"
    f = form(client.get(edit).content.decode(), has="supported_total")
    assert client.post(edit, f.data(supported_total="1.240")).status_code == 302
    period.refresh_from_db()
    assert period.supported_total == 1240


def test_it_records_an_evaluation_with_scores_and_evidence(world, login):
    ensure_criteria()
    model = make_model(world)
    client = login(world.reporter_a)
    url = f"/servicemodels/{model.pk}/evaluations/new/"
    f = form(client.get(url).content.decode(), has="conclusion")
    criteria = list(EvaluationCriterion.objects.filter(is_active=True))
    assert len(criteria) == 8  # the shipped template
    scores = {f"score_{c.pk}": "8,5" for c in criteria}
    over = client.post(url, f.data(year="2023", evaluated_on="2023-12-01", conclusion="effective",
                                   **{**scores, f"score_{criteria[0].pk}": "11"}))  # fmt: skip
    assert over.status_code == 200 and not Evaluation.objects.exists()
    response = client.post(
        url,
        f.data(year="2023", evaluated_on="2023-12-01", conclusion="needs_improvement",
               proposals="Bổ sung sổ ghi chép", **scores),
    )  # fmt: skip
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.conclusion == "needs_improvement"
    assert set(evaluation.scores.values_list("score", flat=True)) == {Decimal("8.5")}
    page = client.get(f"/servicemodels/evaluations/{evaluation.pk}/").content.decode()
    assert "68 / 100" in page  # 8 criteria × 8,5 of a template worth 100
    upload = f"/servicemodels/evaluations/{evaluation.pk}/evidence/"
    client.post(upload, {"file": SimpleUploadedFile("bien-ban.exe", b"MZ\x90\x00")})
    assert not evaluation.evidence.exists()
    client.post(upload, {"file": SimpleUploadedFile("Biên bản rà soát.pdf", PDF)})
    evidence = evaluation.evidence.get()
    assert evidence.original_name == "Biên bản rà soát.pdf"
    download = client.get(f"/servicemodels/evidence/{evidence.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert login(world.reporter_b).get(f"/servicemodels/evidence/{evidence.pk}/").status_code == 404


def test_the_api_registers_a_model_in_scope_only(world, login):
    client = login(world.reporter_a)
    body = {"org_unit_id": world.commune_a.pk, "commune_id": world.commune_a.pk,
            "name": "Câu lạc bộ Gia đình hạnh phúc", "kind": "dv_club", "members_women": 20}  # fmt: skip
    response = client.post("/api/v1/servicemodels/", body, content_type="application/json")
    assert response.status_code == 201
    assert ServiceModel.objects.get().name == "Câu lạc bộ Gia đình hạnh phúc"
    other = {**body, "org_unit_id": world.commune_b.pk, "commune_id": world.commune_b.pk}
    assert (
        client.post("/api/v1/servicemodels/", other, content_type="application/json").status_code
        == 404
    )
    bad = {**body, "commune_id": world.commune_b.pk}
    response = client.post("/api/v1/servicemodels/", bad, content_type="application/json")
    assert response.status_code == 400 and "Xã Kim Thạch" in response.json()["detail"]
    assert ServiceModel.objects.count() == 1


def test_a_figures_records_link_lists_only_that_units_models(world, login):
    model = make_model(world)
    client = login(world.standing_office)
    assert (
        model.name
        not in client.get("/servicemodels/", {"unit": world.commune_b.pk}).content.decode()
    )
    assert (
        model.name in client.get("/servicemodels/", {"unit": world.commune_a.pk}).content.decode()
    )

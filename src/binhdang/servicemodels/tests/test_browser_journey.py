"""A commune officer, on a phone, registers a trusted address and records its 2023
evaluation: the forms fit the screen and what was typed is what the register holds."""

from decimal import Decimal

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_registers_a_trusted_address_and_its_evaluation_on_a_phone(page, world):
    from binhdang.servicemodels.models import Evaluation, ServiceModel

    from .factories import ensure_criteria

    ensure_criteria()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", world.reporter_a.username)
    page.fill("input[name=password]", "pw-" + world.reporter_a.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(page.base_url + "/servicemodels/")
    page.click("text=Thêm mô hình")
    page.fill("#id_name", "Địa chỉ tin cậy thôn Nà Pồng")
    page.select_option("#id_kind", "trusted_address")
    page.select_option("#id_commune", label="Xã Phú Linh")
    page.fill("#id_village", "Thôn Nà Pồng")
    page.fill("#id_contact_person", "Hoàng Thị Mỷ")
    page.fill("#id_contact_phone", "0912 345 678")
    page.fill("#id_established_on", "2023-03-08")
    page.fill("#id_members_women", "5")
    page.fill("#id_members_men", "2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Địa chỉ tin cậy thôn Nà Pồng"
    assert page.locator("text=0912 345 678").count() == 1
    model = ServiceModel.objects.get()
    assert (model.org_unit_id, model.members_women, model.kind) == (
        world.commune_a.pk,
        5,
        "trusted_address",
    )

    page.click("text=Ghi kết quả đánh giá")
    page.select_option("#id_year", "2023")
    page.fill("#id_evaluated_on", "2023-11-20")
    page.select_option("#id_conclusion", "effective")
    for field in page.locator("input[name^=score_]").all():
        field.fill("8,5")
    page.fill("#id_proposals", "Nhân rộng ra thôn Bản Mào")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state()
    assert "Đánh giá năm 2023" in page.locator("h1").inner_text()
    evaluation = Evaluation.objects.get()
    assert (evaluation.year, evaluation.conclusion) == (2023, "effective")
    assert set(evaluation.scores.values_list("score", flat=True)) == {Decimal("8.5")}
    assert evaluation.proposals == "Nhân rộng ra thôn Bản Mào"

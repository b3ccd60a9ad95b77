"""A district office records a plan in which gender equality was mainstreamed, on a phone."""

import pytest

from binhdang.mainstreaming.models import DraftedDocument


def _sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_drafted_plan_is_recorded(page, world):
    page.set_viewport_size({"width": 360, "height": 740})
    _sign_in(page, world.head_a)
    page.goto(page.base_url + "/mainstreaming/new/")
    page.select_option("#id_year", "2023")
    page.select_option("#id_kind", label="Kế hoạch")
    page.fill("#id_title", "Kế hoạch thực hiện công tác bình đẳng giới năm 2023")
    page.fill("#id_drafted_on", "2023-03-15")
    page.check("#id_gender_assessed")
    page.check("#id_assessment_report")
    page.select_option("#id_outcome", label="Đã ban hành, phê duyệt")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lưu văn bản.")
    document = DraftedDocument.objects.get()
    assert document.gender_assessed and document.assessment_report
    assert document.org_unit == world.commune_a
    page.goto(page.base_url + "/mainstreaming/summary/?year=2023")
    assert "1/1" in page.locator("main p").first.inner_text()

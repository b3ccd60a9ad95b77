"""A commune's committee kept in a browser on a phone: set up, a member added, a kiện toàn
decision with its file, the committee as on a date, a programme item and a meeting."""

from datetime import date

import pytest

PHONE = {"width": 360, "height": 740}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sign_in(page, user):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


def _submit(page):
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_commune_keeps_its_committee_on_a_phone(page, world, settings, tmp_path):
    from binhdang.cfaw.models import Committee, Decision, Meeting, Member, ProgrammeItem

    settings.MEDIA_ROOT = tmp_path
    _sign_in(page, world.reporter_a)
    page.goto(page.base_url + "/cfaw/")
    page.click("text=Thành lập Ban của đơn vị")
    _submit(page)
    committee = Committee.objects.get()
    page.click("text=Thêm thành viên")
    page.fill("[name=full_name]", "Hoàng Văn Thắng")
    page.select_option("[name=post]", "head")
    page.fill("[name=from_body]", "UBND xã Phú Linh")
    page.select_option("[name=sex]", "male")
    page.fill("[name=starts_on]", "01/03/2021")
    _submit(page)
    thang = Member.objects.get()
    page.goto(page.base_url + f"/cfaw/committee/{committee.pk}/")
    page.click("text=Ghi nhận quyết định kiện toàn")
    page.fill("[name=number]", "125/QĐ-UBND")
    page.fill("[name=signed_on]", "15/06/2023")
    page.set_input_files(
        "[name=file]", {"name": "qd-125.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.check(f"#leave-{thang.pk}")
    page.fill("[name=new-0-full_name]", "Đặng Thị Yến")
    page.select_option("[name=new-0-post]", "head")
    page.fill("[name=new-0-from_body]", "UBND xã Phú Linh")
    page.select_option("[name=new-0-sex]", "female")
    _submit(page)
    assert Decision.objects.get().original_name == "qd-125.pdf"
    thang.refresh_from_db()
    assert thang.ends_on == date(2023, 6, 14)
    assert "Đặng Thị Yến" in page.locator("#members").inner_text()
    page.fill("#f-on", "01/06/2023")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "Hoàng Văn Thắng" in page.locator("#members").inner_text()
    page.click("text=Thêm nội dung chương trình")
    page.fill("[name=year]", "2023")
    page.fill("[name=title]", "Tổ chức Tháng hành động vì bình đẳng giới")
    page.select_option("[name=lead_member]", label="Đặng Thị Yến (Trưởng ban)")
    page.select_option("[name=status]", "done")
    _submit(page)
    assert ProgrammeItem.objects.get().lead_member.full_name == "Đặng Thị Yến"
    page.goto(page.base_url + f"/cfaw/committee/{committee.pk}/")
    page.click("text=Ghi nhận cuộc họp")
    page.fill("[name=held_on]", "20/12/2023")
    page.fill("[name=title]", "Họp tổng kết năm 2023")
    page.fill("[name=attendees]", "5")
    page.set_input_files(
        "[name=minutes]", {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    _submit(page)
    assert Meeting.objects.get().original_name == "bien-ban.pdf"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

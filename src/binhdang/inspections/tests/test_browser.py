"""The office records a check and a follow-up item; a commune registers a complaint, sees its
deadline and opens the complainant's identity (recorded in the audit log)."""

from datetime import date

import pytest

from binhdang.audit.models import AuditEntry
from binhdang.inspections.models import Complaint, FollowUp, Inspection


def _sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_check_and_its_follow_up(page, world):
    _sign_in(page, world.standing_office)
    page.goto(page.base_url + "/inspections/new/")
    page.select_option("#id_org_unit", label="Huyện Vị Xuyên")
    page.fill("#id_title", "Kiểm tra việc thực hiện Luật Bình đẳng giới")
    page.select_option("#id_inspected_units", label=["Xã Phú Linh"])
    page.fill("#id_started_on", "2023-09-12")
    page.check("#id_scope_law")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lưu cuộc thanh tra, kiểm tra.")
    inspection = Inspection.objects.get()
    page.fill("#add-follow-up input[name=text]", "Bố trí kinh phí năm 2024")
    page.select_option("#add-follow-up select[name=responsible_unit]", label="Xã Phú Linh")
    page.fill("#add-follow-up input[name=due_on]", "2023-12-31")
    page.locator("#add-follow-up button").click()
    page.wait_for_selector("text=Đã thêm nội dung kiến nghị.")
    assert FollowUp.objects.get().inspection == inspection
    assert "Bố trí kinh phí năm 2024" in page.locator("#follow-ups").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_complaint_is_registered_on_a_phone(page, world):
    page.set_viewport_size({"width": 360, "height": 740})
    _sign_in(page, world.reporter_a)
    page.goto(page.base_url + "/inspections/complaints/new/")
    page.select_option("#id_kind", label="Khiếu nại")
    page.fill("#id_received_on", "2023-11-20")
    page.select_option("#id_channel", label="Đơn, thư")
    page.fill("#id_identity-name", "Lò Thị Xuân")
    page.fill("#id_respondent", "Trưởng thôn Nậm Am")
    page.fill("#id_content", "Không được bầu vào ban quản lý thôn vì là nữ.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("#next-deadline")
    assert "30/11/2023" in page.locator("#next-deadline").inner_text()
    assert "Lò Thị Xuân" not in page.content()
    page.get_by_role("link", name="Xem thông tin (mỗi lần xem đều được ghi nhật ký)").click()
    page.wait_for_selector("#identity")
    assert "Lò Thị Xuân" in page.locator("#identity").inner_text()
    complaint = Complaint.objects.get()
    assert complaint.received_on == date(2023, 11, 20)
    assert (
        AuditEntry.objects.filter(
            action="complaint.identity.read", sensitive_read=True, actor=world.reporter_a
        ).count()
        == 1
    )

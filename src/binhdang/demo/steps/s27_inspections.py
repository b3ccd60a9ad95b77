"""Vị Xuyên 2023: two inspections (the Labour office's check of the Law on Gender Equality
and the strategy's plan in three communes, the Culture office's check of domestic-violence
prevention), with follow-up items; and one complaint in progress at Xã Phú Linh, accepted on
01/12/2023, its verification due 20/12/2023 (illustrative people and facts). Idempotent: nothing
is added when the district's 2023 inspections exist."""

from datetime import date

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import district_units
from binhdang.inspections.models import Inspection
from binhdang.inspections.services import (
    ComplaintData,
    IdentityData,
    InspectionData,
    ProgressData,
    complaint_create,
    complaint_progress,
    follow_up_add,
    follow_up_set_status,
    handler_add,
    inspection_create,
)


def run(stdout) -> None:
    units = district_units()
    if Inspection.objects.filter(
        started_on__year=2023, org_unit__path__startswith=units["district"].path
    ).exists():
        stdout.write("  inspections: Vị Xuyên 2023 already recorded")
        return
    office = User.objects.get(username="thuongtruc.vixuyen")
    law = inspection_create(actor=office, data=InspectionData(
        org_unit=units["ldtbxh"], kind="check",
        title="Kiểm tra việc thực hiện Luật Bình đẳng giới và Kế hoạch thực hiện Chiến lược "
              "quốc gia về bình đẳng giới năm 2023",
        plan="Kế hoạch số 112/KH-UBND ngày 15/03/2023 của UBND huyện Vị Xuyên",
        inspected_units=[units["00706"], units["00703"], units["00928"]],
        started_on=date(2023, 9, 12), ended_on=date(2023, 9, 14),
        scope_law=True, scope_strategy=True,
        findings="Các xã đã ban hành kế hoạch năm 2023 và kiện toàn Ban vì sự tiến bộ của phụ "
                 "nữ; xã Kim Thạch chưa bố trí kinh phí riêng, việc thống kê số liệu tách biệt "
                 "theo giới còn thiếu.",
        recommendations="Bố trí kinh phí cho công tác bình đẳng giới trong dự toán năm 2024; "
                        "cập nhật số liệu thống kê giới theo quý.",
    ))  # fmt: skip
    done = follow_up_add(actor=office, inspection=law, responsible_unit=units["00706"],
                         text="Cập nhật số liệu thống kê tách biệt theo giới theo quý",
                         due_on=date(2023, 10, 31))  # fmt: skip
    follow_up_set_status(actor=office, item=done, status="done", done_on=date(2023, 10, 25))
    follow_up_add(actor=office, inspection=law, responsible_unit=units["00703"],
                  text="Bố trí kinh phí cho công tác bình đẳng giới trong dự toán năm 2024",
                  due_on=date(2023, 12, 31))  # fmt: skip
    dv = inspection_create(actor=office, data=InspectionData(
        org_unit=units["vhtt"], kind="check",
        title="Kiểm tra công tác phòng, chống bạo lực gia đình năm 2023",
        plan="Kế hoạch phòng, chống bạo lực gia đình năm 2023 của UBND huyện Vị Xuyên",
        inspected_units=[units["00967"], units["00913"]],
        started_on=date(2023, 10, 17), ended_on=date(2023, 10, 17), scope_dv=True,
        findings="Xã Việt Lâm duy trì mô hình phòng, chống bạo lực gia đình ở 4 thôn; Thị trấn "
                 "Vị Xuyên chưa có địa chỉ tin cậy tại cộng đồng.",
        recommendations="Thị trấn Vị Xuyên thành lập địa chỉ tin cậy tại cộng đồng.",
    ))  # fmt: skip
    follow_up_add(
        actor=office,
        inspection=dv,
        responsible_unit=units["00913"],
        text="Thành lập địa chỉ tin cậy tại cộng đồng",
        due_on=date(2024, 3, 31),
    )
    head = User.objects.get(username="truong.phulinh")
    complaint = complaint_create(actor=head, data=ComplaintData(
        org_unit=units["00706"], kind="complaint", received_on=date(2023, 11, 24),
        channel="letter", respondent="Ban quản lý thôn Nậm Am",
        content="Phản ánh việc thôn không đưa chị em phụ nữ vào danh sách tập huấn chuyển đổi "
                "nghề do chỉ mời chủ hộ là nam giới.",
    ), identity=IdentityData(name="Hoàng Thị Nhung (minh họa)", address="Thôn Nậm Am, xã Phú Linh"))  # fmt: skip
    handler_add(actor=head, complaint=complaint, user=User.objects.get(username="baocao.phulinh"))
    complaint_progress(actor=head, complaint=complaint, data=ProgressData(
        acceptance="accepted", decided_on=date(2023, 12, 1), verification_due=date(2023, 12, 20),
    ))  # fmt: skip
    stdout.write("  inspections: 2 checks and 1 complaint in progress (verification by 20/12/2023)")

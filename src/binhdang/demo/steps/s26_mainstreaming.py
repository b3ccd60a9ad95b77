"""Documents Vị Xuyên's bodies and some communes drafted in 2023 and whether gender equality
was mainstreamed in each (illustrative titles). Idempotent: nothing is added when the
district's 2023 documents exist."""

from datetime import date

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import district_units
from binhdang.mainstreaming.models import DraftedDocument
from binhdang.mainstreaming.services import DocumentData, document_create

YEAR = 2023

# (unit key, kind, number, date, title, assessed, report, justice, how, outcome, note)
DOCUMENTS = [
    ("ldtbxh", "plan", "35/KH-UBND", date(2023, 2, 20), "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2023", True, True, True, "Báo cáo lồng ghép vấn đề bình đẳng giới gửi kèm hồ sơ thẩm định", "adopted", ""),
    ("ldtbxh", "plan", "112/KH-UBND", date(2023, 3, 15), "Kế hoạch kiểm tra việc thực hiện pháp luật về bình đẳng giới năm 2023", True, False, False, "Nội dung kiểm tra có tiêu chí về bình đẳng giới", "adopted", ""),
    ("bvstbpn", "legal", "", date(2023, 5, 8), "Quyết định kiện toàn Ban vì sự tiến bộ của phụ nữ huyện và Quy chế hoạt động", True, False, True, "Phòng Tư pháp thẩm định", "adopted", ""),
    ("dantoc", "programme", "", date(2023, 4, 10), "Chương trình phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2023-2025", True, True, True, "Đánh giá tác động giới đối với phụ nữ dân tộc thiểu số", "adopted", "Giữ chỉ tiêu tỷ lệ lao động nữ được đào tạo nghề"),
    ("vhtt", "project", "", date(2023, 6, 1), "Đề án phát triển du lịch cộng đồng gắn với bảo tồn văn hóa các dân tộc", False, False, False, "", "adopted", ""),
    ("gddt", "plan", "", date(2023, 8, 25), "Kế hoạch phòng, chống bạo lực học đường năm học 2023-2024", True, False, False, "Lồng ghép nội dung phòng, chống bạo lực trên cơ sở giới", "adopted", ""),
    ("nnptnt", "plan", "", date(2023, 9, 12), "Kế hoạch hỗ trợ phát triển sản xuất hàng hóa nông nghiệp năm 2024", False, False, False, "", "drafting", ""),
    ("00706", "plan", "", date(2023, 2, 28), "Kế hoạch thực hiện công tác bình đẳng giới xã Phú Linh năm 2023", True, False, False, "Lấy ý kiến Hội Liên hiệp Phụ nữ xã", "adopted", ""),
    ("00703", "plan", "", date(2023, 3, 2), "Kế hoạch thực hiện công tác bình đẳng giới xã Kim Thạch năm 2023", True, False, False, "Lấy ý kiến Hội Liên hiệp Phụ nữ xã", "adopted", ""),
    ("00928", "plan", "", date(2023, 3, 6), "Kế hoạch phòng, chống bạo lực gia đình xã Thanh Thủy năm 2023", True, False, False, "", "adopted", ""),
    ("00967", "legal", "", date(2023, 7, 14), "Quy ước thôn Khuổi Luông (sửa đổi)", True, False, True, "Rà soát, bỏ nội dung phân biệt đối xử về giới", "adopted", "Bỏ quy định chỉ nam giới được làm chủ hộ đứng tên"),
]  # fmt: skip


def run(stdout) -> None:
    units = district_units()
    existing = DraftedDocument.objects.filter(
        year=YEAR, org_unit__path__startswith=units["district"].path
    )
    if existing.exists():
        stdout.write("  mainstreaming: Vị Xuyên 2023 already recorded")
        return
    office = User.objects.get(username="thuongtruc.vixuyen")
    for key, kind, number, day, title, assessed, report, justice, how, outcome, note in DOCUMENTS:
        document_create(actor=office, data=DocumentData(
            org_unit=units[key], year=YEAR, kind=kind, title=title, number_symbol=number,
            drafted_on=day, gender_assessed=assessed, assessment_report=report,
            justice_appraisal=justice, method_note=how, outcome=outcome, outcome_note=note,
        ))  # fmt: skip
    stdout.write(f"  mainstreaming: {len(DOCUMENTS)} documents of Vị Xuyên 2023")

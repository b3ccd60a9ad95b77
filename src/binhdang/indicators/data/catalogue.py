"""The shipped catalogue: every target of NQ 28/NQ-CP and of QĐ 2232, 1790, 2282 and 45 as read
in public summaries (docs/DOMAIN.md sections 1 and 2). Names are data (Vietnamese), not UI text.

Loaded by `binhdang load-indicator-catalogue` (idempotent; an administrator's later edits are
kept unless --reset). Targets marked unconfirmed in the sources carry no value and the flag.
Comparison ">=" etc. is how a value is measured against the target. `level` is the lowest
administrative level an indicator is reported at: a share of provinces (NQ28-4.3, QĐ 45-6) or
the national curriculum (NQ28-5.1) is national only; broadcasters, TV channels and press
agencies (NQ28-6.1, QĐ 1790-4, QĐ 45-2) are counted by a province.
"""

SEX = ["total", "female", "male"]
SEX_F = ["total", "female"]
TOTAL = ["total"]

# (code, name, value_type, disaggregations, group)
ELEMENTS = [
    # Politics
    ("AGENCY_TOTAL", "Số cơ quan quản lý nhà nước, chính quyền các cấp", "int", TOTAL, "Chính trị"),
    ("AGENCY_WOMAN_LEADER", "Số cơ quan, chính quyền có lãnh đạo chủ chốt là nữ", "int", TOTAL, "Chính trị"),
    ("KEY_LEADERS", "Số người giữ chức danh lãnh đạo chủ chốt (cấp trưởng, cấp phó) của các cơ quan, đơn vị", "int", SEX_F, "Chính trị"),
    ("COUNCIL_DEPUTIES", "Số đại biểu Hội đồng nhân dân nhiệm kỳ 2021-2026", "int", SEX_F, "Chính trị"),
    # Economy, labour
    ("EMPLOYED", "Số người có việc làm", "int", SEX, "Kinh tế, lao động"),
    ("WAGE_WORKERS", "Số lao động làm công hưởng lương", "int", SEX, "Kinh tế, lao động"),
    ("AGRI_WORKERS", "Số lao động làm việc trong khu vực nông nghiệp", "int", SEX, "Kinh tế, lao động"),
    ("ENTERPRISE_OWNERS", "Số giám đốc/chủ doanh nghiệp, hợp tác xã", "int", SEX_F, "Kinh tế, lao động"),
    # Family, GBV
    ("UNPAID_CARE_HOURS", "Số giờ làm công việc nội trợ, chăm sóc không được trả công (bình quân/tuần)", "decimal", SEX, "Gia đình, bạo lực giới"),
    ("GBV_DETECTED", "Số nạn nhân bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện", "int", SEX_F, "Gia đình, bạo lực giới"),
    ("GBV_SERVED", "Số nạn nhân được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản", "int", SEX_F, "Gia đình, bạo lực giới"),
    ("GBV_SOUGHT_HELP", "Số nạn nhân chủ động tìm kiếm sự giúp đỡ từ cơ sở cung cấp dịch vụ", "int", SEX_F, "Gia đình, bạo lực giới"),
    ("GBV_NEED_HELP", "Số trường hợp bạo lực trên cơ sở giới cần hỗ trợ", "int", TOTAL, "Gia đình, bạo lực giới"),
    ("GBV_HELPED", "Số trường hợp cần hỗ trợ được hỗ trợ", "int", TOTAL, "Gia đình, bạo lực giới"),
    ("PERP_NOT_PROSECUTED", "Số người gây bạo lực được phát hiện nhưng không bị truy cứu trách nhiệm hình sự", "int", TOTAL, "Gia đình, bạo lực giới"),
    ("PERP_COUNSELLED", "Số người gây bạo lực không bị truy cứu được tư vấn", "int", TOTAL, "Gia đình, bạo lực giới"),
    ("TRAFFICKING_NEED_SUPPORT", "Số nạn nhân bị mua bán trở về có nhu cầu hỗ trợ", "int", SEX_F, "Gia đình, bạo lực giới"),
    ("TRAFFICKING_SUPPORTED", "Số nạn nhân bị mua bán được hỗ trợ, tái hòa nhập", "int", SEX_F, "Gia đình, bạo lực giới"),
    ("SOCIAL_ESTAB_TOTAL", "Số cơ sở trợ giúp xã hội công lập", "int", TOTAL, "Gia đình, bạo lực giới"),
    ("SOCIAL_ESTAB_GBV", "Số cơ sở trợ giúp xã hội công lập có hoạt động phòng ngừa, ứng phó bạo lực trên cơ sở giới", "int", TOTAL, "Gia đình, bạo lực giới"),
    # Health
    ("LIVE_BIRTHS", "Số trẻ sinh ra sống", "int", SEX, "Y tế"),
    ("MATERNAL_DEATHS", "Số ca tử vong mẹ", "int", TOTAL, "Y tế"),
    ("PROVINCES_TOTAL", "Số tỉnh, thành phố", "int", TOTAL, "Y tế"),
    ("PROVINCES_LGBT_PILOT", "Số tỉnh có cơ sở y tế thí điểm dịch vụ cho người đồng tính, song tính, chuyển giới", "int", TOTAL, "Y tế"),
    # Education
    ("GENDER_IN_CURRICULUM", "Nội dung về giới được đưa vào chương trình giáo dục quốc dân và giảng dạy ở trường sư phạm", "yes_no", TOTAL, "Giáo dục"),
    ("MASTERS_HOLDERS", "Số người có trình độ thạc sĩ", "int", SEX_F, "Giáo dục"),
    ("PHD_HOLDERS", "Số người có trình độ tiến sĩ", "int", SEX_F, "Giáo dục"),
    ("EM_PRIMARY_COHORT", "Số trẻ em dân tộc thiểu số trong độ tuổi hoàn thành tiểu học", "int", SEX_F, "Giáo dục"),
    ("EM_PRIMARY_DONE", "Số trẻ em dân tộc thiểu số hoàn thành chương trình tiểu học", "int", SEX_F, "Giáo dục"),
    ("EM_LOWERSEC_COHORT", "Số trẻ em dân tộc thiểu số trong độ tuổi hoàn thành trung học cơ sở", "int", SEX_F, "Giáo dục"),
    ("EM_LOWERSEC_DONE", "Số trẻ em dân tộc thiểu số hoàn thành chương trình trung học cơ sở", "int", SEX_F, "Giáo dục"),
    # Information, communication
    ("BROADCASTERS", "Số đài phát thanh, truyền hình", "int", TOTAL, "Thông tin, truyền thông"),
    ("BROADCASTERS_GE_PROGRAMME", "Số đài có chuyên trang, chuyên mục nâng cao nhận thức về bình đẳng giới", "int", TOTAL, "Thông tin, truyền thông"),
    ("SURVEYED_PEOPLE", "Số người được khảo sát về nhận thức bình đẳng giới", "int", SEX_F, "Thông tin, truyền thông"),
    ("PEOPLE_GE_AWARE", "Số người được khảo sát có hiểu biết cơ bản về bình đẳng giới", "int", SEX_F, "Thông tin, truyền thông"),
    ("GE_LAW_SESSIONS", "Số buổi phổ biến pháp luật về bình đẳng giới trong năm", "int", TOTAL, "Thông tin, truyền thông"),
    ("REPORTING_UNITS", "Số cơ quan, đơn vị, địa phương", "int", TOTAL, "Thông tin, truyền thông"),
    ("ACTION_MONTH_UNITS", "Số cơ quan, đơn vị, địa phương xây dựng kế hoạch và tổ chức Tháng hành động vì bình đẳng giới", "int", TOTAL, "Thông tin, truyền thông"),
    ("AWARENESS_INCREASE", "Mức tăng nhận thức về bình đẳng giới so với năm 2025", "percent", TOTAL, "Thông tin, truyền thông"),
    ("MEDIA_AGENCIES", "Số cơ quan báo chí, truyền thông", "int", TOTAL, "Thông tin, truyền thông"),
    ("MEDIA_GENDER_INDEX", "Số cơ quan báo chí áp dụng bộ chỉ số nhạy cảm giới", "int", TOTAL, "Thông tin, truyền thông"),
    ("VILLAGE_CONVENTIONS", "Số hương ước, quy ước thôn, bản", "int", TOTAL, "Thông tin, truyền thông"),
    ("VILLAGE_CONVENTIONS_OK", "Số hương ước, quy ước không có nội dung phân biệt đối xử về giới", "int", TOTAL, "Thông tin, truyền thông"),
    # Domestic violence (QĐ 45)
    ("HOUSEHOLDS", "Số hộ gia đình", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("HOUSEHOLDS_DV_TALKS", "Số hộ gia đình tham gia sinh hoạt, truyền thông phòng, chống bạo lực gia đình tại xã", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("TV_CHANNELS", "Số kênh truyền hình", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("TV_CHANNELS_DV", "Số kênh truyền hình có chuyên mục phòng, chống bạo lực gia đình", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("AT_RISK_PEOPLE", "Số người có nguy cơ bị bạo lực gia đình", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("AT_RISK_SKILLED", "Số người có nguy cơ được trang bị kỹ năng ứng phó", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("DV_VICTIMS", "Số nạn nhân bạo lực gia đình được phát hiện", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("DV_VICTIMS_PROTECTED", "Số nạn nhân được bảo vệ, hỗ trợ pháp lý và chăm sóc y tế", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("DV_PERPETRATORS", "Số người gây bạo lực gia đình được phát hiện", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("DV_PERPETRATORS_COUNSELLED", "Số người gây bạo lực gia đình được tư vấn", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("POP_COLLAB_DV_UNITS", "Số tỉnh có cộng tác viên dân số tham gia phòng, chống bạo lực gia đình", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("COMMUNES", "Số xã, phường, thị trấn", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("COMMUNES_DV_MODEL", "Số xã duy trì mô hình phòng, chống bạo lực gia đình", "int", TOTAL, "Phòng, chống bạo lực gia đình"),
    ("DV_WORKERS", "Số người làm công tác phòng, chống bạo lực gia đình", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
    ("DV_WORKERS_TRAINED", "Số người làm công tác phòng, chống bạo lực gia đình được tập huấn", "int", SEX_F, "Phòng, chống bạo lực gia đình"),
]  # fmt: skip

# Cross-field rules: (left, left option, operator, right, right option).
RULES = [
    ("AGENCY_WOMAN_LEADER", "total", "<=", "AGENCY_TOTAL", "total"),
    ("KEY_LEADERS", "female", "<=", "KEY_LEADERS", "total"),
    ("COUNCIL_DEPUTIES", "female", "<=", "COUNCIL_DEPUTIES", "total"),
    ("WAGE_WORKERS", "female", "<=", "EMPLOYED", "female"),
    ("AGRI_WORKERS", "female", "<=", "EMPLOYED", "female"),
    ("GBV_SERVED", "total", "<=", "GBV_DETECTED", "total"),
    ("GBV_SERVED", "female", "<=", "GBV_DETECTED", "female"),
    ("GBV_SOUGHT_HELP", "total", "<=", "GBV_DETECTED", "total"),
    ("GBV_HELPED", "total", "<=", "GBV_NEED_HELP", "total"),
    ("PERP_COUNSELLED", "total", "<=", "PERP_NOT_PROSECUTED", "total"),
    ("TRAFFICKING_SUPPORTED", "total", "<=", "TRAFFICKING_NEED_SUPPORT", "total"),
    ("SOCIAL_ESTAB_GBV", "total", "<=", "SOCIAL_ESTAB_TOTAL", "total"),
    ("MATERNAL_DEATHS", "total", "<=", "LIVE_BIRTHS", "total"),
    ("PROVINCES_LGBT_PILOT", "total", "<=", "PROVINCES_TOTAL", "total"),
    ("EM_PRIMARY_DONE", "total", "<=", "EM_PRIMARY_COHORT", "total"),
    ("EM_LOWERSEC_DONE", "total", "<=", "EM_LOWERSEC_COHORT", "total"),
    ("BROADCASTERS_GE_PROGRAMME", "total", "<=", "BROADCASTERS", "total"),
    ("PEOPLE_GE_AWARE", "total", "<=", "SURVEYED_PEOPLE", "total"),
    ("ACTION_MONTH_UNITS", "total", "<=", "REPORTING_UNITS", "total"),
    ("MEDIA_GENDER_INDEX", "total", "<=", "MEDIA_AGENCIES", "total"),
    ("VILLAGE_CONVENTIONS_OK", "total", "<=", "VILLAGE_CONVENTIONS", "total"),
    ("HOUSEHOLDS_DV_TALKS", "total", "<=", "HOUSEHOLDS", "total"),
    ("TV_CHANNELS_DV", "total", "<=", "TV_CHANNELS", "total"),
    ("AT_RISK_SKILLED", "total", "<=", "AT_RISK_PEOPLE", "total"),
    ("DV_VICTIMS_PROTECTED", "total", "<=", "DV_VICTIMS", "total"),
    ("DV_PERPETRATORS_COUNSELLED", "total", "<=", "DV_PERPETRATORS", "total"),
    ("COMMUNES_DV_MODEL", "total", "<=", "COMMUNES", "total"),
    ("DV_WORKERS_TRAINED", "total", "<=", "DV_WORKERS", "total"),
]


def _ind(code, name, programme, objective, target_number, num, den=None, *, num_d="total",
         den_d="total", factor=100, unit="%", direction="higher", t2025=None, c2025=">=",
         t2030=None, c2030=">=", baseline=None, unconfirmed=False, note="", aggregates=True,
         kind=None, level="commune"):  # fmt: skip
    return {
        "code": code,
        "name": name,
        "programme": programme,
        "objective": objective,
        "target_number": target_number,
        "kind": kind or ("ratio" if den else "direct"),
        "numerator": num,
        "numerator_disaggregation": num_d,
        "denominator": den,
        "denominator_disaggregation": den_d,
        "factor": factor,
        "unit_label": unit,
        "direction": direction,
        "target_2025": t2025,
        "target_2025_comparison": c2025,
        "target_2030": t2030,
        "target_2030_comparison": c2030,
        "baseline_year": baseline[0] if baseline else None,
        "baseline_value": baseline[1] if baseline else None,
        "unconfirmed": unconfirmed,
        "target_note": note,
        "aggregates": aggregates,
        "lowest_level": level,
    }


NQ, O1, O2, O3, O4, O5, O6 = (
    "nq28",
    "Mục tiêu 1: Chính trị",
    "Mục tiêu 2: Kinh tế, lao động",
    "Mục tiêu 3: Gia đình, bạo lực trên cơ sở giới",
    "Mục tiêu 4: Y tế",
    "Mục tiêu 5: Giáo dục, đào tạo",
    "Mục tiêu 6: Thông tin, truyền thông",
)

INDICATORS = [
    _ind("NQ28-1.1", "Tỷ lệ cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ", NQ, O1, "MT1-CT1", "AGENCY_WOMAN_LEADER", "AGENCY_TOTAL", t2025=60, t2030=75, baseline=(2023, 74.6), note="2023: 47/63 UBND tỉnh (74,6%); 14/30 bộ, ngành (46,67%)"),
    _ind("NQ28-2.1", "Tỷ lệ lao động nữ làm công hưởng lương", NQ, O2, "MT2-CT1", "WAGE_WORKERS", "EMPLOYED", num_d="female", den_d="female", t2025=50, t2030=60, baseline=(2023, 50.9), note="2030: khoảng 60%"),
    _ind("NQ28-2.2", "Tỷ lệ lao động nữ có việc làm trong khu vực nông nghiệp trong tổng số lao động nữ có việc làm", NQ, O2, "MT2-CT2", "AGRI_WORKERS", "EMPLOYED", num_d="female", den_d="female", direction="lower", t2025=30, c2025="<", t2030=25, c2030="<", baseline=(2023, 26.22)),
    _ind("NQ28-2.3", "Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã", NQ, O2, "MT2-CT3", "ENTERPRISE_OWNERS", "ENTERPRISE_OWNERS", num_d="female", t2025=27, t2030=30, baseline=(2020, 28.2)),
    _ind("NQ28-3.1", "Thời gian làm công việc nội trợ và chăm sóc không được trả công của phụ nữ so với nam giới", NQ, O3, "MT3-CT1", "UNPAID_CARE_HOURS", "UNPAID_CARE_HOURS", num_d="female", den_d="male", factor=1, unit="lần", direction="lower", t2025=1.7, c2025="<=", t2030=1.4, c2030="<="),
    _ind("NQ28-3.2", "Tỷ lệ nạn nhân bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản", NQ, O3, "MT3-CT2", "GBV_SERVED", "GBV_DETECTED", t2025=80, t2030=90),
    _ind("NQ28-3.3", "Tỷ lệ người gây bạo lực được phát hiện, không bị truy cứu trách nhiệm hình sự được tư vấn", NQ, O3, "MT3-CT3", "PERP_COUNSELLED", "PERP_NOT_PROSECUTED", t2025=50, t2030=70),
    _ind("NQ28-3.4", "Tỷ lệ nạn nhân bị mua bán trở về có nhu cầu hỗ trợ được hỗ trợ và tái hòa nhập cộng đồng", NQ, O3, "MT3-CT4", "TRAFFICKING_SUPPORTED", "TRAFFICKING_NEED_SUPPORT", t2025=100, t2030=100, baseline=(2023, 100), note="100% từ năm 2025"),
    _ind("NQ28-3.5", "Tỷ lệ cơ sở trợ giúp xã hội công lập triển khai hoạt động phòng ngừa, ứng phó bạo lực trên cơ sở giới", NQ, O3, "MT3-CT5", "SOCIAL_ESTAB_GBV", "SOCIAL_ESTAB_TOTAL", t2025=70, t2030=100),
    _ind("NQ28-4.1", "Tỷ số giới tính khi sinh (số bé trai/100 bé gái sinh ra sống)", NQ, O4, "MT4-CT1", "LIVE_BIRTHS", "LIVE_BIRTHS", num_d="male", den_d="female", unit="bé trai/100 bé gái", direction="lower", t2025=111, c2025="<=", t2030=109, c2030="<=", baseline=(2019, 111.5), note="114,8 (2018); 111,5 (2019); 110,7 (2024)"),
    _ind("NQ28-4.2", "Tỷ số tử vong mẹ trên 100.000 trẻ đẻ sống", NQ, O4, "MT4-CT2", "MATERNAL_DEATHS", "LIVE_BIRTHS", factor=100000, unit="/100.000 trẻ đẻ sống", direction="lower", t2025=42, c2025="<=", t2030=42, c2030="<", baseline=(2019, 46)),
    _ind("NQ28-4.3", "Tỷ lệ tỉnh, thành phố có cơ sở y tế thí điểm cung cấp dịch vụ cho người đồng tính, song tính và chuyển giới", NQ, O4, "MT4-CT3", "PROVINCES_LGBT_PILOT", "PROVINCES_TOTAL", t2025=40, t2030=70, level="national"),
    _ind("NQ28-5.1", "Nội dung về giới được đưa vào chương trình giáo dục quốc dân và giảng dạy ở trường sư phạm", NQ, O5, "MT5-CT1", "GENDER_IN_CURRICULUM", unit="có/không", t2025=1, c2025="=", note="Từ năm 2025", aggregates=False, level="national"),
    _ind("NQ28-5.2", "Tỷ lệ nữ thạc sĩ", NQ, O5, "MT5-CT2", "MASTERS_HOLDERS", "MASTERS_HOLDERS", num_d="female", t2025=50, t2030=50, note="Từ năm 2025"),
    _ind("NQ28-5.3", "Tỷ lệ nữ tiến sĩ", NQ, O5, "MT5-CT3", "PHD_HOLDERS", "PHD_HOLDERS", num_d="female", t2025=30, t2030=35),
    _ind("NQ28-5.4", "Tỷ lệ trẻ em trai và trẻ em gái dân tộc thiểu số hoàn thành chương trình tiểu học", NQ, O5, "MT5-CT4", "EM_PRIMARY_DONE", "EM_PRIMARY_COHORT", t2025=90, t2030=99, baseline=(2023, 96), note="2030: khoảng 99%"),
    _ind("NQ28-5.5", "Tỷ lệ trẻ em trai và trẻ em gái dân tộc thiểu số hoàn thành chương trình trung học cơ sở", NQ, O5, "MT5-CT5", "EM_LOWERSEC_DONE", "EM_LOWERSEC_COHORT", baseline=(2023, 90), unconfirmed=True, note="Giá trị mục tiêu chưa được xác nhận"),
    _ind("NQ28-6.1", "Tỷ lệ đài phát thanh, truyền hình có chuyên trang, chuyên mục nâng cao nhận thức về bình đẳng giới", NQ, O6, "MT6-CT1", "BROADCASTERS_GE_PROGRAMME", "BROADCASTERS", unconfirmed=True, note="Tên và giá trị chỉ tiêu chưa được xác nhận", level="province"),
    _ind("NQ28-6.2", "Tỷ lệ người dân có hiểu biết cơ bản về bình đẳng giới, không định kiến giới", NQ, O6, "MT6-CT2", "PEOPLE_GE_AWARE", "SURVEYED_PEOPLE", unconfirmed=True, note="Tên và giá trị chỉ tiêu chưa được xác nhận"),
    # QĐ 2232/QĐ-TTg: GBV prevention and response 2021-2025
    _ind("QD2232-1", "Tỷ lệ nạn nhân bạo lực trên cơ sở giới chủ động tìm kiếm sự giúp đỡ từ cơ sở cung cấp dịch vụ", "qd2232", "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới 2021-2025", "CT1", "GBV_SOUGHT_HELP", "GBV_DETECTED", t2025=50),
    _ind("QD2232-2", "Tỷ lệ trường hợp bạo lực trên cơ sở giới cần hỗ trợ được hỗ trợ", "qd2232", "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới 2021-2025", "CT2", "GBV_HELPED", "GBV_NEED_HELP", t2025=100),
    # QĐ 1790/QĐ-TTg: communication on gender equality to 2030
    _ind("QD1790-1", "Số buổi phổ biến pháp luật về bình đẳng giới mỗi năm (mỗi cơ quan, đơn vị, địa phương)", "qd1790", "Truyền thông về bình đẳng giới đến năm 2030", "CT1", "GE_LAW_SESSIONS", unit="buổi", t2025=2, t2030=2, note="Hằng năm ít nhất 2 buổi", aggregates=False),
    _ind("QD1790-2", "Tỷ lệ bộ, ngành, địa phương xây dựng kế hoạch và tổ chức Tháng hành động vì bình đẳng giới hằng năm", "qd1790", "Truyền thông về bình đẳng giới đến năm 2030", "CT2", "ACTION_MONTH_UNITS", "REPORTING_UNITS", t2025=100, t2030=100),
    _ind("QD1790-3", "Mức tăng nhận thức về bình đẳng giới năm 2030 so với năm 2025", "qd1790", "Truyền thông về bình đẳng giới đến năm 2030", "CT3", "AWARENESS_INCREASE", unit="%", t2030=10, note="Tăng 10-15% so với năm 2025", aggregates=False),
    _ind("QD1790-4", "Tỷ lệ cơ quan báo chí áp dụng bộ chỉ số nhạy cảm giới", "qd1790", "Truyền thông về bình đẳng giới đến năm 2030", "CT4", "MEDIA_GENDER_INDEX", "MEDIA_AGENCIES", t2025=70, t2030=90, note="2025: 70% (thí điểm)", level="province"),
    _ind("QD1790-5", "Tỷ lệ hương ước, quy ước không có nội dung phân biệt đối xử về giới", "qd1790", "Truyền thông về bình đẳng giới đến năm 2030", "CT5", "VILLAGE_CONVENTIONS_OK", "VILLAGE_CONVENTIONS", t2025=95, t2030=100),
    # QĐ 2282/QĐ-TTg: women in leadership 2021-2030
    _ind("QD2282-1", "Tỷ lệ cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ", "qd2282", "Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo 2021-2030", "CT1", "AGENCY_WOMAN_LEADER", "AGENCY_TOTAL", t2025=60, t2030=75),
    _ind("QD2282-2", "Tỷ lệ nữ giữ chức danh lãnh đạo chủ chốt (cấp trưởng, cấp phó) của các cơ quan, đơn vị", "qd2282", "Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo 2021-2030", "CT2", "KEY_LEADERS", "KEY_LEADERS", num_d="female", unconfirmed=True, note="Chỉ tiêu theo dõi từ hồ sơ lãnh đạo; giá trị mục tiêu chưa được xác nhận"),
    _ind("QD2282-3", "Tỷ lệ nữ đại biểu Hội đồng nhân dân nhiệm kỳ 2021-2026", "qd2282", "Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo 2021-2030", "CT3", "COUNCIL_DEPUTIES", "COUNCIL_DEPUTIES", num_d="female", unconfirmed=True, note="Chỉ tiêu theo dõi từ hồ sơ lãnh đạo; giá trị mục tiêu chưa được xác nhận"),
    # QĐ 45/QĐ-TTg: domestic-violence prevention to 2025
    _ind("QD45-1", "Tỷ lệ hộ gia đình tham gia sinh hoạt, truyền thông phòng, chống bạo lực gia đình tại xã", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT1", "HOUSEHOLDS_DV_TALKS", "HOUSEHOLDS", t2025=40),
    _ind("QD45-2", "Tỷ lệ kênh truyền hình có chuyên mục phòng, chống bạo lực gia đình thường xuyên", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT2", "TV_CHANNELS_DV", "TV_CHANNELS", t2025=50, level="province"),
    _ind("QD45-3", "Tỷ lệ người có nguy cơ bị bạo lực gia đình được trang bị kỹ năng ứng phó", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT3", "AT_RISK_SKILLED", "AT_RISK_PEOPLE", t2025=70, c2025=">"),
    _ind("QD45-4", "Tỷ lệ nạn nhân bạo lực gia đình được phát hiện được bảo vệ, hỗ trợ pháp lý và chăm sóc y tế", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT4", "DV_VICTIMS_PROTECTED", "DV_VICTIMS", t2025=95),
    _ind("QD45-5", "Tỷ lệ người gây bạo lực gia đình được phát hiện được tư vấn", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT5", "DV_PERPETRATORS_COUNSELLED", "DV_PERPETRATORS", t2025=80, c2025=">"),
    _ind("QD45-6", "Tỷ lệ tỉnh có cộng tác viên dân số tham gia phòng, chống bạo lực gia đình", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT6", "POP_COLLAB_DV_UNITS", "PROVINCES_TOTAL", t2025=90, level="national"),
    _ind("QD45-7", "Tỷ lệ xã duy trì mô hình phòng, chống bạo lực gia đình", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT7", "COMMUNES_DV_MODEL", "COMMUNES", t2025=95),
    _ind("QD45-8", "Tỷ lệ người làm công tác phòng, chống bạo lực gia đình được tập huấn", "qd45", "Phòng, chống bạo lực gia đình đến năm 2025", "CT8", "DV_WORKERS_TRAINED", "DV_WORKERS", t2025=90),
]  # fmt: skip

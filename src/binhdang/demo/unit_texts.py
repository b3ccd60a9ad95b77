"""What the demo's units write in their 2023 reports, as units really write: each commune
picks some of the activities it did, in its own words and order, short or long, as a list or
run into sentences, with the abbreviations (BĐG, BLGĐ, HLHPN) and the odd typo of a real
report; each district body writes about its own field. Chosen with the round's seeded random
generator, so the demo is the same on every machine.

`narrative(rng, key, unit, numbers, sections)` returns the answers of one submission, keyed
"<section id>:<part>" as the reporting services take them."""

from __future__ import annotations

import random

# Per form section, the activities a commune may report: (key, share of communes doing it,
# wordings). A wording is formatted with the unit's numbers (see `_context`).
COMMUNE_DONE = {
    "1": [
        (
            "sessions",
            1.0,
            [
                "Tổ chức {comm_sessions} buổi tuyên truyền Luật Bình đẳng giới, Luật Phòng, chống "
                "BLGĐ lồng ghép trong các cuộc họp thôn, bản với {participants} lượt người tham gia",
                "Lồng ghép tuyên truyền về BĐG trong {comm_sessions} cuộc họp thôn, thu hút "
                "{participants} lượt người dự, trong đó nữ {participants_women} lượt",
                "Đã tổ chức được {comm_sessions} buổi tuyên truyền pháp luật về bình đẳng giới cho "
                "nhân dân các thôn, có {participants} lượt người nghe",
                "Tuyên truyền trực tiếp {comm_sessions} buổi tại nhà văn hóa thôn về bình đẳng giới "
                "và phòng chống bạo lực gia đình ({participants} lượt người)",
            ],
        ),
        (
            "radio",
            0.7,
            [
                "Đài truyền thanh xã phát {radio} tin, bài về bình đẳng giới",
                "phát thanh {radio} lượt tin bài về BĐG trên hệ thống loa truyền thanh của xã",
                "xây dựng {radio} tin bài tuyên truyền phát trên loa truyền thanh xã vào buổi sáng",
            ],
        ),
        (
            "banners",
            0.6,
            [
                "treo {banners} băng rôn, khẩu hiệu hưởng ứng Tháng hành động vì bình đẳng giới "
                "(15/11 - 15/12/2023)",
                "kẻ vẽ {banners} khẩu hiệu, treo băng rôn hưởng ứng Tháng hành động vì BĐG tại trụ "
                "sở và các thôn",
                "treo {banners} băng rôn tuyên truyền tháng hành động vì bình đẳng giới và phòng, "
                "chống BLGĐ",
            ],
        ),
        (
            "leaflets",
            0.5,
            [
                "phát {leaflets} tờ rơi, tờ gấp cho các hộ gia đình",
                "cấp phát {leaflets} tờ gấp về phòng, chống bạo lực gia đình đến tận hộ",
                "in và phát {leaflets} tờ rơi tuyên truyền về bình đẳng giới tới người dân",
            ],
        ),
        (
            "language",
            0.35,
            [
                "tuyên truyền bằng tiếng Mông, tiếng Dao cho bà con ở các thôn vùng cao",
                "sử dụng tiếng dân tộc (tiếng Mông, tiếng Dao) khi tuyên truyền tại các thôn vùng "
                "cao để bà con dễ hiểu",
            ],
        ),
        (
            "rally",
            0.3,
            [
                "tổ chức lễ mít tinh phát động Tháng hành động vì bình đẳng giới năm 2023",
                "tổ chức mít tinh hưởng ứng Tháng hành động vì BĐG và phòng ngừa, ứng phó với bạo "
                "lực trên cơ sở giới năm 2023",
            ],
        ),
        (
            "zalo",
            0.15,
            [
                "lập nhóm Zalo của các thôn để chia sẻ thông tin, tài liệu về BĐG",
                "chia sẻ tin, bài về bình đẳng giới qua các nhóm Zalo thôn, bản",
            ],
        ),
        (
            "school",
            0.15,
            [
                "phối hợp với trường THCS tuyên truyền phòng, chống xâm hại trẻ em, tảo hôn cho "
                "học sinh",
                "phối hợp nhà trường tổ chức buổi ngoại khóa về phòng chống tảo hôn cho học sinh "
                "THCS",
            ],
        ),
    ],
    "2": [
        (
            "plan",
            0.8,
            [
                "UBND xã ban hành kế hoạch thực hiện công tác bình đẳng giới năm 2023",
                "Ban hành kế hoạch thực hiện BĐG và vì sự tiến bộ của phụ nữ năm 2023",
                "Xã đã ban hành kế hoạch triển khai công tác bình đẳng giới năm 2023 ngay từ đầu năm",
            ],
        ),
        (
            "trusted",
            0.55,
            [
                "Duy trì {models} mô hình Địa chỉ tin cậy tại cộng đồng",
                "duy trì hoạt động của {models} Địa chỉ tin cậy ở thôn",
                "tiếp tục duy trì mô hình Địa chỉ tin cậy ({models} địa chỉ)",
            ],
        ),
        (
            "club",
            0.5,
            [
                "duy trì câu lạc bộ phòng, chống bạo lực gia đình sinh hoạt hằng quý",
                "CLB phòng chống BLGĐ của xã duy trì sinh hoạt định kỳ",
                "duy trì sinh hoạt câu lạc bộ gia đình phát triển bền vững, phòng chống BLGĐ",
            ],
        ),
        (
            "leaders",
            0.25,
            [
                "thành lập câu lạc bộ “Thủ lĩnh của sự thay đổi” tại trường THCS",
                "thành lập mới 01 CLB Thủ lĩnh của sự thay đổi ở trường THCS của xã",
            ],
        ),
        (
            "cases",
            1.0,
            [
                "Trên địa bàn phát hiện {gbv_cases} vụ bạo lực gia đình, đã được hòa giải, can thiệp "
                "kịp thời",
                "phát hiện {gbv_cases} vụ BLGĐ, tổ hòa giải thôn đã hòa giải thành",
            ],
        ),
        (
            "child_marriage",
            0.35,
            [
                "vận động ngăn chặn {child_marriage} trường hợp tảo hôn",
                "tuyên truyền, vận động, ngăn chặn được {child_marriage} trường hợp có nguy cơ tảo "
                "hôn",
            ],
        ),
        (
            "loans",
            0.5,
            [
                "hỗ trợ {loans} hộ phụ nữ làm chủ tiếp cận vốn vay Ngân hàng chính sách xã hội để "
                "phát triển kinh tế",
                "giúp {loans} hội viên phụ nữ vay vốn phát triển sản xuất",
            ],
        ),
        (
            "programme",
            0.45,
            [
                "lồng ghép bình đẳng giới trong thực hiện Chương trình MTQG phát triển kinh tế - xã "
                "hội vùng đồng bào dân tộc thiểu số và miền núi",
                "lồng ghép BĐG trong Dự án 8 của Chương trình MTQG 1719",
            ],
        ),
    ],
    "3": [
        (
            "committee",
            0.6,
            [
                "Kiện toàn Ban vì sự tiến bộ của phụ nữ xã",
                "kiện toàn Ban VSTBPN xã do thay đổi nhân sự",
                "Xã đã kiện toàn Ban vì sự tiến bộ của phụ nữ theo quy định",
            ],
        ),
        (
            "training",
            0.9,
            [
                "cử {trainees} lượt cán bộ tham gia {training_courses} lớp tập huấn kỹ năng lồng "
                "ghép giới do huyện tổ chức",
                "cử cán bộ tham dự {training_courses} lớp tập huấn về bình đẳng giới ({trainees} "
                "lượt người)",
                "{trainees} lượt cán bộ, công chức xã được tập huấn nghiệp vụ về BĐG",
            ],
        ),
        (
            "budget",
            0.7,
            [
                "bố trí {budget} triệu đồng từ ngân sách xã và xã hội hóa cho hoạt động bình đẳng "
                "giới",
                "kinh phí chi cho công tác BĐG năm 2023 là {budget} triệu đồng",
            ],
        ),
        (
            "check",
            0.25,
            [
                "phối hợp kiểm tra việc thực hiện pháp luật về bình đẳng giới tại {checked} thôn",
                "tổ chức kiểm tra công tác BĐG ở {checked} thôn, bản",
            ],
        ),
        (
            "complaints",
            0.2,
            [
                "không có đơn thư khiếu nại, tố cáo liên quan đến bình đẳng giới",
                "trong năm không nhận được đơn thư khiếu nại về BĐG",
            ],
        ),
    ],
    "4": [
        (
            "cadres",
            0.8,
            [
                "Rà soát cán bộ nữ trong diện quy hoạch; tỷ lệ nữ tham gia cấp ủy xã đạt "
                "{women_share}%",
                "tỷ lệ cán bộ nữ trong cấp ủy đạt {women_share}%, đã rà soát đội ngũ cán bộ nữ "
                "trong quy hoạch",
                "nữ tham gia Đảng ủy xã chiếm {women_share}%",
            ],
        ),
        (
            "cfaw_meetings",
            0.4,
            [
                "Ban VSTBPN xã họp {meetings} lần để đánh giá kết quả hoạt động",
                "Ban vì sự tiến bộ của phụ nữ họp định kỳ {meetings} lần/năm",
            ],
        ),
        (
            "women_union",
            0.45,
            [
                "phối hợp với Hội LHPN xã tổ chức các hoạt động nhân ngày 8/3 và 20/10",
                "phối hợp HLHPN xã tổ chức gặp mặt, tọa đàm nhân ngày Phụ nữ Việt Nam 20/10",
            ],
        ),
        (
            "model_women",
            0.2,
            [
                "biểu dương {model_women} phụ nữ tiêu biểu trong phát triển kinh tế",
                "khen thưởng {model_women} hội viên phụ nữ có thành tích xuất sắc",
            ],
        ),
    ],
}

NO_CASES = [
    "Trên địa bàn không xảy ra vụ bạo lực gia đình nào",
    "trong năm không phát hiện vụ BLGĐ",
]

COMMUNE_RESULTS = {
    "1": [
        "Nhận thức của cán bộ và nhân dân về bình đẳng giới được nâng lên rõ rệt.",
        "Người dân, nhất là phụ nữ, đã hiểu hơn về quyền và nghĩa vụ của mình.",
        "Tỷ lệ nữ tham gia các buổi tuyên truyền đạt {women_pct}%, cao hơn năm 2022.",
        "",
    ],
    "2": [
        "Không để xảy ra vụ việc mua bán người trên địa bàn.",
        "Các vụ việc BLGĐ được phát hiện và xử lý kịp thời, không để kéo dài.",
        "",
        "",
    ],
    "3": ["", "Đội ngũ cán bộ làm công tác bình đẳng giới từng bước được nâng cao năng lực.", ""],
    "4": ["", "", "Vai trò, vị thế của phụ nữ trong gia đình và xã hội ngày càng được khẳng định."],
}

DIFFICULTIES = [
    "Địa bàn rộng, giao thông đi lại khó khăn, nhiều thôn vùng cao cách xa trung tâm xã.",
    "Một bộ phận người dân còn tư tưởng trọng nam hơn nữ.",
    "Cán bộ làm công tác BĐG kiêm nhiệm nhiều việc, thường xuyên thay đổi.",
    "Kinh phí cho hoạt động bình đẳng giới còn hạn hẹp.",
    "Tình trạng tảo hôn vẫn còn xảy ra ở một số thôn.",
    "Tài liệu tuyên truyền bằng tiếng dân tộc còn ít.",
    "Nguyên nhân chủ yếu là do trình độ dân trí không đồng đều, phong tục tập quán lạc hậu vẫn "
    "còn.",
    "Nguyên nhân: do cán bộ chưa được đào tạo chuyên sâu về công tác bình đẳng giới.",
]

# Proposals: some to the district itself (its People's Committee, its standing office),
# which the district's own report does not carry upward, some to the province or above.
PROPOSALS = [
    "Đề nghị UBND huyện quan tâm bố trí kinh phí cho công tác bình đẳng giới ở cơ sở.",
    "Đề nghị Phòng LĐ-TB&XH huyện hướng dẫn biểu mẫu số liệu thống nhất để thuận tiện tổng hợp.",
    "Đề nghị Sở Lao động - Thương binh và Xã hội tỉnh tổ chức tập huấn nghiệp vụ cho cán bộ "
    "làm công tác bình đẳng giới cấp xã.",
    "Đề nghị cấp trên cấp phát tờ rơi, tài liệu tuyên truyền song ngữ Kinh - Mông, Kinh - Dao.",
    "Đề nghị UBND tỉnh bố trí kinh phí thực hiện Dự án 8 cho các xã vùng cao.",
]

# What each district body writes, by form section: its own field of work.
BODY_TEXTS = {
    "vhtt": {
        "1": "Phòng VH&TT chỉ đạo Trung tâm VH-TT&TT huyện xây dựng chuyên mục “Bình đẳng giới "
        "vì sự phát triển”, phát {radio} tin, bài; đăng tải {posts} tin trên Cổng thông "
        "tin điện tử huyện. Hướng dẫn các xã treo băng rôn, khẩu hiệu trong Tháng hành "
        "động.",
        "2": "Lồng ghép nội dung phòng, chống BLGĐ trong phong trào Toàn dân đoàn kết xây dựng "
        "đời sống văn hóa; {families}% hộ đạt danh hiệu gia đình văn hóa.",
    },
    "ttvhtt": {
        "1": "- Thực hiện {radio} tin, bài, {reportages} phóng sự về bình đẳng giới trên sóng "
        "truyền thanh - truyền hình huyện;\n- Treo {banners} băng rôn tại các tuyến phố "
        "trung tâm;\n- Tổ chức 01 đêm văn nghệ tuyên truyền hưởng ứng Tháng hành động.",
    },
    "btg": {
        "1": "Ban Tuyên giáo Huyện ủy định hướng tuyên truyền Nghị quyết số 28-NQ/TU của Tỉnh "
        "ủy về công tác cán bộ nữ; hướng dẫn báo cáo viên lồng ghép nội dung BĐG trong "
        "{comm_sessions} hội nghị học tập nghị quyết.",
        "4": "Tham mưu Ban Thường vụ Huyện ủy chỉ đạo rà soát, bổ sung quy hoạch cán bộ nữ "
        "nhiệm kỳ 2025-2030.",
    },
    "hlhpn": {
        "1": "Hội LHPN huyện tổ chức {comm_sessions} hội nghị tuyên truyền cho {participants} "
        "lượt hội viên; tổ chức cuộc thi tìm hiểu pháp luật về bình đẳng giới trên mạng "
        "xã hội với {contestants} lượt dự thi.",
        "2": "Triển khai Dự án 8 “Thực hiện bình đẳng giới và giải quyết những vấn đề cấp "
        "thiết đối với phụ nữ và trẻ em”: thành lập {teams} Tổ truyền thông cộng đồng, "
        "{leader_clubs} CLB Thủ lĩnh của sự thay đổi; duy trì {models} Địa chỉ tin cậy. "
        "Hỗ trợ {loans} phụ nữ khởi nghiệp, tiếp cận vốn vay.",
        "4": "Giới thiệu {nominees} cán bộ nữ ưu tú để cấp ủy xem xét quy hoạch.",
    },
    "mttq": {
        "1": "Ủy ban MTTQ huyện lồng ghép tuyên truyền BĐG trong Cuộc vận động “Toàn dân đoàn "
        "kết xây dựng nông thôn mới, đô thị văn minh” và trong {comm_sessions} hội nghị "
        "đối thoại với nhân dân.",
        "3": "Giám sát việc thực hiện chính sách đối với phụ nữ tại {checked} xã.",
    },
    "huyendoan": {
        "1": "Huyện đoàn tổ chức diễn đàn “Thanh niên với bình đẳng giới” với {participants} "
        "đoàn viên, thanh niên tham gia.",
        "2": "Vận động đoàn viên không tảo hôn, không kết hôn cận huyết thống; ra mắt "
        "{leader_clubs} CLB Thủ lĩnh của sự thay đổi trong trường học.",
    },
    "hnd": {
        "2": "Hội Nông dân huyện phối hợp tập huấn chuyển giao khoa học kỹ thuật cho "
        "{farmers} lượt hội viên, trong đó nữ chiếm trên một nửa.",
    },
    "ldld": {
        "1": "LĐLĐ huyện tuyên truyền chính sách đối với lao động nữ tới {participants} lượt "
        "đoàn viên công đoàn.",
        "4": "Tỷ lệ nữ tham gia Ban Chấp hành công đoàn cơ sở đạt {women_share}%.",
    },
    "congan": {
        "1": "Công an huyện tuyên truyền phòng, chống mua bán người tại các xã biên giới Thanh "
        "Thủy, Xín Chải, Lao Chải với {participants} lượt người nghe.",
        "2": "Tiếp nhận, xử lý {gbv_cases} vụ bạo lực gia đình, {abuse} vụ xâm hại tình dục "
        "trẻ em; phối hợp giải cứu, tiếp nhận {trafficked} nạn nhân bị mua bán trở về.",
    },
    "bchqs": {
        "1": "Ban CHQS huyện lồng ghép giáo dục pháp luật về bình đẳng giới trong huấn luyện "
        "dân quân tự vệ cho {participants} lượt chiến sĩ.",
        "3": "Bố trí nữ dân quân trong các trung đội dân quân cơ động; tỷ lệ nữ dân quân đạt "
        "{women_share}%.",
    },
    "yte": {
        "1": "Tuyên truyền về mất cân bằng giới tính khi sinh, nghiêm cấm lựa chọn giới tính "
        "thai nhi tại các trạm y tế xã.",
        "2": "Khám sức khỏe sinh sản cho {checkups} lượt phụ nữ; tỷ số giới tính khi sinh năm "
        "2023 là {sex_ratio} bé trai/100 bé gái.",
    },
    "tuphap": {
        "1": "Phòng Tư pháp lồng ghép phổ biến pháp luật về BĐG trong {comm_sessions} hội nghị "
        "PBGDPL.",
        "2": "Hướng dẫn các tổ hòa giải ở cơ sở; hòa giải thành {mediated} vụ mâu thuẫn gia đình.",
        "3": "Thẩm định việc lồng ghép vấn đề bình đẳng giới trong {drafts} dự thảo văn bản "
        "quy phạm pháp luật của HĐND, UBND huyện.",
    },
    "gddt": {
        "1": "Chỉ đạo 100% trường học lồng ghép giáo dục giới tính, bình đẳng giới vào tiết "
        "sinh hoạt lớp và hoạt động ngoại khóa.",
        "2": "Tỷ lệ học sinh nữ dân tộc thiểu số đi học đúng độ tuổi bậc THCS đạt {school_girls}%.",
    },
    "noivu": {
        "3": "Tham mưu UBND huyện rà soát, kiện toàn Ban vì sự tiến bộ của phụ nữ huyện và các xã.",
        "4": "Tỷ lệ nữ cán bộ lãnh đạo, quản lý cấp phòng của huyện đạt {women_share}%; "
        "{nominees} nữ được bổ nhiệm mới.",
    },
    "tckh": {
        "3": "Thẩm định, bố trí {budget} triệu đồng trong dự toán ngân sách huyện năm 2023 cho "
        "công tác BĐG và vì sự tiến bộ của phụ nữ.",
    },
    "nnptnt": {
        "2": "Tập huấn kỹ thuật chăn nuôi, trồng trọt cho {farmers} lượt nông dân, nữ chiếm "
        "{women_pct}%.",
    },
    "dantoc": {
        "2": "Phối hợp triển khai Dự án 8 ở {villages} thôn đặc biệt khó khăn; lồng ghép giới "
        "trong các chính sách dân tộc.",
    },
    "vanphong": {
        "3": "Tham mưu UBND huyện ban hành văn bản chỉ đạo, đôn đốc thực hiện công tác bình "
        "đẳng giới.",
    },
    "ldtbxh": {
        "3": "Tham mưu UBND huyện ban hành Công văn số 760/UBND-LĐTBXH; tổ chức {training_courses} "
        "lớp tập huấn cho {trainees} lượt cán bộ cấp xã; kiểm tra công tác BĐG tại "
        "{checked} xã.",
    },
    "bvstbpn": {
        "4": "Ban vì sự tiến bộ của phụ nữ huyện ban hành kế hoạch hoạt động năm 2023; họp "
        "{meetings} lần; kiểm tra hoạt động của Ban VSTBPN tại {checked} xã.",
    },
}
BODY_DIFFICULTIES = {
    "yte": "Tình trạng lựa chọn giới tính thai nhi khó phát hiện, khó xử lý.",
    "congan": "Nạn nhân bạo lực gia đình thường e ngại, không trình báo.",
    "hlhpn": "Kinh phí thực hiện Dự án 8 giải ngân chậm.",
    "tuphap": "Kỹ năng hòa giải của một số hòa giải viên ở thôn còn hạn chế.",
}
BODY_PROPOSALS = {
    "bchqs": "Đề nghị Bộ Chỉ huy Quân sự tỉnh cấp tài liệu tuyên truyền về bình đẳng giới cho "
    "lực lượng dân quân.",
    "hlhpn": "Đề nghị UBND tỉnh sớm phân bổ kinh phí Dự án 8 năm 2024.",
    "yte": "Đề nghị Sở Y tế tăng cường kiểm tra các cơ sở siêu âm, nạo phá thai.",
    "congan": "Đề nghị UBND huyện bố trí nơi tạm lánh cho nạn nhân bạo lực gia đình.",
}
ABBREVIATED = {"Bình đẳng giới": "BĐG", "bạo lực gia đình": "BLGĐ", "Hội Liên hiệp Phụ nữ": "HLHPN"}
TYPOS = [("tuyên truyền", "tuyên truyên"), ("phụ nữ", "phụ nũ"), ("hòa giải", "hoà giải")]


def _context(rng: random.Random, numbers: dict) -> dict:
    participants = numbers["participants"]
    return {
        **numbers,
        "radio": rng.randint(6, 30),
        "banners": rng.randint(2, 10),
        "models": rng.randint(1, 3),
        "loans": rng.randint(3, 25),
        "women_share": rng.randint(18, 42),
        "women_pct": round(100 * numbers["participants_women"] / max(1, participants)),
        "child_marriage": rng.randint(1, 3),
        "checked": rng.randint(2, 8),
        "meetings": rng.randint(2, 4),
        "model_women": rng.randint(3, 12),
        "posts": rng.randint(8, 25),
        "reportages": rng.randint(2, 6),
        "families": rng.randint(78, 92),
        "contestants": rng.randint(800, 2500),
        "teams": rng.randint(6, 14),
        "leader_clubs": rng.randint(3, 9),
        "nominees": rng.randint(2, 8),
        "farmers": rng.randint(300, 900),
        "abuse": rng.randint(1, 2),
        "trafficked": rng.randint(1, 3),
        "checkups": rng.randint(900, 3000),
        "sex_ratio": rng.randint(108, 116),
        "mediated": rng.randint(10, 40),
        "drafts": rng.randint(3, 9),
        "school_girls": rng.randint(88, 97),
        "villages": rng.randint(10, 30),
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _write(rng: random.Random, clauses: list[str]) -> str:
    """Clauses as one unit writes them: a paragraph of sentences, a list of "- " lines, or a
    run of clauses after "đã:", with now and then an abbreviation or a typo."""
    if not clauses:
        return ""
    style = rng.choice(["paragraph", "paragraph", "list", "run"])
    if style == "list" and len(clauses) > 1:
        text = (
            "\n".join(f"- {_capital(c)};" for c in clauses[:-1]) + f"\n- {_capital(clauses[-1])}."
        )
    elif style == "run" and len(clauses) > 2:
        first, rest = clauses[0], clauses[1:]
        text = f"{_capital(first)}; " + "; ".join(rest) + "."
    else:
        sentences, current = [], []
        for clause in clauses:
            current.append(clause)
            if rng.random() < 0.55:
                sentences.append(_capital(", ".join(current)) + ".")
                current = []
        if current:
            sentences.append(_capital(", ".join(current)) + ".")
        text = " ".join(sentences)
    if rng.random() < 0.25:
        long, short = rng.choice(list(ABBREVIATED.items()))
        text = text.replace(long, short, 1)
    if rng.random() < 0.12:
        right, wrong = rng.choice(TYPOS)
        text = text.replace(right, wrong, 1)
    return text


def _commune(rng, context, sections) -> dict:
    answers = {}
    difficulty_at = rng.choice(sections).pk
    proposal_at = rng.choice(sections).pk
    for section in sections:
        clauses = []
        for key, share, wordings in COMMUNE_DONE.get(section.number, []):
            if rng.random() < share:
                if key == "cases" and not context["gbv_cases"]:
                    wordings = NO_CASES
                clauses.append(rng.choice(wordings).format(**context))
        if len(clauses) > 2 and rng.random() < 0.5:
            head, tail = clauses[:1], clauses[1:]
            rng.shuffle(tail)
            clauses = head + tail
        answers[f"{section.pk}:done"] = _write(rng, clauses)
        result = rng.choice(COMMUNE_RESULTS.get(section.number, [""]))
        answers[f"{section.pk}:results"] = result.format(**context)
        if section.pk == difficulty_at:
            picked = rng.sample(DIFFICULTIES, rng.randint(1, 3))
            answers[f"{section.pk}:difficulties"] = " ".join(picked)
        if section.pk == proposal_at and rng.random() < 0.8:
            answers[f"{section.pk}:proposals"] = rng.choice(PROPOSALS)
    return answers


def _body(rng, key, context, sections) -> dict:
    answers = {}
    texts = BODY_TEXTS.get(key, {})
    for section in sections:
        text = texts.get(section.number, "")
        if text:
            answers[f"{section.pk}:done"] = text.format(**context)
    last = sections[-1].pk
    if key in BODY_DIFFICULTIES:
        answers[f"{last}:difficulties"] = BODY_DIFFICULTIES[key]
    if key in BODY_PROPOSALS:
        answers[f"{last}:proposals"] = BODY_PROPOSALS[key]
    return answers


def narrative(rng: random.Random, key: str, unit, numbers: dict, sections) -> dict:
    """The answers of one unit's submission: a commune's own mix of activities, or a district
    body's text about its own field."""
    context = _context(rng, numbers)
    if key in BODY_TEXTS:
        return _body(rng, key, context, sections)
    return _commune(rng, context, sections)

"""The seed dispatch 760/UBND-LĐTBXH of Vị Xuyên (14/4/2023) in full, and the provincial
dispatch 961/UBND-VHXH it implements, with task assignments and some 2023 progress.

Idempotent: each directive is keyed on its number and issuing unit; a second run brings the
text and units back to this file's content and leaves reported progress alone.
"""

from datetime import date

from binhdang.accounts.models import User
from binhdang.demo.steps.s10_units import district_units
from binhdang.directives.models import (
    AssignmentStatus,
    Directive,
    DirectiveStatus,
    DirectiveType,
    Recurrence,
    TaskAssignment,
)
from binhdang.directives.services import (
    LegalBasisData,
    TaskData,
    directive_create,
    directive_issue,
    directive_update,
    task_assignment_update_status,
)
from binhdang.orgunits.models import UnitGroup

SUBJECT = "triển khai công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023"
PROVINCE_NUMBER = "961/UBND-VHXH"
SEED_NUMBER = "760/UBND-LĐTBXH"  # printed once as "LĐTBOXH" in the seed: a typo

SEED_ADDRESSEES = """- Ủy ban MTTQVN huyện và các tổ chức chính trị - xã hội huyện;
- Ban tuyên giáo Huyện ủy;
- Các phòng, ban, ngành, lực lượng vũ trang huyện;
- Ban vì sự tiến bộ phụ nữ huyện;
- Ủy ban nhân dân các xã, thị trấn."""

SEED_BASIS = (
    "Căn cứ Công văn số 961/UBND-VHXH, ngày 06/4/2023 của Ủy ban nhân dân tỉnh Hà Giang về "
    "việc triển khai công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023."
)
FOOTNOTE_1 = (
    "Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về bình "
    "đẳng giới giai đoạn 2021-2030."
)
FOOTNOTE_2 = (
    "Các quyết định của Thủ tướng Chính phủ bao gồm: Quyết định số 2232/QĐ-TTg ngày 28/12/2020 "
    "phê duyệt Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn "
    "2021-2025, Quyết định số 1790/QĐ-TTg ngày 23/10/2021 phê duyệt Chương trình truyền thông "
    "về bình đẳng giới đến năm 2030, Quyết định số 2282/QĐ-TTg ngày 31/12/2020 phê duyệt "
    "Chương trình Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo và "
    "quản lý ở các cấp hoạch định chính sách giai đoạn 2021 - 2030; Quyết định số 45/QĐ-TTg "
    "ngày 13/01/2022 phê duyệt Chương trình phòng chống bạo lực gia đình trong tình hình mới "
    "đến năm 2025."
)
SEED_INTRO = (
    "Ủy ban nhân dân huyện Vị Xuyên đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện, các tổ "
    "chức chính trị - xã hội huyện, các cơ quan, ban, ngành, lực lượng vũ trang huyện, UBND "
    "các xã, thị trấn, Ban vì sự tiến bộ của phụ nữ cấp huyện, xã triển khai thực hiện một số "
    "nội dung, nhiệm vụ trọng tâm trong năm 2023, cụ thể như sau:"
)
SEED_CLOSING = (
    "Ủy ban nhân dân huyện đề nghị các cơ quan, phòng, ban, ngành, đoàn thể huyện, các đơn vị "
    "liên quan và UBND các xã, thị trấn tổ chức triển khai thực hiện./."
)
SEED_DISTRIBUTION = """- Như trên;
- TTr Huyện ủy;
- Sở Lao động - TBXH tỉnh;
- TTr HĐND - UBND huyện;
- Chủ tịch, các PCT UBND huyện;
- LĐ, CV VP HĐND-UBND huyện;
- Lưu: VT, VHXH."""

# The numbered items as the seed prints them: (number, first paragraph, following lines).
# Sections (1-5) carry their heading as the first paragraph. Emphasis is kept as the seed
# marks it, **bold** and *italic*, and the footnote marks ¹ ² where the text cites them
# (formats/markup.py reads them for the Word document and the page).
SEED_ITEMS = [
    ('1', 'Công tác tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới, vì sự tiến bộ của phụ nữ', []),
    (
        '1.1',
        'Tiếp tục tuyên truyền các chủ trương, chính sách, pháp luật của Đảng và Nhà nước về bình đẳng giới, vì sự tiến bộ của phụ nữ:',
        [
            '- Đẩy mạnh các hoạt động truyền thông trên các phương tiện thông tin đại chúng, Cổng thông tin điện tử của huyện, trang thông tin điện tử của các ngành, đoàn thể, các xã, thị trấn hệ thống truyền thanh ở cơ sở; tăng thời lượng tin, bài tuyên truyền trên Đài phát thanh - Truyền hình huyện, xã để cán bộ, nhân dân hiểu chính sách, pháp luật về bình đẳng giới, vì sự tiến bộ của phụ nữ; tích cực đấu tranh, phản bác những thông tin sai lệch về thực hiện công tác bình đẳng giới của Việt Nam.',
            '- Lồng ghép, đa dạng hoá các hoạt động truyền thông thích ứng với tình hình dịch bệnh Covid-19, phù hợp với từng cơ quan, đơn vị, địa bàn dân cư, nhóm đối tượng; phát hành tờ gấp, tờ rơi, pano, băng rôn, khẩu hiệu và các sản phẩm truyền thông khác, nhằm nâng cao nhận thức, thực hành về bình đẳng giới, ngăn chặn, giảm thiểu tình trạng bạo lực trên cơ sở giới, bạo lực gia đình, bạo lực, xâm hại phụ nữ, trẻ em, mua bán người và tình trạng mất cân bằng giới tính khi sinh do lựa chọn giới tính thai nhi.',
        ],
    ),
    (
        '1.2',
        'Tăng cường tuyên truyền Luật Bình đẳng giới, Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030¹, các Quyết định của Thủ tướng Chính phủ² và kế hoạch của UBND tỉnh, huyện về thực hiện các chương trình, đề án có liên quan.',
        [
        ],
    ),
    (
        '1.3',
        'Tổ chức đợt cao điểm về truyền thông trong Tháng hành động vì bình đẳng giới, phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2023 (*từ ngày 15/11 đến 15/12*) phù hợp với tình hình thực tiễn tại các cơ quan, đơn vị, phòng, ban, ngành, các tổ chức chính trị huyện và tại các xã, thị trấn trên địa bàn huyện; triển khai, giới thiệu các mô hình, dịch vụ về phòng ngừa, ứng phó với bạo lực trên cơ sở giới; nhân rộng những điển hình, người có uy tín, ảnh hưởng tích cực trong cộng đồng dân cư, đồng bào dân tộc thiểu số về thực hiện bình đẳng giới.',
        [
        ],
    ),
    ('2', 'Triển khai Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới; Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2030 trên địa bàn huyện Vị Xuyên, các kế hoạch, đề án khác có liên quan', []),
    (
        '2.1',
        'Tiếp tục triển khai thực hiện các mục tiêu, chỉ tiêu Kế hoạch số 295/KH-UBND ngày 30/11/2021 của UBND huyện về việc thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030 trên địa bàn huyện Vị Xuyên. Đối với các cơ quan, đơn vị, phòng, ban, ngành, đoàn thể huyện, Ủy ban nhân dân các xã, thị trấn được phân công chủ trì, triển khai thực hiện các mục tiêu, chỉ tiêu của kế hoạch nêu trên, cần tiến hành rà soát, đánh giá kết quả thực hiện trong giai đoạn 2021-2030, dự báo khả năng, kết quả thực hiện đến năm 2025, để có giải pháp phù hợp nhằm đạt được các mục tiêu của giai đoạn 2021-2025.',
        [
        ],
    ),
    (
        '2.2',
        'Các cơ quan, đơn vị, phòng, ban, ngành, đoàn thể huyện, Ủy ban nhân dân các xã, thị trấn tăng cường công tác chỉ đạo, lồng ghép vấn đề bình đẳng giới, các mục tiêu, chỉ tiêu của Chiến lược quốc gia về bình đẳng giới, phòng ngừa, ứng phó với bạo lực trên cơ sở giới trong thực hiện các chương trình mục tiêu quốc gia và các chương trình, kế hoạch, đề án phát triển kinh tế - xã hội của huyện tập trung vào các nội dung sau:',
        [
            '- Triển khai có hiệu quả các chính sách, đề án hỗ trợ phụ nữ phát triển kinh tế; đẩy mạnh sự tham gia của phụ nữ trong các hoạt động về kinh tế, mô hình, dự án giảm nghèo ở khu vực nông thôn, trong đó ưu tiên lao động nữ là chủ dự án, hộ nghèo, hộ cận nghèo do phụ nữ làm chủ, phụ nữ thuộc hộ nghèo, cận nghèo, người bị bạo lực, người dễ bị tổn thương trong xã hội (*hỗ trợ đào tạo nghề, tư vấn giới thiệu việc làm cho phụ nữ; xây dựng, triển khai các chính sách ưu tiên hỗ trợ phụ nữ làm chủ doanh nghiệp, mô hình kinh tế tập thể ở nông thôn,...*);',
            '- Nâng cao quyền năng kinh tế cho phụ nữ, đảm bảo tiếng nói và sự tham gia thực chất của phụ nữ và trẻ em trong các hoạt động phát triển kinh tế - xã hội của cộng đồng; triển khai các hoạt động tuyên truyền, vận động nhằm thay đổi quan niệm truyền thống về phân công lao động theo giới trong gia đình và xã hội theo hướng đề cao vai trò, ý nghĩa, hiệu quả khi phụ nữ tham gia phát triển kinh tế.',
        ],
    ),
    (
        '2.3',
        'Tiếp tục nâng cao hiệu quả hoạt động, nhân rộng các mô hình thúc đẩy bình đẳng giới vùng đông bào dân tộc thiểu số; rà soát, đánh giá hiệu quả hoạt động của các mô hình cung cấp dịch vụ phòng ngừa, ứng phó với bạo lực trên cơ sở giới, bạo lực gia đình do các cơ quan, đơn vị, phòng, ban, ngành, đoàn thể, Ủy ban nhân dân các xã, thị trấn đã và đang triển khai (*Địa chỉ tin cậy, nhà tạm lánh, CLB phòng, chống bạo lực gia đình, CLB hỗ trợ phụ nữ có nguy cơ bị ép kết hôn với người nước ngoài,...*); đồng thời đề ra các giải pháp thực hiện phù hợp với thực tiễn, nhằm nâng cao hiệu quả hoạt động và nhân rộng mô hình ở những địa bàn, lĩnh vực còn bất bình đẳng giới, hoặc có nguy cơ cao xảy ra bạo lực trên cơ sở giới.',
        [
        ],
    ),
    ('3', 'Nâng cao năng lực, hiệu quả quản lý nhà nước về bình đẳng giới', []),
    (
        '3.1',
        'Các cơ quan, đơn vị, phòng, ban, ngành, đoàn thể, Ủy ban nhân dân các xã, thị trấn tăng cường công tác chỉ đạo, triển khai thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ; chú trọng lồng ghép vấn đề bình đẳng giới trong xây dựng, thực hiện các văn bản quy phạm pháp luật, các chương trình kế hoạch phát triển kinh tế - xã hội của huyện.',
        [
        ],
    ),
    (
        '3.2',
        'Thực hiện tốt công tác phối hợp liên ngành, giữa cơ quan quản lý nhà nước với các tổ chức chính trị - xã hội trong xây dựng, triển khai, kiểm tra, giám sát việc thực hiện chính sách pháp luật về bình đẳng giới, vì sự tiến bộ của phụ nữ.',
        [
        ],
    ),
    (
        '3.3',
        'Tiếp tục bồi dưỡng kiến thức về bình đẳng giới cho đội ngũ cán bộ, công chức làm công tác bình đẳng giới, các thành viên Ban vì sự tiến bộ của phụ nữ cấp huyện, xã; tổ chức các lớp tập huấn, bồi dưỡng kỹ năng lồng ghép giới trong xây dựng văn bản quy phạm pháp luật, chiến lược, chương trình, kế hoạch, dự án,... cho đội ngũ cán bộ phụ trách công tác bình đẳng giới, vì sự tiến bộ của phụ nữ tham mưu, xây dựng chính sách, pháp luật.',
        [
        ],
    ),
    (
        '3.4',
        'Định kỳ kiểm tra tình hình thực hiện các kế hoạch, chương trình, đề án có liên quan đến công tác bình đẳng giới; thực hiện tốt chế độ thông tin, báo cáo; đề xuất các giải pháp nhằm nâng cao năng lực, hiệu quả quản lý nhà nước về bình đẳng giới; kịp thời phát hiện, xác minh, giải quyết khiếu nại, tố cáo về bình đẳng giới theo thẩm quyền, lĩnh vực, địa bàn quản lý.',
        [
        ],
    ),
    (
        '3.5',
        'Chủ động bố trí kinh phí; đẩy mạnh xã hội hóa, huy động nguồn lực hợp pháp trong nước và quốc tế để triển khai thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ.',
        [
        ],
    ),
    ('4', 'Đối với hoạt động vì sự tiến bộ của phụ nữ', []),
    (
        '4.1',
        'Tăng cường công tác phối hợp liên ngành trong triển khai thực hiện công tác bình đẳng giới:',
        [
            '- Ban vì sự tiến bộ của phụ nữ các cấp tăng cường phối hợp với các cơ quan cùng cấp để triển khai chỉ thị, nghị quyết của Đảng, chính sách pháp luật của nhà nước về bình đẳng giới; nghiên cứu, đề xuất các giải pháp, cơ chế, chính sách nhằm tăng cường sự tham gia, thụ hưởng của phụ nữ trên các lĩnh vực của đời sống xã hội;',
            '- Phối hợp triển khai Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới, phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2030 trên địa bàn huyện Vị Xuyên, kế hoạch thực hiện Chương trình Truyền thông về bình đẳng giới trên địa bàn huyện Vị Xuyên đến năm 2030 và các kế hoạch, đề án thúc đẩy bình đẳng giới khác có liên quan; tham mưu lồng ghép các mục tiêu, chỉ tiêu về bình đẳng giới vào các chương trình mục tiêu quốc gia, các kế hoạch, đề án phát triển kinh tế - xã hội trong giai đoạn 2023-2025;',
            '- Phối hợp trong giải quyết các vấn đề bạo lực trên cơ sở giới; kịp thời phối hợp với các ngành, cơ quan chức năng xác minh, kiến nghị giải quyết các vụ việc bạo lực, xâm hại đối với phụ nữ và trẻ em gái, mua bán người,...; bảo vệ, hỗ trợ kịp thời nạn nhân bị bạo lực, xâm hại; theo dõi, đôn đốc việc giải quyết các vụ việc nêu trên.',
        ],
    ),
    (
        '4.2',
        'Tham mưu, đề xuất cho lãnh đạo cấp ủy, chính quyền trong công tác quy hoạch, tạo nguồn, đào tạo, bồi dưỡng, bố trí, bổ nhiệm cán bộ nữ tham gia các vị trí lãnh đạo, quản lý ở các cấp, các ngành, cơ quan, đơn vị:',
        [
            '- Tích cực phối hợp với các đơn vị chức năng rà soát, đánh giá tình hình đội ngũ cán bộ nữ tham gia lãnh đạo, quản lý để đề xuất xây dựng kế hoạch đào tạo, bồi dưỡng, quy hoạch, sử dụng cán bộ nữ theo lộ trình phù hợp; tham mưu triển khai xây dựng và tạo nguồn cán bộ trẻ, cán bộ nữ, cán bộ người dân tộc thiểu số giai đoạn 2023-2025, định hướng đến năm 2030, tham mưu thực hiện Chương trình “Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn 2021-2030”;',
            '- Tổ chức bồi dưỡng kiến thức, kỹ năng cho nữ lãnh đạo, quản lý, nữ trong diện quy hoạch chức vụ, chức danh lãnh đạo, quản lý các cấp, nữ đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026.',
        ],
    ),
    (
        '4.3',
        'Thực hiện có hiệu quả các nhiệm vụ thường xuyên của Ban vì sự tiến bộ của phụ nữ:',
        [
            '- Tăng cường đôn đốc, kiểm tra, giám sát việc thực hiện chính sách, pháp luật, chương trình, kế hoạch về bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ; tham gia, phối hợp tổ chức tập huấn, bồi dưỡng kiến thức, nâng cao năng lực thực hiện công tác bình đẳng giới;',
            '- Chủ động rà soát, kiện toàn Ban vì sự tiến bộ của phụ nữ khi có sự thay đổi; xây dựng chương trình, kế hoạch công tác; duy trì thường xuyên, đảm bảo hiệu quả hoạt động của Ban vì sự tiến bộ của phụ nữ; thực hiện tốt chế độ thông tin, báo cáo theo quy định;',
            '- Việc sử dụng kinh phí hoạt động của Ban vì sự tiến bộ của phụ nữ các cấp được thực hiện theo Thông tư số 191/2009/TT-BTC ngày 01/10/2009 của Bộ Tài chính về hướng dẫn quản lý và sử dụng kinh phí bình đẳng giới, vì sự tiến bộ của phụ nữ.',
        ],
    ),
    ('5', 'Tổ chức thực hiện', []),
    (
        '5.1',
        'Các cơ quan, đơn vị, phòng, ban, ngành, đoàn thể huyện, UBND các xã, thị trấn tổ chức triển khai thực hiện có hiệu quả các nhiệm vụ trọng tâm công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2023. Phòng Lao động - Thương binh và Xã hội có trách nhiệm theo dõi, hướng dẫn, đôn đốc, tổng hợp kết quả chung, báo cáo bằng văn bản về Ủy ban nhân dân tỉnh, Sở Lao động - Thương binh và Xã hội tỉnh.',
        [
        ],
    ),
    (
        '5.2',
        'Ban vì sự tiến bộ của phụ nữ các cấp, ngành chủ động tham mưu cho cấp ủy, chính quyền lồng ghép công tác bình đẳng giới, hoạt động vì sự tiến bộ của phụ nữ trong triển khai thực hiện các chương trình, kế hoạch phát triển kinh tế - xã hội thuộc lĩnh vực, ngành, địa phương quản lý.',
        [
        ],
    ),
    (
        '5.3',
        'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện, Ban Tuyên giáo Huyện ủy và các tổ chức Hội đoàn thể huyện tăng cường công tác lãnh đạo, tuyên truyền, giáo dục, vận động cán bộ, đảng viên, hội viên và các tầng lớp nhân dân thực hiện tốt các chỉ thị, nghị quyết của Đảng, chính sách pháp luật của nhà nước về bình đẳng giới, vì sự tiến bộ của phụ nữ.',
        [
        ],
    ),
    (
        '5.4',
        'Các cơ quan, phòng, ban, ngành, đoàn thể huyện và Ủy ban nhân dân các xã, thị trấn gửi báo cáo kết quả thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023 về UBND huyện (Qua cơ quan Thường trực Phòng Lao động - Thương binh và Xã hội **trước ngày 05/12/2023** (*đồng gửi bản mềm vào hộp thư điện tử: ldtbxh.vx@hagiang.gov.vn*) để tổng hợp báo cáo UBND tỉnh và Sở Lao động - TB&XH tỉnh.',
        [
        ],
    ),
]  # fmt: skip

MASS = ["mttq", "hlhpn", "huyendoan", "hnd", "hccb", "ldld"]
MEDIA = ["vhtt", "ttvhtt"]
# Lead and cooperating units of each item, as the text implies. "communes" stands for every
# commune and town; "all" for every unit the dispatch is addressed to.
UNITS: dict[str, tuple[list[str], list[str]]] = {
    "1.1": (MEDIA, [*MASS, "communes"]),
    "1.2": ([*MEDIA, "ldtbxh"], [*MASS, "btg", "communes"]),
    "1.3": (["ldtbxh", *MEDIA], ["hlhpn", "bvstbpn", "communes"]),
    "2.1": (["ldtbxh", "noivu", "yte", "gddt", "nnptnt", "dantoc", "communes"], []),
    "2.2": (["ldtbxh", "nnptnt", "tckh", "dantoc"], ["hlhpn", "hnd", "communes"]),
    "2.3": (["ldtbxh", "hlhpn"], ["congan", "communes"]),
    "3.1": (["ldtbxh", "tuphap"], ["communes"]),
    "3.2": (["ldtbxh"], ["mttq", "hlhpn", "bvstbpn"]),
    "3.3": (["ldtbxh", "noivu"], ["bvstbpn", "communes"]),
    "3.4": (["ldtbxh", "tuphap"], []),
    "3.5": (["tckh", "ldtbxh"], ["communes"]),
    "4.1": (["bvstbpn"], ["congan", "hlhpn"]),
    "4.2": (["noivu", "bvstbpn"], []),
    "4.3": (["bvstbpn"], []),
    "5.1": (["ldtbxh"], []),
    "5.2": (["bvstbpn"], []),
    "5.3": (["mttq", "btg", "hlhpn", "huyendoan", "hnd", "hccb", "ldld"], []),
    "5.4": (["all"], []),
}
DUE = {"1.3": date(2023, 12, 15), "5.4": date(2023, 12, 5)}
RECURRING = {"1.3": (15, 11, 15, 12)}  # the Action Month, every year

# (unit key, item, [(date, status, note)]) with the unit's demo reporter as author.
PROGRESS = [
    ("vhtt", "1.1", [
        (date(2023, 5, 10), AssignmentStatus.IN_PROGRESS,
         "Đã đăng 6 tin, bài trên Cổng thông tin điện tử huyện; phối hợp Trung tâm VH-TT&TT "
         "phát sóng chuyên mục bình đẳng giới hằng tháng."),
        (date(2023, 11, 30), AssignmentStatus.DONE,
         "Hoàn thành kế hoạch tuyên truyền năm 2023: 24 tin, bài; 1.500 tờ gấp phát tới các xã."),
    ]),
    ("hlhpn", "2.3", [
        (date(2023, 7, 20), AssignmentStatus.IN_PROGRESS,
         "Rà soát 12 địa chỉ tin cậy và 8 CLB phòng, chống bạo lực gia đình; 2 mô hình cần "
         "kiện toàn ban chủ nhiệm."),
    ]),
    ("congan", "4.1", [
        (date(2023, 9, 15), AssignmentStatus.IN_PROGRESS,
         "Phối hợp xác minh 3 vụ việc bạo lực gia đình; đã chuyển hồ sơ hỗ trợ nạn nhân."),
    ]),
    ("bvstbpn", "4.3", [
        (date(2023, 6, 2), AssignmentStatus.IN_PROGRESS,
         "Đã kiện toàn Ban vì sự tiến bộ của phụ nữ huyện theo Quyết định của UBND huyện; "
         "xây dựng chương trình công tác năm 2023."),
    ]),
    ("00706", "1.3", [
        (date(2023, 12, 14), AssignmentStatus.DONE,
         "Tổ chức mít tinh hưởng ứng Tháng hành động tại trung tâm xã, 320 người tham dự; "
         "treo 15 băng rôn, khẩu hiệu."),
    ]),
    ("00706", "5.4", [
        (date(2023, 11, 28), AssignmentStatus.IN_PROGRESS,
         "Đang tổng hợp số liệu của các thôn, dự kiến gửi báo cáo trước ngày 05/12/2023."),
    ]),
    ("00703", "5.4", [
        (date(2023, 12, 1), AssignmentStatus.DONE,
         "Đã gửi Báo cáo số 112/BC-UBND ngày 01/12/2023 và bản mềm vào hộp thư "
         "ldtbxh.vx@hagiang.gov.vn."),
    ]),
]  # fmt: skip
REPORTERS = {
    "vhtt": "baocao.vhtt",
    "hlhpn": "baocao.hlhpn",
    "congan": "baocao.congan",
    "bvstbpn": "baocao.bvstbpn",
    "00706": "baocao.phulinh",
    "00703": "baocao.kimthach",
}


def _resolve(keys: list[str], units, groups) -> list:
    out = []
    for key in keys:
        if key == "communes":
            out += list(groups["cac-xa"].resolve())
        elif key == "all":
            for group in groups.values():
                out += list(group.resolve())
            out += [units["btg"], units["bvstbpn"]]
        else:
            out.append(units[key])
    seen, unique = set(), []
    for unit in out:
        if unit.pk not in seen:
            seen.add(unit.pk)
            unique.append(unit)
    return unique


def _seed_tasks(units, groups) -> list[TaskData]:
    tasks = []
    for number, first, rest in SEED_ITEMS:
        section = "." not in number
        lead, cooperating = UNITS.get(number, ([], []))
        tasks.append(
            TaskData(
                number=number,
                title=first if section else "",
                text="" if section else "\n".join([first, *rest]),
                due_on=DUE.get(number),
                recurrence=Recurrence.YEARLY if number in RECURRING else Recurrence.NONE,
                window=RECURRING.get(number),
                lead_units=_resolve(lead, units, groups),
                cooperating_units=_resolve(cooperating, units, groups),
            )
        )
    return tasks


def _save(actor, key: tuple[str, int], data: dict, **parts) -> Directive:
    existing = Directive.objects.filter(number_symbol=key[0], issuing_unit_id=key[1]).first()
    if existing is None:
        directive = directive_create(actor=actor, data=data, **parts)
        return directive_issue(actor=actor, directive=directive, notify_units=False)
    return directive_update(actor=actor, directive=existing, data=data, **parts)


def run(stdout) -> None:
    units = district_units()
    groups = {g.slug: g for g in UnitGroup.objects.filter(owner=units["district"])}
    province_office = User.objects.get(username="thuongtruc.hagiang")
    district_office = User.objects.get(username="thuongtruc.vixuyen")

    province_directive = _save(
        province_office,
        (PROVINCE_NUMBER, units["province"].pk),
        {
            "doc_type": DirectiveType.CONG_VAN,
            "number_symbol": PROVINCE_NUMBER,
            "issued_on": date(2023, 4, 6),
            "place": "Hà Giang",
            "issuing_unit": units["province"],
            "drafting_unit": units["so_ldtbxh"],
            "subject": SUBJECT,
            "signing_authority": "KT. CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "intro": (
                "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành, đoàn thể tỉnh, Ủy ban nhân dân "
                "các huyện, thành phố triển khai công tác bình đẳng giới, vì sự tiến bộ của phụ "
                "nữ năm 2023."
            ),
            "distribution_list": "- Như trên;\n- Lưu: VT, VHXH.",
        },
        tasks=[
            TaskData(
                number="1",
                text=(
                    "Các huyện, thành phố xây dựng kế hoạch, triển khai công tác bình đẳng giới, "
                    "vì sự tiến bộ của phụ nữ năm 2023 trên địa bàn."
                ),
                lead_units=[units["district"]],
                cooperating_units=[units["so_ldtbxh"]],
            ),
            TaskData(
                number="2",
                text=(
                    "Báo cáo kết quả thực hiện năm 2023 về Ủy ban nhân dân tỉnh (qua Sở Lao động - "
                    "Thương binh và Xã hội)."
                ),
                due_on=date(2023, 12, 15),
                lead_units=[units["district"]],
            ),
        ],
        recipient_units=[units["district"], units["so_ldtbxh"]],
    )

    seed = _save(
        district_office,
        (SEED_NUMBER, units["district"].pk),
        {
            "doc_type": DirectiveType.CONG_VAN,
            "number_symbol": SEED_NUMBER,
            "issued_on": date(2023, 4, 14),
            "place": "Vị Xuyên",
            "issuing_unit": units["district"],
            "drafting_unit": units["ldtbxh"],
            "subject": SUBJECT,
            "signing_authority": "KT. CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Đặng Thị Phượng",
            "implements": province_directive,
            "addressee_lines": SEED_ADDRESSEES,
            "intro": SEED_INTRO,
            "closing": SEED_CLOSING,
            "distribution_list": SEED_DISTRIBUTION,
        },
        tasks=_seed_tasks(units, groups),
        legal_bases=[
            LegalBasisData(text=SEED_BASIS, cited_directive=province_directive),
            LegalBasisData(text=FOOTNOTE_1, footnote_marker="1"),
            LegalBasisData(text=FOOTNOTE_2, footnote_marker="2"),
        ],
        recipient_units=[units["btg"], units["bvstbpn"]],
        recipient_groups=[
            groups[s] for s in ("mttq-doan-the", "cac-phong-ban", "luc-luong-vu-trang", "cac-xa")
        ],
    )
    assert seed.status in (DirectiveStatus.ISSUED, DirectiveStatus.CLOSED)  # closed by s60

    for unit_key, number, steps in PROGRESS:
        assignment = TaskAssignment.objects.filter(
            task__directive=seed, task__number=number, org_unit=units[unit_key]
        ).first()
        if assignment is None or assignment.progress_notes.exists():
            continue
        author = User.objects.get(username=REPORTERS[unit_key])
        for on, status, note in steps:
            task_assignment_update_status(
                actor=author, assignment=assignment, status=status, note=note, on=on
            )
    count = TaskAssignment.objects.filter(task__directive=seed).count()
    stdout.write(
        f"Directives: {PROVINCE_NUMBER} (Hà Giang) and {SEED_NUMBER} (Vị Xuyên), "
        f"{seed.tasks.count()} items, {count} unit assignments."
    )

"""Sample documents modelled on real Vị Xuyên district papers; used by tests and previews.

``python -m binhdang.documents.engine.samples OUTDIR`` writes them as .docx/.xlsx (and .pdf
when LibreOffice is installed).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from .types import (
    AnnexColumn,
    AnnexTable,
    DocImage,
    OfficialDocument,
    Paragraph,
    Section,
    Signature,
)


def sample_annex() -> AnnexTable:
    return AnnexTable(
        title="Phụ lục I",
        subtitle="Kết quả thực hiện một số chỉ tiêu về bình đẳng giới năm 2023",
        note="(Kèm theo Báo cáo số 125/BC-UBND ngày 05/12/2023 của UBND huyện Vị Xuyên)",
        unit="Đơn vị tính: người, %",
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            AnnexColumn("Xã, thị trấn", fmt="text"),
            AnnexColumn("Tổng số", group="Cán bộ, công chức cấp xã", fmt="int"),
            AnnexColumn("Trong đó nữ", group="Cán bộ, công chức cấp xã", fmt="int"),
            AnnexColumn("Tỷ lệ nữ (%)", group="Cán bộ, công chức cấp xã", fmt="pct1"),
            AnnexColumn("Số vụ bạo lực gia đình", fmt="int"),
            AnnexColumn("Ghi chú", fmt="text"),
        ],
        rows=[
            ["1", "Thị trấn Vị Xuyên", 21, 9, 42.9, 1, ""],
            ["2", "Xã Phú Linh", 22, 8, 36.4, 0, ""],
            ["3", "Xã Đạo Đức", 23, 10, 43.5, 2, ""],
            ["4", "Xã Thuận Hòa", 20, 6, 30.0, 0, "Chưa đạt chỉ tiêu"],
            ["5", "Xã Minh Tân", 19, 5, 26.3, 1, '=HYPERLINK("http://x")'],
        ],
        totals=["", "Tổng cộng", 105, 38, 36.2, 4, ""],
    )


def sample_bao_cao(images: list[DocImage] | None = None) -> OfficialDocument:
    return OfficialDocument(
        kind="bao_cao",
        doc_type_title="BÁO CÁO",
        issuing_agency="Ủy ban nhân dân huyện Vị Xuyên",
        number_symbol="125/BC-UBND",
        place="Vị Xuyên",
        date=datetime.date(2023, 12, 5),
        subject="Kết quả thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023",
        recipients=["Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang"],
        intro_paragraphs=[
            Paragraph(
                "Thực hiện Công văn số 961/UBND-VHXH ngày 06/4/2023 của Ủy ban nhân dân tỉnh "
                "Hà Giang về việc triển khai công tác bình đẳng giới, vì sự tiến bộ của phụ nữ "
                "năm 2023[^1]; Ủy ban nhân dân huyện Vị Xuyên báo cáo kết quả thực hiện như sau:",
                markup=True,
            )
        ],
        sections=[
            Section(
                "I.",
                "KẾT QUẢ THỰC HIỆN",
                children=[
                    Section(
                        "1.",
                        "Công tác tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về "
                        "bình đẳng giới",
                        paragraphs=[
                            Paragraph(
                                "Các cơ quan, đơn vị, UBND các xã, thị trấn đã tổ chức 46 buổi "
                                "tuyên truyền với 3.215 lượt người tham dự, trong đó nữ chiếm "
                                "58,6%; phát hành 2.400 tờ gấp, tờ rơi về phòng, chống bạo lực "
                                "gia đình.",
                                bullets=[
                                    "Tổ chức Tháng hành động vì bình đẳng giới (từ ngày 15/11 đến "
                                    "15/12/2023) tại 24/24 xã, thị trấn;",
                                    "Duy trì 18 câu lạc bộ phòng, chống bạo lực gia đình.",
                                ],
                            ),
                            Paragraph(
                                "Mô hình “Địa chỉ tin cậy ở cộng đồng” tiếp tục phát huy hiệu "
                                "quả, đã tiếp nhận và hỗ trợ 03 trường hợp.",
                                attribution="(UBND xã Phú Linh)",
                            ),
                        ],
                    ),
                    Section(
                        "2.",
                        "Kết quả thực hiện các mục tiêu, chỉ tiêu",
                        paragraphs=[
                            "Tỷ lệ nữ cán bộ, công chức cấp xã đạt 36,2%, tăng 2,1 điểm phần "
                            "trăm so với năm 2022; 15/24 xã, thị trấn có lãnh đạo chủ chốt là "
                            "nữ. Chi tiết tại Phụ lục I kèm theo."
                        ],
                        images=list(images or []),
                    ),
                ],
            ),
            Section(
                "II.",
                "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                paragraphs=[
                    "Nhận thức về bình đẳng giới của một bộ phận người dân vùng đồng bào dân "
                    "tộc thiểu số còn hạn chế; tình trạng tảo hôn vẫn còn xảy ra ở một số xã."
                ],
            ),
            Section(
                "III.",
                "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
                paragraphs=[
                    "Tiếp tục triển khai Kế hoạch số 295/KH-UBND ngày 30/11/2021 của UBND "
                    "huyện về thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn "
                    "2021-2030 trên địa bàn huyện."
                ],
            ),
        ],
        closing_paragraphs=[
            "Trên đây là báo cáo kết quả thực hiện công tác bình đẳng giới, vì sự tiến bộ của "
            "phụ nữ năm 2023 của Ủy ban nhân dân huyện Vị Xuyên./."
        ],
        signature=Signature(
            authority=["TM. Ủy ban nhân dân", "KT. Chủ tịch"],
            title="Phó Chủ tịch",
            signer_name="Đặng Thị Phượng",
        ),
        distribution=[
            "Sở Lao động - TBXH tỉnh",
            "TTr Huyện ủy",
            "TTr HĐND - UBND huyện",
            "Lưu: VT, LĐTBXH",
        ],
        footnotes=[
            "Công văn số 961/UBND-VHXH ngày 06/4/2023 của UBND tỉnh Hà Giang.",
        ],
        annexes=[sample_annex()],
    )


def sample_cong_van() -> OfficialDocument:
    return OfficialDocument(
        kind="cong_van",
        issuing_agency="Ủy ban nhân dân huyện Vị Xuyên",
        number_symbol="760/UBND-LĐTBXH",
        place="Vị Xuyên",
        date=datetime.date(2023, 4, 14),
        subject="V/v triển khai công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023",
        recipients=[
            "Ủy ban MTTQVN huyện và các tổ chức chính trị - xã hội huyện",
            "Ban Tuyên giáo Huyện ủy",
            "Các phòng, ban, ngành, lực lượng vũ trang huyện",
            "Ban vì sự tiến bộ phụ nữ huyện",
            "Ủy ban nhân dân các xã, thị trấn",
        ],
        intro_paragraphs=[
            "Căn cứ Công văn số 961/UBND-VHXH ngày 06/4/2023 của Ủy ban nhân dân tỉnh Hà Giang "
            "về việc triển khai công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023."
        ],
        sections=[
            Section(
                "1.",
                "Công tác tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng "
                "giới, vì sự tiến bộ của phụ nữ",
                paragraphs=[
                    "Tiếp tục tuyên truyền các chủ trương, chính sách, pháp luật của Đảng và Nhà "
                    "nước về bình đẳng giới, vì sự tiến bộ của phụ nữ."
                ],
            )
        ],
        closing_paragraphs=[
            "Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị liên quan và UBND các xã, thị "
            "trấn tổ chức triển khai thực hiện./."
        ],
        signature=Signature(
            authority=["KT. Chủ tịch"], title="Phó Chủ tịch", signer_name="Đặng Thị Phượng"
        ),
        distribution=["Như trên", "TTr Huyện ủy", "Sở Lao động - TBXH tỉnh", "Lưu: VT, VHXH"],
    )


def main(argv: list[str] | None = None) -> int:
    from .docx_render import render_docx
    from .pdf import pdf_available, render_pdf
    from .xlsx import render_xlsx

    args = argv if argv is not None else sys.argv[1:]
    outdir = Path(args[0] if args else "docdemo")
    outdir.mkdir(parents=True, exist_ok=True)
    images: list[DocImage] = []
    try:
        from binhdang.charts import trend_chart

        chart = trend_chart(
            "Tỷ lệ nữ cán bộ, công chức cấp xã (%)",
            [(2020, 31.5), (2021, 32.8), (2022, 34.1), (2023, 36.2)],
            target_points={2025: 40.0},
            projection=[(2023, 36.2), (2024, 38.0), (2025, 39.6)],
            unit_label="%",
        )
        images.append(
            DocImage(chart.png(), "Biểu đồ 1. Tỷ lệ nữ cán bộ, công chức cấp xã", width_mm=140)
        )
    except ImportError:  # pragma: no cover - charts package not installed
        pass
    for name, doc in (("bao_cao", sample_bao_cao(images)), ("cong_van", sample_cong_van())):
        data = render_docx(doc)
        (outdir / f"{name}.docx").write_bytes(data)
        if pdf_available():
            (outdir / f"{name}.pdf").write_bytes(render_pdf(data))
    (outdir / "phu_luc.xlsx").write_bytes(render_xlsx([sample_annex()], "Báo cáo 125/BC-UBND"))
    print(outdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The units' narrative written as one report: what several units did in their own words
becomes one sentence naming or counting them, what one did stays attributed; the opening
paragraph of an area says zero as "không có"; a proposal to the report's own committee is not
sent upward."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from binhdang.documents import compilation, leads, synthesis
from binhdang.documents.selectors import FieldFigure


def _c(unit_id, unit, text, group="communes"):
    return {"unit_id": unit_id, "unit": unit, "kind": "commune", "group": group, "text": text}


def test_it_writes_once_what_several_units_did_in_their_own_words():
    sentences = synthesis.synthesise(
        [
            _c(1, "Xã Phú Linh", "Duy trì 2 mô hình Địa chỉ tin cậy tại cộng đồng."),
            _c(2, "Xã Kim Thạch", "- duy trì hoạt động của 3 Địa chỉ tin cậy ở thôn;"),
            _c(3, "Xã Kim Linh", "Tiếp tục duy trì mô hình Địa chỉ tin cậy (1 địa chỉ), "
                                 "treo 5 băng rôn hưởng ứng Tháng hành động."),
            _c(4, "Phòng Tư pháp huyện", "Hòa giải thành 38 vụ mâu thuẫn gia đình.",
               group="departments"),
        ],
        communes_expected=24,
    )  # fmt: skip
    shared = [s for s in sentences if "Địa chỉ tin cậy" in s]
    assert len(shared) == 1, sentences
    assert shared[0].startswith("Các xã "), shared
    for name in ("Phú Linh", "Kim Thạch", "Kim Linh"):
        assert name in shared[0]
    assert "Xã Kim Linh treo 5 băng rôn hưởng ứng Tháng hành động." in sentences
    assert "Phòng Tư pháp huyện hòa giải thành 38 vụ mâu thuẫn gia đình." in sentences
    assert len(sentences) == len(set(sentences))


def test_it_counts_the_communes_when_many_did_the_same():
    names = ["Phú Linh", "Kim Thạch", "Kim Linh", "Minh Tân", "Tùng Bá", "Đạo Đức", "Linh Hồ"]
    sentences = synthesis.synthesise(
        [
            _c(i, f"Xã {name}", f"Treo {i + 2} băng rôn hưởng ứng Tháng hành động vì BĐG.")
            for i, name in enumerate(names)
        ],
        communes_expected=24,
    )
    assert sentences == [
        "7/24 xã, thị trấn treo từ 2 đến 8 băng rôn hưởng ứng Tháng hành động vì BĐG."
    ]


def _fig(field_id, label, uom, total, **kw):
    return FieldFigure(
        field_id=field_id, code=f"f{field_id}", label=label, unit_of_measure=uom,
        value_type=kw.pop("value_type", "int"), section_id=1,
        total=None if total is None else Decimal(total), **kw,
    )  # fmt: skip


def test_it_writes_the_totals_as_a_sentence_with_shares_and_no_zero_count():
    figs = [
        _fig(1, "Số buổi tuyên truyền đã tổ chức", "buổi", 225),
        _fig(2, "Số lượt người tham gia tuyên truyền", "lượt người", 14085),
        _fig(3, "Trong đó: nữ", "lượt người", 8202, part_of_id=2),
        _fig(4, "Tỷ lệ nữ", "%", "58.2", value_type="percent", numerator_id=3,
             denominator_id=2),
        _fig(5, "Số vụ bạo lực trên cơ sở giới được phát hiện", "vụ", 0),
        _fig(6, "Số nạn nhân được hỗ trợ", "người", None),
    ]  # fmt: skip
    text = leads.figures_sentence(figs)
    assert text.startswith("đã tổ chức 225 buổi tuyên truyền; có 14.085 lượt người")
    assert "trong đó nữ 8.202 lượt người (58,2%)" in text
    assert "không có vụ bạo lực trên cơ sở giới được phát hiện" in text
    assert "chưa có số liệu về nạn nhân được hỗ trợ" in text
    assert " 0 " not in text and "Tỷ lệ" not in text


def test_it_keeps_proposals_to_the_reports_own_committee_out_of_the_upward_part():
    district = SimpleNamespace(kind="district", short_name="Vị Xuyên", name="Huyện Vị Xuyên")
    own = "Đề nghị UBND huyện quan tâm bố trí kinh phí cho cơ sở."
    office = "Đề nghị Phòng LĐ-TB&XH huyện hướng dẫn biểu mẫu thống nhất."
    upward = "Đề nghị UBND tỉnh bố trí kinh phí thực hiện Dự án 8 cho các xã vùng cao huyện."
    assert compilation.is_own_level(own, district)
    assert compilation.is_own_level(office, district)
    assert not compilation.is_own_level(upward, district)
    assert not compilation.is_own_level("Đề nghị cấp trên cấp phát tờ rơi song ngữ.", district)

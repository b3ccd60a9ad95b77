"""Each kind of unit heads and signs its own report as its kind does (the table by kind of
unit, orgunits/data/letterheads.json), checked in the produced .docx."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from binhdang.demo.steps.s10_units import district_units
from binhdang.documents import builders
from binhdang.documents.engine import render_docx
from binhdang.orgunits.letterheads import letterhead_of
from binhdang.orgunits.models import Kind, LetterheadRule
from binhdang.reporting.models import ExpectedUnit, FormSection, ReportingRound, RoundStatus

from .fixtures import add_submission
from .helpers import load

pytestmark = pytest.mark.django_db

QUOC_HIEU = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
PARTY = ["ĐẢNG CỘNG SẢN VIỆT NAM"]

# unit key -> (top left lines, top right lines, signature lines above the name)
EXPECTED = {
    "district": (["ỦY BAN NHÂN DÂN HUYỆN VỊ XUYÊN"], QUOC_HIEU, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    "00706": (["ỦY BAN NHÂN DÂN XÃ PHÚ LINH"], QUOC_HIEU, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    "ldtbxh": (
        ["UBND HUYỆN VỊ XUYÊN", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"], QUOC_HIEU,
        ["TRƯỞNG PHÒNG"],
    ),
    "hlhpn": (
        ["HỘI LHPN TỈNH HÀ GIANG", "HỘI LHPN HUYỆN VỊ XUYÊN"], QUOC_HIEU,
        ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"],
    ),
    "congan": (
        ["CÔNG AN TỈNH HÀ GIANG", "CÔNG AN HUYỆN VỊ XUYÊN"], QUOC_HIEU,
        ["TRƯỞNG CÔNG AN HUYỆN"],
    ),
    "bchqs": (
        ["BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ GIANG", "BAN CHỈ HUY QUÂN SỰ HUYỆN VỊ XUYÊN"], QUOC_HIEU,
        ["CHỈ HUY TRƯỞNG"],
    ),
    "btg": (["HUYỆN ỦY VỊ XUYÊN", "BAN TUYÊN GIÁO", "*"], PARTY, ["TRƯỞNG BAN"]),
    "huyendoan": (
        ["TỈNH ĐOÀN HÀ GIANG", "BCH ĐOÀN HUYỆN VỊ XUYÊN", "***"], ["ĐOÀN TNCS HỒ CHÍ MINH"],
        ["TM. BAN THƯỜNG VỤ", "BÍ THƯ"],
    ),
}  # fmt: skip


def _lines(cell) -> list[str]:
    return [" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip()]


@pytest.fixture
def units():
    return district_units()


@pytest.fixture
def province_round(units):
    rnd = ReportingRound.objects.create(
        title="Báo cáo kết quả công tác bình đẳng giới năm 2023",
        slug="letterheads-2023",
        owner_unit=units["province"],
        standing_office=units["so_ldtbxh"],
        period_year=2023,
        opens_on=date(2023, 4, 6),
        deadline=date(2023, 12, 15),
        status=RoundStatus.OPEN,
    )
    FormSection.objects.create(round=rnd, number="1", title="Công tác tuyên truyền", position=1)
    for key in EXPECTED:
        ExpectedUnit.objects.create(round=rnd, org_unit=units[key])
        add_submission(rnd, units[key], f"Nội dung báo cáo của {units[key].name}.", {})
    return rnd


@pytest.mark.parametrize("key", list(EXPECTED))
def test_it_heads_and_signs_a_units_report_as_its_kind_does(key, units, province_round):
    submission = province_round.submissions.get(org_unit=units[key])
    doc, _annexes = builders.submission_document(submission)
    document = load(render_docx(doc))
    header, signature = document.tables[0], document.tables[1]
    left, right, signer = EXPECTED[key]
    assert _lines(header.cell(0, 0)) == left
    assert _lines(header.cell(0, 1)) == right
    assert _lines(signature.cell(0, 1)) == signer
    body = "\n".join(p.text for p in document.paragraphs)
    assert "THỦ TRƯỞNG ĐƠN VỊ" not in body
    assert "UBND TỈNH HÀ GIANG" not in _lines(header.cell(0, 0))


def test_a_report_names_the_unit_in_full_with_its_locality(units, province_round):
    submission = province_round.submissions.get(org_unit=units["hlhpn"])
    doc, _annexes = builders.submission_document(submission)
    assert doc.closing_paragraphs == [
        "Trên đây là báo cáo của Hội Liên hiệp Phụ nữ huyện Vị Xuyên./."
    ]


def test_an_administrator_edits_the_table_and_the_next_document_follows(units):
    rule = LetterheadRule.objects.get(kind=Kind.ARMED_FORCES, name_starts="Công an")
    rule.signing_authority = "KT. TRƯỞNG CÔNG AN {division}"
    rule.signer_title = "PHÓ TRƯỞNG CÔNG AN {division}"
    rule.full_clean()
    rule.save()
    head = letterhead_of(units["congan"])
    assert head.signing_authority == ["KT. TRƯỞNG CÔNG AN HUYỆN"]
    assert head.signer_title == "PHÓ TRƯỞNG CÔNG AN HUYỆN"


def test_it_refuses_a_placeholder_the_table_does_not_know(units):
    rule = LetterheadRule.objects.get(kind=Kind.DEPARTMENT, name_starts="Phòng")
    rule.higher_body = "{uy_ban}"
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "higher_body" in refused.value.message_dict
    rule.refresh_from_db()
    assert letterhead_of(units["ldtbxh"]).higher_body == "UBND huyện Vị Xuyên"


def test_the_table_ships_a_row_with_its_source_for_every_kind_of_unit():
    kinds = set(LetterheadRule.objects.values_list("kind", flat=True))
    assert kinds == {k.value for k in Kind}
    assert not LetterheadRule.objects.filter(source="").exists()

"""The demo's 125/BC-UBND read as the officer who signs it: 8 to 15 body pages rendered by
LibreOffice, no sentence twice, every unit that sent a report named, every unit's text still
there (in the annex of the units' own texts), the coverage sentence in the words of the
status annex, proposals only to the level above, zero never written as a count, each annex
numbered and titled on its own. The PNGs of pages 1 and 2 and of the signature page are kept
under var/artefacts for a person to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from docx.oxml.ns import qn

from binhdang.documents import frozen
from binhdang.documents.engine import pdf_available, render_pdf
from binhdang.documents.models import ConsolidatedReport
from binhdang.reporting.models import Submission, SubmissionAnswer, SubmissionStatus

from .helpers import load

pytestmark = pytest.mark.django_db(transaction=False)

ARTEFACTS = Path(__file__).resolve().parents[4] / "var" / "artefacts"
SLUG = "760-ubnd-ldtbxh-2023"


class _Sink:
    def write(self, *_args, **_kwargs):
        return None

    def flush(self):
        return None


@pytest.fixture
def demo_report(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load-demo", stdout=_Sink())
    return ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
        round__slug=SLUG
    )


def _signed_docx(report) -> bytes:
    """The Word file of the version the leader finalised (with the indicators' section and
    its charts, as the leader sees them), byte for byte what was signed."""
    _row, data = frozen.file_bytes(report.frozen_version, "docx")
    return data


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _body_and_annexes(document) -> tuple[list[str], str]:
    """The body's paragraphs (up to the first annex title), and all the text after it,
    tables included."""
    body, rest, in_annex = [], [], False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if re.fullmatch(r"Phụ lục [IVX]+", text.strip()):
                in_annex = True
            (rest if in_annex else body).append(text)
        elif child.tag == qn("w:tbl"):
            for tc in child.iter(qn("w:tc")):
                paragraphs = [
                    "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))
                ]
                rest.append(" ".join(paragraphs))
    return body, "\n".join(rest)


def _own_parts(body: list[str]) -> list[str]:
    """The body without the sections other apps contribute (core.registry.report_sections):
    from such a section's title to the next title of this report."""
    from binhdang.core.registry import report_sections

    contributed = {c.title for c in report_sections()}
    out, skipping = [], False
    for paragraph in body:
        title = re.match(r"^(\d+|[IVX]+)\. (.+)$", paragraph)
        if title:
            skipping = title.group(2) in contributed
        if not skipping:
            out.append(paragraph)
    return out


def _sentences(paragraphs: list[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph.lstrip("- ").strip()):
            sentence = sentence.strip()
            if len(sentence) > 25:
                out.append(sentence)
    return out


def test_it_reads_as_a_report_a_province_accepts(demo_report):
    document = load(_signed_docx(demo_report))
    body, annexes = _body_and_annexes(document)
    whole = _flat("\n".join(body) + "\n" + annexes)

    # the standard structure, each part once
    titles = [p for p in body if re.match(r"^[IV]+\. [A-ZĐÂƠƯÊÔ]", p)]
    assert titles == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "VI. PHỤ LỤC KÈM THEO",
    ], titles
    text = "\n".join(body)
    assert "760/UBND-LĐTBXH ngày 14/4/2023" in text  # section I from the directive register

    # no sentence twice in the body (the sections other apps contribute are checked by their
    # own tests: indicators/tests for the indicators' section)
    repeated = [s for s, n in Counter(_sentences(_own_parts(body))).items() if n > 1]
    assert repeated == []

    # every unit that sent a report is named somewhere
    sent = Submission.objects.filter(round=demo_report.round).exclude(
        status__in=[SubmissionStatus.DRAFT, SubmissionStatus.AWAITING_APPROVAL]
    )
    names = set(sent.values_list("org_unit__name", flat=True))
    assert len(names) > 30
    assert [n for n in names if n not in whole] == []

    # every accepted unit's text is still there, word for word, in the annex of their texts
    answers = SubmissionAnswer.objects.filter(
        submission__round=demo_report.round, submission__status=SubmissionStatus.ACCEPTED
    ).exclude(text="")
    flat_annexes = _flat(annexes)
    missing = [a.text for a in answers if _flat(a.text) not in flat_annexes]
    assert answers.count() > 100 and missing == []

    # the coverage sentence says who sent and waits, who was returned, who never sent
    coverage = next(p for p in body if p.startswith("Đến ngày"))
    waiting = set(
        sent.filter(status=SubmissionStatus.SUBMITTED).values_list("org_unit__name", flat=True)
    )
    assert waiting and "đang chờ tiếp nhận" in coverage
    head, _sep, not_received = coverage.partition("chưa nhận được báo cáo của")
    assert all(n in head for n in waiting) and not any(n in not_received for n in names)
    assert "Xã Kim Thạch" in head and "trả lại" in head
    assert "Xã Phú Linh" in not_received  # a draft was never sent

    # proposals: only those to the level above, each with the units that raised it
    start = body.index("V. ĐỀ XUẤT, KIẾN NGHỊ")
    proposals = body[start + 1 : body.index("VI. PHỤ LỤC KÈM THEO")]
    assert proposals and all(p.endswith("đề xuất).") for p in proposals), proposals
    assert not any(re.search(r"Đề nghị (UBND|Phòng [^ ]+) huyện", p) for p in proposals)

    # zero is "không có", never a count of nothing
    assert not re.search(r"(?<![\d.,/])0 (vụ|trường hợp|buổi|người|lượt)", text)

    # each annex numbered and titled on its own; counts without decimals
    annex_titles = [p for p in annexes.splitlines() if re.fullmatch(r"Phụ lục [IVX]+", p)]
    assert len(annex_titles) == len(set(annex_titles)) >= 4
    assert "(1/2)" not in whole
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[:2] != ["STT", "Đơn vị"]:
            continue
        for row in table.rows[1:]:
            for header, cell in zip(head, row.cells, strict=False):
                if "triệu đồng" not in header:  # money keeps its decimals
                    assert not re.fullmatch(r"[\d.]+,0+", cell.text), (header, cell.text)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _first_line(pdf: Path, page: int) -> str:
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not line.isdigit()]  # the page number
    return lines[0] if lines else ""


def test_it_fits_the_body_in_8_to_15_pages_and_keeps_pages_to_look_at(demo_report):
    if not pdf_available():
        pytest.skip("LibreOffice (soffice) is not installed: pages cannot be counted")
    if shutil.which("pdfinfo") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftoppm) not installed")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTEFACTS / "125-BC-UBND.pdf"
    pdf.write_bytes(render_pdf(_signed_docx(demo_report)))
    pages = _pages(pdf)
    first_annex = next(p for p in range(1, pages + 1) if _first_line(pdf, p).startswith("Phụ lục"))
    body_pages = first_annex - 1
    assert 8 <= body_pages <= 15, body_pages
    for page, name in (
        (1, "trang-1"),
        (2, "trang-2"),
        (body_pages, "trang-ky"),
        (pages, "trang-cuoi"),
    ):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
             str(pdf), str(ARTEFACTS / f"125-BC-UBND-{name}")],
            check=True,
        )  # fmt: skip
        assert (ARTEFACTS / f"125-BC-UBND-{name}.png").stat().st_size > 5_000

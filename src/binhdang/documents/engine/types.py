"""Plain input structures for the document engine (no Django, no database)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

# Column formats understood by both the docx and the xlsx renderers; "center" is centred text
# (STT columns), "pct1" a percentage already scaled to 0-100.
ColumnFormat = Literal["text", "center", "int", "dec1", "dec2", "pct1"]


@dataclass
class DocImage:
    """A picture (usually a chart PNG) with its caption."""

    png: bytes
    caption: str = ""
    width_mm: float = 150.0


@dataclass
class Paragraph:
    """One body paragraph.

    ``attribution`` is appended in italics, e.g. "(UBND xã Phú Linh)". ``bullets`` are rendered
    as "- ..." lines after the paragraph. With ``markup`` on, ``**bold**`` and ``*italic*`` are
    honoured and ``[^n]`` becomes a reference to footnote n (1-based index in
    ``OfficialDocument.footnotes``); off by default because reports quote "(*)" verbatim.
    """

    text: str
    attribution: str = ""
    bullets: list[str] = field(default_factory=list)
    markup: bool = False


@dataclass
class Section:
    """A numbered part of the body: ``number`` "I." / "1." / "1.1." and ``title``."""

    number: str
    title: str
    paragraphs: list[Paragraph | str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    images: list[DocImage] = field(default_factory=list)


@dataclass
class Signature:
    """Signing block: ``authority`` lines such as ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
    ``title`` "PHÓ CHỦ TỊCH" and the signer's name."""

    authority: list[str] = field(default_factory=list)
    title: str = ""
    signer_name: str = ""


@dataclass
class AnnexColumn:
    """One table column. Consecutive columns with the same non-empty ``group`` share a merged
    upper header cell, which gives the usual two-level header."""

    title: str
    group: str = ""
    fmt: ColumnFormat = "text"
    width_mm: float | None = None


@dataclass
class AnnexTable:
    """An annex (phụ lục): a titled table, optionally followed by charts."""

    title: str  # "Phụ lục I"
    columns: list[AnnexColumn]
    rows: list[list[object]] = field(default_factory=list)
    subtitle: str = ""  # "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ..."
    note: str = ""  # "(Kèm theo Báo cáo số 125/BC-UBND ngày 05/12/2023 của UBND huyện)"
    unit: str = ""  # "Đơn vị tính: người"
    totals: list[object] | None = None
    landscape: bool | None = None  # None: landscape when the table has more than 6 columns
    images: list[DocImage] = field(default_factory=list)

    @property
    def is_landscape(self) -> bool:
        if self.landscape is not None:
            return self.landscape
        return len(self.columns) > 6


@dataclass
class OfficialDocument:
    """An administrative document laid out per Decree 30/2020/NĐ-CP."""

    kind: str  # "bao_cao" | "cong_van" | "ke_hoach" | ...
    issuing_agency: str
    number_symbol: str  # "125/BC-UBND"; "/BC-UBND" leaves the number blank for the clerk
    place: str
    subject: str
    doc_type_title: str = ""  # "BÁO CÁO"; empty for a công văn
    parent_agency: str = ""
    # What stands top right: the national title and motto (Decree 30), or for a Party body
    # "ĐẢNG CỘNG SẢN VIỆT NAM" with no motto; ``issuer_mark`` ("*") replaces the rule under
    # the issuing agency.
    national_title: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    issuer_mark: str = ""
    date: datetime.date | None = None
    year: int | None = None  # printed when ``date`` is None; defaults to the current year
    recipients: list[str] = field(default_factory=list)
    intro_paragraphs: list[Paragraph | str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing_paragraphs: list[Paragraph | str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    distribution: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    annexes: list[AnnexTable] = field(default_factory=list)
    images: list[DocImage] = field(default_factory=list)  # placed after the sections
    demo_watermark: bool = False
    # Kept in the file's properties only, never on the page: which frozen version of which
    # document this file is ("binhdang:report:12:v1:<data digest>"), and its version number.
    identifier: str = ""
    revision: int | None = None

"""Turn database objects into engine documents: the consolidated report (with its annexes),
a directive as a công văn, and a unit's submission as its own report.

Document text is Vietnamese whatever the user's interface language: it is the official
paper. Figures come from `selectors.round_figures`, summed in the database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from binhdang.core.registry import report_sections
from binhdang.formats.dates import cited_date
from binhdang.formats.markup import plain, renumber_notes
from binhdang.formats.numbers import format_number
from binhdang.orgunits.letterheads import letterhead_of
from binhdang.reporting.regime import cutoff_sentence

from . import selectors
from .engine import (
    AnnexColumn,
    AnnexTable,
    OfficialDocument,
    Paragraph,
    Section,
    Signature,
    resolve_template,
)
from .services import _about, committee_name, committee_short, place_of

# Columns of figures per annex table: more would not fit a landscape A4 page at 12 pt.
FIELDS_PER_ANNEX = 8
# Characters of a unit's own text in one row of its annex: about half a portrait page.
DETAIL_ROW_CHARS = 1400

STATUS_TEXT = {
    "": "Chưa báo cáo",
    "draft": "Đang soạn, chưa gửi",
    "awaiting_approval": "Chờ thủ trưởng duyệt",
    "submitted": "Đã gửi, chờ tiếp nhận",
    "returned": "Trả lại để hoàn thiện",
    "accepted": "Đã tiếp nhận",
}
GROUP_SHORT = {
    "departments": "Cơ quan, phòng, ban",
    "front": "MTTQ, đoàn thể",
    "armed": "Lực lượng vũ trang",
    "districts": "Huyện, thành phố",
    "communes": "Xã, thị trấn",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def template_for(kind: str):
    """The Word template for `kind`, from BINHDANG_DOCUMENT_TEMPLATES_DIR when it has one."""
    extra = (
        [settings.BINHDANG_DOCUMENT_TEMPLATES_DIR]
        if settings.BINHDANG_DOCUMENT_TEMPLATES_DIR
        else []
    )
    return resolve_template(kind, extra)


def text_paragraphs(text: str) -> list[Paragraph | str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _lines(text: str) -> list[str]:
    return [line.lstrip("-+ ").rstrip(";.").strip() for line in text.splitlines() if line.strip()]


def _fmt_for(fig) -> str:
    if fig.is_ratio or fig.value_type == "percent":
        return "pct1"
    if fig.value_type == "decimal":
        return "dec2"
    return "int"


def _cell(value: Decimal | None, fmt: str):
    if value is None:
        return None
    return int(value) if fmt == "int" else float(value)


def _figure_text(fig) -> str:
    fmt = _fmt_for(fig)
    if fig.total is None:
        return f"{fig.label}: chưa có số liệu"
    decimals = {"int": 0, "dec2": 2, "pct1": 1}[fmt]
    number = format_number(fig.total, decimals)
    if fmt == "pct1":
        return f"{fig.label}: {number}%"
    uom = f" {fig.unit_of_measure}" if fig.unit_of_measure else ""
    return f"{fig.label}: {number}{uom}"


def figures_paragraph(figs: list) -> Paragraph | None:
    if not figs:
        return None
    return Paragraph("Số liệu tổng hợp: " + "; ".join(_figure_text(f) for f in figs) + ".")


# ---------------------------------------------------------------- annexes


def _family(fig, by_id) -> int:
    """The field an "of which" field or a ratio belongs under (its total), else itself."""
    if fig.part_of_id:
        return fig.part_of_id
    if fig.is_ratio and fig.numerator_id in by_id and by_id[fig.numerator_id].part_of_id:
        return by_id[fig.numerator_id].part_of_id
    return fig.field_id


def _annex_column(fig, by_id, chunk) -> AnnexColumn:
    """A total and its "of which" parts share a two-level header: the total's label above,
    "Tổng số" / "Trong đó: nữ" / "Tỷ lệ (%)" below, so "Trong đó: nữ" is never ambiguous."""
    uom = "%" if _fmt_for(fig) == "pct1" else fig.unit_of_measure
    family = _family(fig, by_id)
    members = [f for f in chunk if _family(f, by_id) == family]
    if len(members) > 1 and family in by_id:
        head = by_id[family]
        group = f"{head.label} ({head.unit_of_measure})" if head.unit_of_measure else head.label
        title = "Tổng số" if fig.field_id == family else fig.label
        if fig.is_ratio:
            title = f"{fig.label} (%)"
        return AnnexColumn(title, group=group, fmt=_fmt_for(fig))
    label = f"{fig.label} ({uom})" if uom else fig.label
    return AnnexColumn(label, fmt=_fmt_for(fig))


def _figure_table(title, subtitle, note, figures, fields) -> AnnexTable:
    by_id = figures.by_id()
    # A total, its parts and their ratios side by side under one header.
    families = list(dict.fromkeys(_family(f, by_id) for f in fields))
    fields = sorted(fields, key=lambda f: families.index(_family(f, by_id)))
    columns = [
        AnnexColumn("STT", fmt="center", width_mm=12),
        AnnexColumn("Đơn vị", fmt="text", width_mm=55),
    ]
    for fig in fields:
        columns.append(_annex_column(fig, by_id, fields))
    rows = []
    for i, unit in enumerate(figures.reported, start=1):
        row: list[object] = [str(i), unit.name]
        for fig in fields:
            row.append(_cell(figures.unit_value(unit.unit_id, fig), _fmt_for(fig)))
        rows.append(row)
    totals: list[object] = ["", "Tổng cộng"]
    for fig in fields:
        totals.append(_cell(fig.total, _fmt_for(fig)))
    return AnnexTable(
        title=title,
        subtitle=subtitle,
        note=note,
        unit="Số liệu của các đơn vị đã được tiếp nhận",
        columns=columns,
        rows=rows,
        totals=totals,
        landscape=len(columns) > 6,
    )


def figure_annexes(
    title_prefix: str,
    note: str,
    figures,
    start: int = 1,
    sections: dict[str, str] | None = None,
    section_ids: dict[int | None, str] | None = None,
) -> list[AnnexTable]:
    """Phụ lục: numbers by unit with the database totals. With `sections` ({number: title})
    and `section_ids` ({form section id: number}), one annex per task area, each numbered
    and titled on its own; otherwise tables of FIELDS_PER_ANNEX columns. An area with more
    fields than fit a page goes on in the next annex, numbered on its own too."""
    fields = figures.fields
    if not fields:
        return []
    groups: list[tuple[str, list]] = []
    if sections is not None and section_ids is not None:
        by_number: dict[str, list] = {}
        for fig in fields:
            number = section_ids.get(fig.section_id)
            by_number.setdefault(number or "", []).append(fig)
        for number, title in sections.items():
            if by_number.get(number):
                groups.append((f"Số liệu về {title[:1].lower()}{title[1:]}", by_number[number]))
        if by_number.get(""):
            groups.append((f"{title_prefix}: các chỉ tiêu khác", by_number[""]))
    else:
        groups = [(title_prefix, fields)]
    tables = []
    for subtitle, group in groups:
        chunks = [group[i : i + FIELDS_PER_ANNEX] for i in range(0, len(group), FIELDS_PER_ANNEX)]
        for chunk in chunks:
            title = f"Phụ lục {ROMAN[start - 1 + len(tables)]}"
            tables.append(_figure_table(title, subtitle, note, figures, chunk))
    return tables


def status_annex(title: str, note: str, figures) -> AnnexTable:
    rows = []
    for i, unit in enumerate(figures.units, start=1):
        when = ""
        if unit.submitted_at:
            when = timezone.localtime(unit.submitted_at).strftime("%d/%m/%Y")
        timing = "" if unit.is_late is None else ("Trễ hạn" if unit.is_late else "Đúng hạn")
        rows.append(
            [
                str(i),
                unit.name,
                GROUP_SHORT.get(unit.group, ""),
                STATUS_TEXT.get(unit.status, unit.status),
                when,
                timing,
            ]
        )
    expected = [u for u in figures.units if u.expected]
    counts = [
        ("Đã tiếp nhận", sum(1 for u in expected if u.accepted)),
        ("Chờ tiếp nhận", sum(1 for u in expected if u.status == "submitted")),
        ("Trả lại", sum(1 for u in expected if u.status == "returned")),
        ("Chưa gửi", sum(1 for u in expected if u.status in ("", "draft", "awaiting_approval"))),
    ]
    summary = "\n".join(f"{label}: {n}" for label, n in counts if n)
    return AnnexTable(
        title=title,
        subtitle="Tình hình gửi báo cáo của các cơ quan, đơn vị",
        note=note,
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=12),
            # 165 mm in all, the width of a portrait page between the margins; the date
            # needs 24 mm to stay on one line.
            AnnexColumn("Đơn vị", fmt="text", width_mm=55),
            AnnexColumn("Nhóm", fmt="text", width_mm=28),
            AnnexColumn("Tình trạng", fmt="text", width_mm=30),
            AnnexColumn("Ngày gửi", fmt="center", width_mm=24),
            AnnexColumn("Thời hạn", fmt="center", width_mm=16),
        ],
        rows=rows,
        totals=[
            "",
            f"Tổng số: {len(figures.units)} đơn vị",
            "",
            summary,
            "",
            "",
        ],
        landscape=False,
    )


# ---------------------------------------------------------------- consolidated report


def _report_note(report) -> str:
    number = (
        report.number_symbol
        if report.number_symbol and not report.number_symbol.startswith("/")
        else f"     {report.number_symbol}"
    )
    date = f" ngày {report.date:%d/%m/%Y}" if report.date else ""
    return f"(Kèm theo Báo cáo số {number.strip() or '...'}{date} của {committee_short(report.round.owner_unit)})"


def coverage_paragraph(figures, as_of: datetime.date, annex_title: str = "Phụ lục") -> str:
    """Who reported, in the words of the status annex: accepted, sent and waiting to be
    accepted, returned for completion, and not received (not started, draft, or waiting
    for the unit head's approval)."""
    expected = [u for u in figures.units if u.expected]
    accepted = [u for u in expected if u.accepted]
    waiting = [u for u in expected if u.status == "submitted"]
    returned = [u for u in expected if u.status == "returned"]
    missing = [u for u in expected if u.status in ("", "draft", "awaiting_approval")]
    clauses = [
        f"Đến ngày {as_of:%d/%m/%Y}, đã tiếp nhận báo cáo của {len(accepted)}/{len(expected)} "
        "cơ quan, đơn vị"
    ]
    if waiting:
        clauses.append(
            f"{len(waiting)} đơn vị đã gửi báo cáo, đang chờ tiếp nhận ("
            + ", ".join(u.name for u in waiting)
            + ")"
        )
    if returned:
        clauses.append(
            f"{len(returned)} báo cáo đã trả lại để hoàn thiện ("
            + ", ".join(u.name for u in returned)
            + ")"
        )
    if missing:
        clauses.append(
            f"chưa nhận được báo cáo của {len(missing)} đơn vị: "
            + ", ".join(u.name for u in missing)
        )
    return "; ".join(clauses) + f" (chi tiết tại {annex_title} kèm theo)."


def detail_annex(title: str, note: str, reporting_round) -> AnnexTable | None:
    """The units' own texts, unit by unit and task area by task area, as the standing office
    accepted them: every fact the body synthesises stays readable here."""
    from .services import _contributions

    contributions, _versions = _contributions(reporting_round)
    sections = list(reporting_round.sections.order_by("position", "id"))
    labels = {"difficulties": "Khó khăn, hạn chế: ", "proposals": "Đề xuất, kiến nghị: "}
    by_unit: dict[int, dict] = {}
    for (section_id, part), items in contributions.items():
        for c in items:
            entry = by_unit.setdefault(
                c["unit_id"], {"unit": c["unit"], "kind": c["kind"], "texts": {}}
            )
            entry["texts"].setdefault(section_id, {})[part] = c["text"]
    if not by_unit:
        return None
    rows: list[list[object]] = []
    ordered = sorted(by_unit.values(), key=lambda e: selectors.unit_sort_key(e["kind"], e["unit"]))
    for n, entry in enumerate(ordered, start=1):
        chunks: list[list[str]] = [[]]
        for section in sections:
            texts = entry["texts"].get(section.pk)
            if not texts:
                continue
            lines = [
                labels.get(part, "") + texts[part].replace("\n", " ")
                for part in ("done", "results", "difficulties", "proposals")
                if texts.get(part)
            ]
            block = f"{section.number}. " + "\n".join(lines)
            # A row never splits across pages: a long report goes on in the next row.
            if chunks[-1] and sum(len(b) for b in chunks[-1]) + len(block) > DETAIL_ROW_CHARS:
                chunks.append([])
            chunks[-1].append(block)
        for i, chunk in enumerate(c for c in chunks if c):
            rows.append([str(n) if i == 0 else "", entry["unit"], "\n".join(chunk)])
    return AnnexTable(
        title=title,
        subtitle="Nội dung báo cáo của các cơ quan, đơn vị",
        note=note,
        columns=[
            AnnexColumn("STT", fmt="center", width_mm=13),
            AnnexColumn("Đơn vị", fmt="text", width_mm=40),
            AnnexColumn("Nội dung (theo mục của báo cáo)", fmt="text", width_mm=112),
        ],
        rows=rows,
        landscape=False,
    )


def _contributed(item, build, annexes: list | None, number: str) -> Section | None:
    part = build(item)
    if part is not None and annexes is not None:
        annexes += part.annexes
    if part is not None and (part.paragraphs or part.images):
        return Section(number, item.title, paragraphs=part.paragraphs, images=part.images)
    return None


def contributed_sections(
    start: int, build, annexes: list | None = None, areas: Iterable[str] = ()
) -> list[Section]:
    """The sections other apps add (core.registry.report_sections), numbered from `start`,
    but for those placed in one of the document's task `areas` (`area_parts`); `build(section)`
    asks one of them for its part of this document. Their annex tables are added to `annexes`
    (a document without annexes of its own passes None: none are kept)."""
    areas = set(areas)
    sections = []
    for contributed in report_sections():
        if contributed.area and contributed.area in areas:
            continue
        section = _contributed(contributed, build, annexes, f"{start + len(sections)}.")
        if section is not None:
            sections.append(section)
    return sections


def area_parts(area: str, prefix: str, build, annexes: list | None = None) -> list[Section]:
    """The parts other apps place in the task area numbered `area` (the form section's
    number), numbered `prefix` + 1, 2, ... ("1.1.", "1.2.")."""
    parts = []
    for contributed in report_sections():
        if contributed.area != area or not area:
            continue
        section = _contributed(contributed, build, annexes, f"{prefix}{len(parts) + 1}.")
        if section is not None:
            parts.append(section)
    return parts


def _texts_coverage(units: dict[int, str], expected) -> str:
    """ "Có 16/24 xã, thị trấn và 6 cơ quan, đơn vị cấp huyện báo cáo kết quả nội dung này."
    for a task area without figures."""
    communes = sum(1 for group in units.values() if group == "communes")
    bodies = len(units) - communes
    expected_communes = sum(1 for u in expected if u.group == "communes")
    said = []
    if communes:
        said.append(f"{communes}/{expected_communes} xã, thị trấn")
    if bodies:
        said.append(f"{bodies} cơ quan, đơn vị cấp huyện")
    return f"Có {' và '.join(said)} báo cáo kết quả thực hiện nội dung này." if said else ""


def _whole(owner) -> str:
    from binhdang.orgunits.models import Kind

    return {Kind.PROVINCE: "toàn tỉnh", Kind.DISTRICT: "toàn huyện"}.get(owner.kind, "toàn xã")


def _body_lines(text: str) -> list[Paragraph | str]:
    return text_paragraphs(text)


def _area_sections(
    report, by_key, order, figures, user, with_charts, contributed_annexes: list
) -> list[Section]:
    """Section II: one part per task area (form section), opening with the paragraph written
    from its figures, then the units' synthesised narrative."""
    from . import leads

    results = []
    expected = [u for u in figures.units if u.expected]

    def build_consolidated(contributed):
        return contributed.build_consolidated and contributed.build_consolidated(
            report, user=user, with_charts=with_charts
        )

    for i, number in enumerate(order, start=1):
        item = by_key[number]
        paragraphs: list[Paragraph | str] = []
        lead = leads.area_lead(
            figures, item["form_section_id"], expected, whole=_whole(report.round.owner_unit)
        )
        if not lead and item["units"]:
            lead = _texts_coverage(item["units"], expected)
        if lead:
            paragraphs.append(lead)
        for part in ("done", "results"):
            paragraphs += _body_lines(item["parts"].get(part, ""))
        children = area_parts(number, f"{i}.", build_consolidated, contributed_annexes)
        if not paragraphs and not children:
            paragraphs = ["Chưa có đơn vị báo cáo nội dung này."]
        results.append(Section(f"{i}.", item["title"], paragraphs=paragraphs, children=children))
    unsectioned = figures.for_section(None)
    if unsectioned:
        results.append(
            Section(
                f"{len(results) + 1}.",
                "Một số chỉ tiêu, số liệu khác",
                paragraphs=[leads.figures_sentence(unsectioned) or figures_paragraph(unsectioned)],
            )
        )
    results += contributed_sections(
        len(results) + 1, build_consolidated, contributed_annexes, areas=order
    )
    return results


def report_document(
    report, *, user=None, with_charts: bool = True, figures=None
) -> tuple[OfficialDocument, list[AnnexTable]]:
    """The consolidated report as an OfficialDocument, and its tables (the annexes also
    written to the .xlsx). The standard structure (see `compilation`): I leadership, II
    results by task area, III assessment, IV directions, V proposals, VI annexes; figures
    from the database, the units' own texts in the last annex."""
    from .compilation import CAUSES, DIRECTIONS, LEADERSHIP, LIMITATIONS, PROPOSALS, STRENGTHS

    figures = figures or selectors.round_figures(user, report.round)
    sections = selectors.sections_of(user, report)
    by_number: dict[str, dict] = {}
    order: list[str] = []
    report_level: dict[tuple[str, str], object] = {}
    older: dict[str, list] = {"difficulties": [], "proposals": []}
    for s in sections:
        if s.form_section_id is None and (s.number, s.part) in (
            LEADERSHIP, STRENGTHS, LIMITATIONS, CAUSES, DIRECTIONS, PROPOSALS,
        ):  # fmt: skip
            report_level[(s.number, s.part)] = s
            continue
        if s.part in older:
            # A report compiled before the standard structure kept them per form section.
            older[s.part] += text_paragraphs(s.text)
            continue
        if s.number not in by_number:
            by_number[s.number] = {
                "title": s.title,
                "form_section_id": s.form_section_id,
                "parts": {},
                "units": {},
            }
            order.append(s.number)
        by_number[s.number]["parts"][s.part] = s.text
        for source in s.sources:
            by_number[s.number]["units"][source["unit_id"]] = source.get("group", "")

    def text_of(key) -> list[Paragraph | str]:
        row = report_level.get(key)
        return text_paragraphs(row.text) if row is not None else []

    body: list[Section] = []
    contributed: list[AnnexTable] = []  # the annex tables of the sections other apps add

    def add(title: str, paragraphs=None, children=None) -> None:
        if paragraphs or children:
            body.append(
                Section(
                    f"{ROMAN[len(body)]}.",
                    title,
                    paragraphs=paragraphs or [],
                    children=children or [],
                )
            )

    add("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", text_of(LEADERSHIP))
    add(
        "KẾT QUẢ THỰC HIỆN",
        children=_area_sections(report, by_number, order, figures, user, with_charts, contributed),
    )
    assessment = [
        Section(f"{n}.", title, paragraphs=paragraphs)
        for n, (title, paragraphs) in enumerate(
            [
                (t, p)
                for t, p in (
                    ("Ưu điểm", text_of(STRENGTHS)),
                    ("Tồn tại, hạn chế", text_of(LIMITATIONS) or older["difficulties"]),
                    ("Nguyên nhân", text_of(CAUSES)),
                )
                if p
            ],
            start=1,
        )
    ]
    add("ĐÁNH GIÁ CHUNG", children=assessment)
    directions = report_level.get(DIRECTIONS)
    add(
        (directions.title if directions is not None else "Phương hướng, nhiệm vụ").upper(),
        text_of(DIRECTIONS),
    )
    add("ĐỀ XUẤT, KIẾN NGHỊ", text_of(PROPOSALS) or older["proposals"])

    note = _report_note(report)
    tables = figure_annexes(
        f"Kết quả thực hiện các chỉ tiêu {report.round.period_label}",
        note,
        figures,
        sections={n: by_number[n]["title"] for n in order},
        section_ids={by_number[n]["form_section_id"]: n for n in order},
    )
    for annex in contributed:  # numbered after the figures, carrying the report's note
        annex.title = f"Phụ lục {ROMAN[len(tables)]}"
        annex.note = annex.note or note
        tables.append(annex)
    # The units' own texts before the status table, so the report ends on a short table.
    annexes = list(tables)
    detail = detail_annex(f"Phụ lục {ROMAN[len(annexes)]}", note, report.round)
    if detail is not None:
        annexes.append(detail)
    status = status_annex(f"Phụ lục {ROMAN[len(annexes)]}", note, figures)
    tables.append(status)
    annexes.append(status)
    add(
        "PHỤ LỤC KÈM THEO",
        [f"{a.title}: {a.subtitle}." for a in annexes],
    )

    as_of = (
        report.date
        or (report.compiled_at and timezone.localtime(report.compiled_at).date())
        or timezone.localdate()
    )
    status_title = status.title
    intro = text_paragraphs(report.intro) + [coverage_paragraph(figures, as_of, status_title)]
    intro.append(cutoff_sentence(report.round))  # Decree 09: the data window
    head = letterhead_of(report.round.owner_unit)
    doc = OfficialDocument(
        kind="bao_cao",
        doc_type_title="BÁO CÁO",
        parent_agency=report.parent_agency,
        issuing_agency=report.issuing_agency,
        national_title=head.national_title,
        motto=head.motto,
        issuer_mark=head.issuer_mark,
        number_symbol=report.number_symbol or "/BC-UBND",
        place=report.place,
        date=report.date,
        year=report.round.period_year,
        subject=report.subject,
        recipients=report.recipient_lines(),
        intro_paragraphs=intro,
        sections=body,
        closing_paragraphs=text_paragraphs(report.closing),
        signature=Signature(
            authority=report.authority_lines(),
            title=report.signer_title,
            signer_name=report.signer_name,
        ),
        distribution=_lines(report.distribution_list),
        annexes=annexes,
    )
    return doc, tables


# ---------------------------------------------------------------- directive as công văn


def _marked(text: str, notes: dict[str, int]) -> Paragraph:
    """A paragraph of a directive's own text: its **bold**, *italic* and footnote marks
    (formats.markup) are honoured; marks are renumbered to the notes' places."""
    return Paragraph(renumber_notes(text, notes), markup=True)


def _task_section(task, children, notes: dict[str, int]) -> Section:
    """An item of the directive. A section (1, 2 ...) has a title; an item (1.1, 1.2 ...) is
    text, with its number run into its first paragraph."""
    return Section(
        f"{task.number}.",
        task.title,
        paragraphs=[_marked(line, notes) for line in task.text_lines()],
        children=[_task_section(c, children, notes) for c in children.get(task.pk, [])],
    )


def directive_document(directive) -> OfficialDocument:
    """A directive of the register laid out as a công văn: "V/v" under the number, "Kính
    gửi:", the numbered tasks, signature and "Nơi nhận"."""
    tasks = list(directive.tasks.order_by("position", "id"))
    children: dict[int | None, list] = {}
    for t in tasks:
        children.setdefault(t.parent_id, []).append(t)
    recipients = directive.addressee_list()
    if not recipients:
        recipients = [u.name for u in directive.recipient_units.all()] + [
            g.name for g in directive.recipient_groups.all()
        ]
    intro_texts: list[str] = []
    footnotes: list[str] = []
    notes: dict[str, int] = {}
    for basis in directive.legal_bases.select_related(
        "cited_directive", "cited_directive__issuing_unit"
    ):
        text = basis.text
        if not text and basis.cited_directive is not None:
            cited = basis.cited_directive
            text = (
                f"Căn cứ Công văn số {cited.number_symbol}, ngày {cited_date(cited.issued_on)} của "
                f"{committee_name(cited.issuing_unit)} về việc {_about(cited.subject)}."
            )
        if basis.footnote_marker:
            footnotes.append(plain(text))
            notes[basis.footnote_marker.strip()] = len(footnotes)
        else:
            intro_texts.append(text)
    intro: list[Paragraph | str] = [
        _marked(text, notes) for text in intro_texts + directive.intro_paragraphs()
    ]
    sections = [_task_section(t, children, notes) for t in children.get(None, [])]
    subject = directive.subject.strip()
    is_cong_van = directive.doc_type == "cong_van"
    if is_cong_van and not subject.lower().startswith("v/v"):
        subject = f"V/v {subject}"
    unit = directive.issuing_unit
    head = letterhead_of(unit)
    authority = [line for line in directive.signing_authority.splitlines() if line.strip()]
    return OfficialDocument(
        kind=directive.doc_type if directive.doc_type in ("cong_van", "ke_hoach") else "bao_cao",
        doc_type_title=""
        if is_cong_van
        else directive.get_doc_type_display().split(" (")[-1].rstrip(")").upper(),
        parent_agency=head.higher_body,
        issuing_agency=head.issuing_body,
        national_title=head.national_title,
        motto=head.motto,
        issuer_mark=head.issuer_mark,
        number_symbol=directive.number_symbol,
        place=directive.place or place_of(unit),
        date=directive.issued_on,
        subject=subject,
        recipients=recipients,
        intro_paragraphs=intro,
        sections=sections,
        closing_paragraphs=[_marked(text, notes) for text in directive.closing_paragraphs()],
        signature=Signature(
            authority=authority, title=directive.signer_title, signer_name=directive.signer_name
        ),
        distribution=_lines(directive.distribution_list),
        footnotes=footnotes,
    )


# ---------------------------------------------------------------- a unit's own report


def _unit_signature(head) -> Signature:
    """The signer of a unit's own report, by kind of unit (`orgunits.letterheads`)."""
    return Signature(authority=list(head.signing_authority), title=head.signer_title)


def submission_document(submission) -> tuple[OfficialDocument, list[AnnexTable]]:
    """A unit's submission as its own report on its own letterhead (parent agency: its
    People's Committee), with its figures as an annex."""
    from binhdang.reporting.models import NumericField

    from .services import _strip_subject

    rnd = submission.round
    unit = submission.org_unit
    head = letterhead_of(unit)
    parent_agency, issuing_agency = head.higher_body, head.issuing_body
    answers = {}
    for section_id, part, text in submission.answers.values_list("section_id", "part", "text"):
        answers[(section_id, part)] = text
    results, difficulties, proposals = [], [], []
    form_sections = list(rnd.sections.order_by("position", "id"))

    def build_for_unit(contributed):
        return contributed.build_for_unit and contributed.build_for_unit(submission)

    for i, fs in enumerate(form_sections, start=1):
        paragraphs = text_paragraphs(answers.get((fs.pk, "done"), "")) + text_paragraphs(
            answers.get((fs.pk, "results"), "")
        )
        children = area_parts(fs.number, f"{i}.", build_for_unit)
        if not paragraphs and not children:
            paragraphs = ["Không có nội dung báo cáo."]
        results.append(Section(f"{i}.", fs.title, paragraphs=paragraphs, children=children))
        difficulties += text_paragraphs(answers.get((fs.pk, "difficulties"), ""))
        proposals += text_paragraphs(answers.get((fs.pk, "proposals"), ""))
    results += contributed_sections(
        len(results) + 1, build_for_unit, areas=[fs.number for fs in form_sections]
    )
    body = [Section("I.", "KẾT QUẢ THỰC HIỆN", children=results)]
    if difficulties:
        body.append(
            Section(
                f"{ROMAN[len(body)]}.", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", paragraphs=difficulties
            )
        )
    if proposals:
        body.append(Section(f"{ROMAN[len(body)]}.", "ĐỀ XUẤT, KIẾN NGHỊ", paragraphs=proposals))
    values = dict(submission.values.values_list("field_id", "value"))
    rows = []
    fields = list(NumericField.objects.filter(round=rnd).order_by("position", "id"))
    for i, nf in enumerate(fields, start=1):
        if nf.is_computed:
            value = selectors.ratio(values.get(nf.numerator_id), values.get(nf.denominator_id))
            rows.append([str(i), nf.label, "%", None if value is None else float(value)])
        else:
            v = values.get(nf.pk)
            rows.append(
                [
                    str(i),
                    nf.label,
                    nf.unit_of_measure,
                    None if v is None else (int(v) if v == v.to_integral_value() else float(v)),
                ]
            )
    annexes = []
    if rows:
        annexes.append(
            AnnexTable(
                title="Phụ lục",
                subtitle=f"Số liệu báo cáo {rnd.period_label}",
                note=f"(Kèm theo báo cáo của {head.name})",
                columns=[
                    AnnexColumn("STT", fmt="center", width_mm=12),
                    AnnexColumn("Nội dung", fmt="text", width_mm=95),
                    AnnexColumn("Đơn vị tính", fmt="center", width_mm=25),
                    AnnexColumn("Số liệu", fmt="dec2"),
                ],
                rows=rows,
                landscape=False,
            )
        )
    directive = rnd.directive
    if directive is not None and directive.subject:
        subject = "Kết quả thực hiện " + _strip_subject(directive.subject)
        basis = f"Thực hiện Công văn số {directive.number_symbol} ngày {cited_date(directive.issued_on)} của {committee_name(rnd.owner_unit)} về việc {_about(directive.subject)}"
    else:
        subject = rnd.title
        basis = f"Thực hiện {rnd.title[:1].lower()}{rnd.title[1:]}"
    when = submission.first_submitted_at or submission.submitted_at
    doc = OfficialDocument(
        kind="bao_cao",
        doc_type_title="BÁO CÁO",
        parent_agency=parent_agency,
        issuing_agency=issuing_agency,
        number_symbol="/BC-UBND" if unit.is_territorial else "/BC",
        place=place_of(unit),
        date=timezone.localtime(when).date() if when else None,
        year=rnd.period_year,
        subject=subject,
        national_title=head.national_title,
        motto=head.motto,
        issuer_mark=head.issuer_mark,
        intro_paragraphs=[f"{basis}; {head.name} báo cáo kết quả thực hiện như sau:"],
        sections=body,
        closing_paragraphs=[f"Trên đây là báo cáo của {head.name}./."],
        signature=_unit_signature(head),
        distribution=[
            f"{committee_short(rnd.owner_unit)} (qua {rnd.standing_office.name})",
            "Lưu: VT",
        ],
        annexes=annexes,
    )
    doc.intro_paragraphs.append(cutoff_sentence(submission.round))  # Decree 09: the data window
    return doc, annexes


# ---------------------------------------------------------------- file names


def ascii_name(name: str) -> str:
    """ "Báo cáo BĐG 2023 - Vị Xuyên.docx" -> "Bao-cao-BDG-2023-Vi-Xuyen.docx"."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    folded = (stem or "").replace("đ", "d").replace("Đ", "D")
    import unicodedata

    folded = "".join(
        ch for ch in unicodedata.normalize("NFD", folded) if unicodedata.category(ch) != "Mn"
    )
    folded = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-") or "van-ban"
    return f"{folded}.{ext}" if ext else folded


def safe_file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\r\n]+', "-", name).strip() or "van-ban"


def report_file_stem(report) -> str:
    return f"Báo cáo BĐG {report.round.period_label.replace('/', '-')} - {report.place or report.round.owner_unit.name}"


def directive_file_stem(directive) -> str:
    return f"Công văn {directive.number_symbol}"


def submission_file_stem(submission) -> str:
    return f"Báo cáo {submission.org_unit.name} {submission.round.period_label.replace('/', '-')}"

"""The paragraph that opens each task area of the consolidated report, written by rule from
the round's figures: the district's totals ("đã tổ chức 225 buổi tuyên truyền với 14.085
lượt người tham gia tuyên truyền, trong đó nữ 8.202 lượt người (58,2%)"), how many units the
data covers ("số liệu của 17/24 xã, thị trấn"), and the units that stand out.

Zero is "không có ...", never "0 ..."; numbers through `binhdang.formats.numbers`. Written
at render time from the figures, so the text always equals the annex tables. Document text,
always Vietnamese.
"""

from __future__ import annotations

import re
from decimal import Decimal

from binhdang.formats.numbers import format_number, format_percent

from .synthesis import in_sentence, name_list

VERB = re.compile(r"^(?P<noun>.+?) đã (?P<verb>.+)$")


def _amount(fig, value: Decimal) -> str:
    decimals = 0 if fig.value_type == "int" else None
    if decimals is None and value == value.to_integral_value():
        decimals = 0
    return format_number(value, decimals)


def _noun(fig) -> str:
    label = fig.label.strip()
    return label[3:] if label.startswith("Số ") else label[:1].lower() + label[1:]


def _with_number(fig, value: Decimal) -> str:
    """ "đã tổ chức 225 buổi tuyên truyền", "có 12 vụ bạo lực ... được phát hiện",
    "kinh phí đã sử dụng 850,5 triệu đồng"."""
    noun = _noun(fig)
    number = _amount(fig, value)
    if not fig.label.startswith("Số "):
        uom = f" {fig.unit_of_measure}" if fig.unit_of_measure else ""
        return f"{noun} {number}{uom}"
    m = VERB.match(noun)
    if m:
        return f"đã {m['verb']} {number} {m['noun']}"
    return f"có {number} {noun}"


def _zero(fig) -> str:
    noun = _noun(fig)
    m = VERB.match(noun)
    if m:
        return f"không có {m['noun']} nào được {m['verb']}"
    return f"không có {noun}"


def _parts_text(fig, parts, total: Decimal) -> str:
    """ "trong đó nữ 8.202 lượt người (58,2%), người dân tộc thiểu số ... "."""
    out = []
    for part in parts:
        name = re.sub(r"^trong đó:?\s*", "", part.label.strip(), flags=re.I)
        if part.total is None:
            continue
        if not part.total:
            out.append(f"không có {name}")
            continue
        uom = f" {part.unit_of_measure}" if part.unit_of_measure else ""
        share = format_percent(part.total / total * 100) if total else ""
        out.append(f"{name} {_amount(part, part.total)}{uom}" + (f" ({share})" if share else ""))
    return ("trong đó " + ", ".join(out)) if out else ""


def figures_sentence(figs: list) -> str:
    """The totals of some fields as one sentence's clauses, parts under their total and
    ratios of a part to its total said as the part's share."""
    by_id = {f.field_id: f for f in figs}
    parts_of: dict[int, list] = {}
    for f in figs:
        if f.part_of_id in by_id:
            parts_of.setdefault(f.part_of_id, []).append(f)
    clauses = []
    missing = []
    for f in figs:
        if f.part_of_id in by_id:
            continue
        if f.is_ratio:
            numerator = by_id.get(f.numerator_id)
            if numerator is not None and numerator.part_of_id == f.denominator_id:
                continue  # said as the part's share
            if f.total is not None:
                clauses.append(f"{f.label[:1].lower()}{f.label[1:]} đạt {format_percent(f.total)}")
            continue
        if f.total is None:
            missing.append(_noun(f))
            continue
        if not f.total:
            clauses.append(_zero(f))
            continue
        text = _with_number(f, f.total)
        parts = _parts_text(f, parts_of.get(f.field_id, []), f.total)
        clauses.append(f"{text}, {parts}" if parts else text)
    if missing:
        clauses.append("chưa có số liệu về " + name_list(missing))
    return "; ".join(clauses)


def _coverage(figs, figures, expected) -> str:
    """ "số liệu của 17/24 xã, thị trấn và 9/13 cơ quan, đơn vị cấp huyện"."""
    ids = {f.field_id for f in figs}
    with_data = {unit_id for unit_id, row in figures.values.items() if any(k in ids for k in row)}
    communes = [u for u in expected if u.group == "communes"]
    bodies = [u for u in expected if u.group != "communes"]
    out = []
    if communes:
        n = sum(1 for u in communes if u.unit_id in with_data)
        out.append(f"{n}/{len(communes)} xã, thị trấn")
    if bodies:
        n = sum(1 for u in bodies if u.unit_id in with_data)
        out.append(f"{n}/{len(bodies)} cơ quan, đơn vị cấp huyện")
    return " và ".join(out)


def _standing_out(figs, figures) -> str:
    """The two or three units with the most of the area's first count."""
    main = next((f for f in figs if f.value_type == "int" and not f.part_of_id), None)
    if main is None or not main.total:
        return ""
    names = {u.unit_id: u.name for u in figures.units}
    ranked = sorted(
        ((row.get(main.field_id), uid) for uid, row in figures.values.items()),
        key=lambda t: (-(t[0] or 0), names.get(t[1], "")),
    )
    top = [(v, uid) for v, uid in ranked if v][:3]
    if len(top) < 2:
        return ""
    uom = main.unit_of_measure or ""
    listed = [
        f"{in_sentence(names[uid])} ({_amount(main, v)} {uom})".replace(" )", ")") for v, uid in top
    ]
    return f"Nhiều nhất là {name_list(listed)}."


def area_lead(figures, section_id, expected, whole: str = "toàn huyện") -> str | None:
    """The opening paragraph of one task area, or None when it has no figures."""
    figs = figures.for_section(section_id)
    if not figs:
        return None
    sentence = figures_sentence(figs)
    coverage = _coverage(figs, figures, expected)
    head = f"Tổng hợp số liệu của {coverage}, {whole} " if coverage else ""
    text = f"{head}{sentence}." if head else f"{sentence[:1].upper()}{sentence[1:]}."
    extra = _standing_out(figs, figures)
    return f"{text} {extra}".strip()

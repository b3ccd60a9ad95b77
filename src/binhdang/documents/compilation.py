"""What a compilation writes into each part of the consolidated report.

The standard structure of a consolidated report on gender equality:
I. Công tác lãnh đạo, chỉ đạo (from the directive register and the round, and what the units
   say of their plans and committees); II. Kết quả thực hiện, one part per task area (form
   section), its units' narrative synthesised (`synthesis`); III. Đánh giá chung: ưu điểm;
   tồn tại, hạn chế; nguyên nhân; IV. Phương hướng, nhiệm vụ năm tới; V. Đề xuất, kiến nghị
   (only what is asked of the level above, merged, with the units that raised it).

`plan(reporting_round, contributions)` returns one `Target` per stored part: the form
sections' "done" and "results" parts, and the report-level parts keyed by a Roman number.
Parts I, III and IV are drafts the office accepts or rewrites; every part is editable and an
edited part is never overwritten by a later compilation. Document text, always Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from binhdang.formats.dates import cited_date

from . import synthesis

# (number, part) of the report-level parts, in the order the report reads them.
LEADERSHIP = ("I", "leadership")
STRENGTHS = ("III", "strengths")
LIMITATIONS = ("III", "limitations")
CAUSES = ("III", "causes")
DIRECTIONS = ("IV", "directions")
PROPOSALS = ("V", "proposals")
REPORT_LEVEL = [LEADERSHIP, STRENGTHS, LIMITATIONS, CAUSES, DIRECTIONS, PROPOSALS]
# Labels of the report-level parts on the report's page (the interface language).
PART_LABELS = {
    "leadership": _("Leadership and direction"),
    "strengths": _("Strengths"),
    "limitations": _("Shortcomings and limitations"),
    "causes": _("Causes"),
    "directions": _("Directions and tasks for next year"),
    "proposals": _("Proposals to the level above"),
}
# The parts of a form section that become its part of section II; the units' difficulties
# and proposals go to sections III and V of the whole report.
AREA_PARTS = ("done", "results")

# A unit's sentence about its plans, its committee or its directives belongs to section I.
LEADERSHIP_WORDS = re.compile(r"\b(ban hành kế hoạch|ban hành văn bản|kiện toàn ban)", re.I)
CAUSE_WORDS = re.compile(r"^(nguyên nhân|do )|\bnguyên nhân\b|\blà do\b", re.I)


@dataclass
class Target:
    number: str
    part: str
    title: str
    form_section: object = None
    items: list[dict] = field(default_factory=list)
    text: str = ""


def _bullets(sentences: list[str]) -> str:
    return "\n".join(f"- {s}" for s in sentences)


def _doc_type(directive) -> str:
    """ "Công văn", "Kế hoạch": the Vietnamese name of a directive's type."""
    return directive.get_doc_type_display().split(" (")[-1].rstrip(")")


def _about(subject: str) -> str:
    from .services import _about as about

    return about(subject)


def _committee(unit) -> str:
    from .services import committee_name

    return committee_name(unit)


def _level_word(owner) -> str:
    from binhdang.orgunits.models import Kind

    return {Kind.PROVINCE: "tỉnh", Kind.DISTRICT: "huyện"}.get(owner.kind, "xã")


def _communes_expected(reporting_round) -> int:
    from binhdang.orgunits.models import Kind

    return reporting_round.expected_rows.filter(
        org_unit__kind__in=[Kind.COMMUNE, Kind.WARD, Kind.TOWNSHIP, Kind.SPECIAL_ZONE]
    ).count()


def _merged(contributions: dict, parts: tuple[str, ...]) -> list[dict]:
    """Every unit's texts of `parts`, across the form sections, one contribution per unit."""
    by_unit: dict[int, dict] = {}
    for (_section_id, part), items in contributions.items():
        if part not in parts:
            continue
        for c in items:
            entry = by_unit.setdefault(c["unit_id"], {**c, "text": ""})
            entry["text"] = f"{entry['text']}\n{c['text']}".strip()
    from .selectors import unit_sort_key

    return sorted(by_unit.values(), key=lambda c: unit_sort_key(c["kind"], c["unit"]))


# ---------------------------------------------------------------- section I


def leadership_draft(reporting_round, unit_sentences: list[str]) -> str:
    """Section I from the directive register and the round: what the level above asked, the
    documents this committee issued in the year with their numbers and dates, the round and
    its deadline; then what the units did to organise the work."""
    from binhdang.directives.models import Directive

    owner = reporting_round.owner_unit
    year = reporting_round.period_year
    directive = reporting_round.directive
    lines = []
    issued = list(
        Directive.objects.filter(issuing_unit=owner, issued_on__year=year)
        .exclude(status="draft")
        .order_by("issued_on", "id")
    )
    if directive is not None and directive not in issued:
        issued.insert(0, directive)
    if directive is not None:
        above = directive.implements
        tasks = directive.tasks.filter(parent__isnull=False).count() or directive.tasks.count()
        basis = ""
        if above is not None:
            basis = (
                f"Thực hiện {_doc_type(above)} số {above.number_symbol} ngày "
                f"{cited_date(above.issued_on)} của {_committee(above.issuing_unit)} về việc "
                f"{_about(above.subject)}, "
            )
        lines.append(
            f"{basis}{_committee(owner)} đã ban hành {_doc_type(directive)} số "
            f"{directive.number_symbol} ngày {cited_date(directive.issued_on)} về việc "
            f"{_about(directive.subject)}, giao {tasks} nhiệm vụ cụ thể cho các cơ quan, đơn vị "
            "và UBND các xã, thị trấn."
        )
    for other in issued:
        if other == directive:
            continue
        lines.append(
            f"Ban hành {_doc_type(other)} số {other.number_symbol} ngày "
            f"{cited_date(other.issued_on)} về việc {_about(other.subject)}."
        )
    expected = reporting_round.expected_rows.count()
    lines.append(
        f"Ngày {reporting_round.opens_on:%d/%m/%Y}, mở kỳ báo cáo năm {year}, đề nghị {expected} "
        f"cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày "
        f"{reporting_round.deadline:%d/%m/%Y}; cơ quan thường trực "
        f"({reporting_round.standing_office.name}) theo dõi, đôn đốc, hướng dẫn và tổng hợp."
    )
    return _bullets(lines + unit_sentences)


# ---------------------------------------------------------------- sections III and IV


def strengths_draft(reporting_round, area_leads: list, figures, communes_expected: int) -> str:
    directive = reporting_round.directive
    cited = f" tại {_doc_type(directive)} số {directive.number_symbol}" if directive else ""
    lines = [
        "Công tác bình đẳng giới và vì sự tiến bộ của phụ nữ tiếp tục được các cấp ủy, chính "
        "quyền quan tâm chỉ đạo; các cơ quan, đơn vị, UBND các xã, thị trấn đã chủ động "
        f"triển khai các nhiệm vụ được giao{cited}."
    ]
    expected = [u for u in figures.units if u.expected]
    accepted = [u for u in expected if u.accepted]
    on_time = [u for u in accepted if u.is_late is False]
    if accepted:
        lines.append(
            f"Công tác báo cáo được thực hiện nghiêm túc: {len(accepted)}/{len(expected)} cơ "
            f"quan, đơn vị có báo cáo được tiếp nhận, trong đó {len(on_time)} đơn vị gửi đúng hạn."
        )
    if area_leads and communes_expected:
        everywhere = set.intersection(*(units for _title, units in area_leads))
        text = (
            f"Các nhiệm vụ được triển khai đồng bộ đến cơ sở: {len(everywhere)}/"
            f"{communes_expected} xã, thị trấn báo cáo kết quả ở cả {len(area_leads)} nhóm "
            "nhiệm vụ"
        )
        fewer = [
            f"{title[:1].lower()}{title[1:]} ({len(units)}/{communes_expected} xã, thị trấn)"
            for title, units in area_leads
            if len(units) > len(everywhere)
        ]
        if fewer:
            text += "; nhiều xã, thị trấn có hoạt động về " + "; ".join(fewer)
        lines.append(text + ".")
    return _bullets(lines)


def limitations_draft(figures_missing: list[str], late: int, returned: int, unit: list[str]):
    lines = list(unit)
    if figures_missing:
        lines.append(
            f"Còn {len(figures_missing)} cơ quan, đơn vị chưa gửi báo cáo: "
            + ", ".join(figures_missing)
            + "."
        )
    if late:
        lines.append(f"Có {late} cơ quan, đơn vị gửi báo cáo chậm so với thời hạn.")
    if returned:
        lines.append(f"{returned} báo cáo phải trả lại để bổ sung số liệu, nội dung.")
    return _bullets(lines)


def causes_draft(unit: list[str]) -> str:
    if unit:
        return _bullets(unit)
    return _bullets(
        [
            "Nguyên nhân khách quan: địa bàn rộng, điều kiện kinh tế - xã hội còn nhiều khó "
            "khăn; nguồn lực cho công tác bình đẳng giới còn hạn chế.",
            "Nguyên nhân chủ quan: một số cơ quan, đơn vị chưa quan tâm đúng mức; cán bộ làm "
            "công tác bình đẳng giới chủ yếu kiêm nhiệm.",
        ]
    )


def _continue(title: str) -> str:
    text = title.strip().rstrip(".")
    if synthesis._starts_with_verb(text) or text.lower().startswith(("nâng cao", "triển khai")):
        return f"Tiếp tục {text[:1].lower()}{text[1:]}"
    return f"Tiếp tục đẩy mạnh {text[:1].lower()}{text[1:]}"


def directions_draft(reporting_round, own_proposals: list[str], missing: int) -> str:
    lines = [_continue(s.title) + "." for s in reporting_round.sections.order_by("position")]
    lines += own_proposals
    lines.append(
        "Nâng cao chất lượng và bảo đảm thời hạn báo cáo; cơ quan thường trực theo dõi, đôn đốc "
        "các cơ quan, đơn vị gửi báo cáo đúng hạn"
        + (
            f", nhất là {missing} đơn vị chưa gửi báo cáo năm {reporting_round.period_year}."
            if missing
            else "."
        )
    )
    return _bullets(lines)


# ---------------------------------------------------------------- section V


PROPOSAL_HEAD = re.compile(r"^(đề nghị|kiến nghị|đề xuất)\s+", re.I)


def is_own_level(text: str, owner) -> bool:
    """Whether a proposal asks the report's own committee or its offices (the district's
    report does not ask the district): its addressee, the words after "Đề nghị", names
    the owner's level ("huyện") or the owner itself."""
    head = PROPOSAL_HEAD.sub("", text.strip())
    addressee = " ".join(head.split()[:6]).lower()
    short = (owner.short_name or owner.name.split(" ", 1)[-1]).lower()
    return bool(re.search(rf"\b{_level_word(owner)}\b", addressee)) or short in addressee


def _proposal_sentence(group: list, communes_expected: int) -> str:
    units = list(dict.fromkeys(c.unit for c in group))
    base = synthesis.typical(group)
    who = synthesis.units_phrase(units, communes_expected)
    text = synthesis._cap(base.text.rstrip("."))
    return f"{text} ({synthesis.in_brackets(who)} đề xuất)."


def _own_to_task(group: list, communes_expected: int) -> str:
    """A proposal to the committee itself, as a task of the coming year."""
    units = list(dict.fromkeys(c.unit for c in group))
    base = synthesis.typical(group).text.rstrip(".")
    head = PROPOSAL_HEAD.sub("", base)
    words = head.split()
    # Drop the addressee ("UBND huyện", "Phòng LĐ-TB&XH huyện") up to its level word.
    for i, word in enumerate(words[:6]):
        if word.lower() == "huyện":
            head = " ".join(words[i + 1 :])
            break
    who = synthesis.units_phrase(units, communes_expected)
    return f"Nghiên cứu, giải quyết đề xuất {head} (của {synthesis.in_brackets(who)})."


# ---------------------------------------------------------------- the plan


def plan(reporting_round, contributions: dict, *, figures) -> list[Target]:
    """Every stored part of the report with the contributions it is written from and its
    compiled text. `contributions` is {(form section id, part): [contribution]}; `figures`
    the round's figures (for the coverage of sections III and IV)."""
    owner = reporting_round.owner_unit
    communes_expected = _communes_expected(reporting_round)
    seen: set[str] = set()
    targets: list[Target] = []
    leadership_sentences: list[str] = []
    leadership_items: list[dict] = []
    area_leads: list[tuple[str, set]] = []
    sections = list(reporting_round.sections.order_by("position", "id"))
    for section in sections:
        for part, _label in section.part_list():
            if part not in AREA_PARTS:
                continue
            items = contributions.get((section.pk, part), [])
            sentences = synthesis.synthesise(items, communes_expected=communes_expected, seen=seen)
            area = [s for s in sentences if not LEADERSHIP_WORDS.search(s)]
            leadership_sentences += [s for s in sentences if LEADERSHIP_WORDS.search(s)]
            if len(area) != len(sentences):
                leadership_items += items
            if part == "done":
                area_leads.append(
                    (section.title, {c["unit_id"] for c in items if c["group"] == "communes"})
                )
            targets.append(
                Target(section.number, part, section.title, section, items, _bullets(area))
            )
    draft = leadership_draft(reporting_round, leadership_sentences)
    head = [Target(*LEADERSHIP, "Công tác lãnh đạo, chỉ đạo", None, leadership_items, draft)]

    difficulties = _merged(contributions, ("difficulties",))
    sentences = synthesis.synthesise(difficulties, communes_expected=communes_expected, seen=seen)
    causes = [s for s in sentences if CAUSE_WORDS.search(s)]
    limits = [s for s in sentences if s not in causes]
    # Under the heading "Nguyên nhân" a unit's "Nguyên nhân chủ yếu là do ..." reads "Do ...".
    causes = [synthesis._cap(re.sub(r"^Nguyên nhân( chủ yếu)?( là)?:?\s*", "", s)) for s in causes]
    missing = [u.name for u in figures.units if u.expected and not u.status]
    missing += [u.name for u in figures.units if u.expected and u.status == "draft"]
    late = sum(1 for u in figures.units if u.accepted and u.is_late)
    returned = sum(1 for u in figures.units if u.status == "returned")

    proposals = _merged(contributions, ("proposals",))
    upward, own = [], []
    for group in synthesis.group_clauses(synthesis.clauses_of(proposals), across_kinds=True):
        if is_own_level(group[0].text, owner):
            own.append(_own_to_task(group, communes_expected))
        else:
            upward.append(_proposal_sentence(group, communes_expected))
    year = reporting_round.period_year
    tail = [
        Target(*STRENGTHS, "Đánh giá chung", None, [], strengths_draft(reporting_round, area_leads, figures, communes_expected)),
        Target(*LIMITATIONS, "Đánh giá chung", None, difficulties,
               limitations_draft(missing, late, returned, limits)),
        Target(*CAUSES, "Đánh giá chung", None, difficulties, causes_draft(causes)),
        Target(*DIRECTIONS, f"Phương hướng, nhiệm vụ năm {year + 1}", None, proposals,
               directions_draft(reporting_round, own, len(missing))),
        Target(*PROPOSALS, "Đề xuất, kiến nghị", None, proposals, _bullets(upward)),
    ]  # fmt: skip
    return head + targets + tail


def add_report_level_answers(answers: dict, by_number: dict, parent_round) -> None:
    """The report's own assessment and proposals (sections III and V) answer the first
    section of the form above that asks for difficulties or proposals and has no answer yet.
    `by_number` is {number: {part: text}} of the report's parts."""
    texts = {
        "difficulties": "\n".join(
            by_number.get(number, {}).get(part, "") for number, part in (LIMITATIONS, CAUSES)
        ).strip(),
        "proposals": by_number.get(PROPOSALS[0], {}).get(PROPOSALS[1], ""),
    }
    sections = list(parent_round.sections.order_by("position", "id"))
    for part, text in texts.items():
        if not text:
            continue
        for target in sections:
            key = f"{target.pk}:{part}"
            if part in dict(target.part_list()) and key not in answers:
                answers[key] = text
                break

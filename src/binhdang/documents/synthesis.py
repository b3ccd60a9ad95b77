"""The units' narrative written as one report: what many units did becomes one sentence
naming or counting them, what one unit did stays attributed to it.

A unit's text is cut into clauses (lines, sentences, "; " and ", " before a verb), each
clause normalised (lower case, abbreviations spelt out, numbers and the unit's own name
removed) and compared with the others by rapidfuzz's token-sort similarity on syllables,
which tolerates a different word order, a typo and a missing word. Clauses of different units
close enough to one another form a group; a group is written once from its most typical
clause, its numbers given as the range the units reported ("từ 4 đến 14 buổi").

Document text, always Vietnamese. Nothing here reads the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Similarity (0-100) from which two clauses of different units say the same thing; district
# bodies each write about their own field, so two of them must say nearly the same words.
SAME_MEANING = 68
SAME_MEANING_BODIES = 88

ABBREVIATIONS = {
    "bđg": "bình đẳng giới",
    "blgđ": "bạo lực gia đình",
    "hlhpn": "hội liên hiệp phụ nữ",
    "lhpn": "liên hiệp phụ nữ",
    "clb": "câu lạc bộ",
    "vstbpn": "vì sự tiến bộ của phụ nữ",
    "mtqg": "mục tiêu quốc gia",
    "tt": "tuyên truyền",
    "pn": "phụ nữ",
}
# Words that carry no meaning of their own for the comparison.
STOP = {
    "đã",
    "được",
    "các",
    "của",
    "và",
    "cho",
    "với",
    "trong",
    "tại",
    "về",
    "có",
    "những",
    "là",
    "này",
    "đó",
    "một",
    "nhiều",
    "xã",
    "thôn",
    "bản",
    "năm",
    "2023",
    "đến",
    "từ",
    "theo",
    "như",
    "ở",
    "để",
    "khi",
    "cũng",
    "vào",
    "trên",
    "dưới",
    "người",
    "lượt",
}
# A clause starts with one of these when it says what the unit did: "<Unit> <clause>" reads.
VERBS = (
    "tổ chức", "treo", "phát", "cấp phát", "in ", "kẻ vẽ", "xây dựng", "duy trì", "tiếp tục",
    "thành lập", "hỗ trợ", "giúp", "vận động", "tuyên truyền", "sử dụng", "lập ", "chia sẻ",
    "phối hợp", "lồng ghép", "cử ", "bố trí", "kiện toàn", "rà soát", "ban hành", "triển khai",
    "thực hiện", "tham mưu", "hướng dẫn", "chỉ đạo", "tiếp nhận", "thẩm định", "giám sát",
    "kiểm tra", "biểu dương", "khen thưởng", "giới thiệu", "khám", "tập huấn", "định hướng",
    "họp ", "hòa giải", "ngăn chặn", "đăng ký", "tiếp tục",
    "phát hiện", "đã ", "không ", "ra mắt", "quán triệt", "đăng tải", "phát thanh",
)  # fmt: skip
# Verbs before which ", " starts a new clause ("..., treo 5 băng rôn"); not "đã", which
# goes on the same fact ("phát hiện 2 vụ, đã hòa giải thành").
SPLIT_BEFORE = tuple(v for v in VERBS if v not in ("đã ", "không ", "phát hiện")) + (
    "kinh phí", "trong năm", "tỷ lệ", "Ban ", "họp ",
)  # fmt: skip
# Words a count is given in: their number is what varies from unit to unit.
CLASSIFIERS = (
    "lượt người", "lượt", "buổi", "tin", "bài", "băng rôn", "khẩu hiệu", "tờ rơi", "tờ gấp",
    "tờ", "cuộc", "lớp", "hộ", "người", "mô hình", "câu lạc bộ", "CLB", "vụ", "trường hợp",
    "hội nghị", "đợt", "thôn", "lần", "triệu đồng", "phụ nữ", "hội viên", "Địa chỉ", "địa chỉ",
    "Tổ", "đoàn viên", "chiến sĩ", "dự thảo", "cán bộ", "nạn nhân", "phóng sự", "xã", "nữ",
)  # fmt: skip
NUMBER_BEFORE_WORD = re.compile(
    r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d/%,.])(\s+)("
    + "|".join(re.escape(c) for c in CLASSIFIERS)
    + r")\b"
)
PERCENT = re.compile(r"(?<![\d/.,])(\d+(?:,\d+)?)%")


@dataclass
class Clause:
    unit_id: int
    unit: str  # the unit's full name
    group: str  # "communes", "departments"...
    text: str  # as the unit wrote it, without the leading "- " and the final "." or ";"
    key: str = ""  # normalised, for comparison
    own_subject: bool = False  # the clause already names its unit ("Hội LHPN huyện tổ chức")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an abbreviation or a name
    ("BLGĐ", "CLB", "Luật", "Ban", "Đài")."""
    first = text.split(" ", 1)[0]
    if _starts_with_verb(text) and not (len(first) > 1 and first.isupper()):
        return text[:1].lower() + text[1:]
    if len(first) > 1 and (first.isupper() or first[1:] != first[1:].lower()):
        return text
    if first in {"Luật", "Ban", "Đài", "Hội", "Ủy", "Chương", "Dự", "Công", "Nghị", "Tỉnh"}:
        return text
    return text[:1].lower() + text[1:]


def split_clauses(text: str) -> list[str]:
    """A unit's text cut into what it reports one by one."""
    out = []
    for line in _nfc(text or "").splitlines():
        line = line.strip().lstrip("-+•* ").strip()
        if not line:
            continue
        for sentence in re.split(r"(?<=[.!?;])\s+(?=[^\W\d_]|“|\()", line):
            for part in re.split(r";\s+", sentence):
                for piece in _split_commas(part):
                    piece = piece.strip().rstrip(".;,").strip()
                    if len(piece) > 3:
                        out.append(piece)
    return out


COMMA_SPLIT = re.compile(
    r",\s+(?=(?:" + "|".join(re.escape(v.strip()) for v in SPLIT_BEFORE) + r")\b)", re.I
)


def _split_commas(text: str) -> list[str]:
    """ "A, treo 5 băng rôn" in two, but not "rà soát, kiện toàn Ban..." (a short head is a
    list of verbs for one fact)."""
    pieces: list[str] = []
    for piece in COMMA_SPLIT.split(text):
        if pieces and (len(pieces[-1].split()) < 7 or len(piece.split()) < 3):
            pieces[-1] = f"{pieces[-1]}, {piece}"
        else:
            pieces.append(piece)
    return pieces


def _subject_words(unit: str, short: str = "") -> list[str]:
    """How a unit names itself at the start of its own text."""
    words = [unit]
    if short:
        words.append(short)
    lowered = unit.lower()
    for prefix in ("xã ", "thị trấn ", "phường "):
        if lowered.startswith(prefix):
            words += [
                "UBND xã",
                "UBND thị trấn",
                "Ủy ban nhân dân xã",
                "Xã",
                "Thị trấn",
                "Trên địa bàn",
            ]
    return words


def strip_subject(text: str, unit: str) -> tuple[str, bool]:
    """The clause without its leading subject when that subject is the unit itself or a
    generic "UBND xã"; and whether it named its unit (in which case it is kept whole when
    written alone)."""
    for subject in sorted(_subject_words(unit), key=len, reverse=True):
        if text.startswith(subject + " "):
            return text[len(subject) + 1 :], subject == unit
    return text, False


def normalise(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", _nfc(text).lower())
    out = []
    for word in words:
        expansion = ABBREVIATIONS.get(word)
        out += expansion.split() if expansion else [word]
    return " ".join(w for w in out if w not in STOP)


def _starts_with_verb(text: str) -> bool:
    low = text.lower()
    return low.startswith(VERBS)


def clauses_of(contributions: list[dict]) -> list[Clause]:
    """Every clause of every contribution ({"unit_id", "unit", "group", "text"})."""
    out = []
    for c in contributions:
        for piece in split_clauses(c["text"]):
            body, named = strip_subject(piece, c["unit"])
            if not body:
                continue
            clause = Clause(c["unit_id"], c["unit"], c["group"], body, normalise(body))
            clause.own_subject = named or _names_itself(piece, c)
            if clause.own_subject:
                clause.text = piece
            out.append(clause)
    return out


def _names_itself(piece: str, contribution: dict) -> bool:
    """A district body writes "Phòng Tư pháp lồng ghép ...", "Hội LHPN huyện tổ chức ...":
    a clause that starts with a capitalised name (not a verb) is the body's own."""
    if contribution["group"] in ("communes", "districts"):
        return False
    first = piece.split(" ", 1)[0]
    return first in {"Phòng", "Hội", "Ban", "Ủy", "Huyện", "Công", "LĐLĐ", "Trung", "Liên"}


def similarity(a: str, b: str) -> float:
    """How close two normalised clauses are in meaning (0-100): the mean of the token-sort
    ratio (order-free, penalises what one says and the other does not) and the token-set
    ratio (one a shorter wording of the other)."""
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def similarities(keys: list[str]):
    """`similarity` of every pair of `keys` (a numpy matrix), computed by rapidfuzz's native
    scorers once per distinct key: many units write the very same clause."""
    import numpy as np

    distinct = list(dict.fromkeys(keys))
    where = {key: i for i, key in enumerate(distinct)}
    scores = (
        process.cdist(distinct, distinct, scorer=fuzz.token_sort_ratio, workers=1)
        + process.cdist(distinct, distinct, scorer=fuzz.token_set_ratio, workers=1)
    ) / 2
    index = np.array([where[key] for key in keys])
    return scores[np.ix_(index, index)]


def group_clauses(clauses: list[Clause], *, across_kinds: bool = False) -> list[list[Clause]]:
    """Clauses grouped by meaning, biggest group first; a group never holds two clauses of
    one unit, and clauses naming their own body stay alone. Clauses of communes and of
    district bodies are grouped apart unless `across_kinds` (proposals, where a commune and
    a union may ask the same)."""
    keys = [c.key for c in clauses]
    if not keys:
        return []
    scores = similarities(keys)
    groups: list[list[int]] = []
    for i, clause in enumerate(clauses):
        best = None
        communal = clause.group == "communes" or across_kinds
        best_score = SAME_MEANING if communal else SAME_MEANING_BODIES
        if (not clause.own_subject or across_kinds) and clause.key:
            for g, members in enumerate(groups):
                first = clauses[members[0]]
                if (
                    (first.own_subject and not across_kinds)
                    or (first.group != clause.group and not across_kinds)
                    or any(clauses[m].unit_id == clause.unit_id for m in members)
                ):
                    continue
                score = scores[i, members].min()
                if score >= best_score:
                    best, best_score = g, score
        if best is None:
            groups.append([i])
        else:
            groups[best].append(i)
    out = [[clauses[m] for m in members] for members in groups]
    order = {id(c): n for n, c in enumerate(clauses)}
    out.sort(key=lambda g: (-len({c.unit_id for c in g}), order[id(g[0])]))
    return out


def typical(group: list[Clause]) -> Clause:
    """The clause closest to all the others of its group (ties: the shorter)."""
    if len(group) <= 2:
        return min(group, key=lambda c: (not _starts_with_verb(c.text), len(c.text)))
    keys = [c.key for c in group]
    scores = similarities(keys)
    best = max(
        range(len(group)),
        key=lambda i: (_starts_with_verb(group[i].text), scores[i].sum(), -len(group[i].text)),
    )
    return group[best]


def _numbers_for(group: list[Clause], classifier: str) -> list[int]:
    values = []
    for clause in group:
        for m in NUMBER_BEFORE_WORD.finditer(clause.text):
            if m.group(3) == classifier:
                values.append(int(m.group(1).replace(".", "")))
                break
    return values


def generalise(text: str, group: list[Clause]) -> str:
    """The typical clause said of the whole group: each "<number> <classifier>" becomes the
    range the group's units reported ("từ 4 đến 14 buổi"), or "nhiều" when not every unit
    gave it; a percentage becomes its range."""
    from binhdang.formats.numbers import format_number

    def number(m: re.Match) -> str:
        values = _numbers_for(group, m.group(3))
        if len(values) == len(group) and len(set(values)) > 1:
            low, high = format_number(min(values)), format_number(max(values))
            before = text[: m.start()].rstrip().rsplit(" ", 1)[-1].lower()
            if before in ("tại", "ở", "cho", "với", "tới", "trong", "của"):
                return f"{low} - {high}{m.group(2)}{m.group(3)}"
            return f"từ {low} đến {high}{m.group(2)}{m.group(3)}"
        if len(values) == len(group):
            return f"{format_number(values[0])}{m.group(2)}{m.group(3)}"
        return f"nhiều{m.group(2)}{m.group(3)}"

    def percent(_m: re.Match) -> str:
        values = []
        for clause in group:
            found = PERCENT.search(clause.text)
            if found:
                values.append(float(found.group(1).replace(",", ".")))
        if len(values) > 1 and min(values) != max(values):
            return f"từ {format_number(min(values))}% đến {format_number(max(values))}%"
        return _m.group(0)

    said = PERCENT.sub(percent, NUMBER_BEFORE_WORD.sub(number, text))
    # A count only some units gave says nothing of the group: "(nhiều lượt người)" and
    # ", trong đó nữ nhiều lượt" are left out.
    said = re.sub(r"\s*\(nhiều [^()]*\)", "", said)
    return re.sub(r",? trong đó [^,;()]*\bnhiều [^,;()]*", "", said)


# ---------------------------------------------------------------- naming units


def short_unit(name: str) -> tuple[str, str]:
    """("xã", "Phú Linh") for "Xã Phú Linh"; ("", name) for a body."""
    lowered = name.lower()
    for kind in ("thị trấn", "phường", "xã", "thị xã", "thành phố", "huyện"):
        if lowered.startswith(kind + " "):
            return kind, name[len(kind) + 1 :]
    return "", name


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: "xã Phú Linh", "Phòng Tư pháp huyện"."""
    kind, rest = short_unit(name)
    return f"{kind} {rest}" if kind else name


def name_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def units_phrase(units: list[str], communes_expected: int) -> str:
    """The subject of a group sentence: "Các xã Phú Linh, Kim Linh và thị trấn Vị Xuyên",
    "15/24 xã, thị trấn", "Phòng Tư pháp huyện, Hội LHPN huyện và 6 xã"."""
    communes = [u for u in units if short_unit(u)[0]]
    bodies = [u for u in units if not short_unit(u)[0]]
    countable = all(short_unit(u)[0] in ("xã", "thị trấn", "phường") for u in communes)
    parts = list(bodies)
    if communes:
        if len(communes) >= 7 and communes_expected and countable:
            parts.append(f"{len(communes)}/{communes_expected} xã, thị trấn")
        else:
            by_kind: dict[str, list[str]] = {}
            for u in sorted(communes, key=lambda u: short_unit(u)[0] != "xã"):  # xã first
                kind, rest = short_unit(u)
                by_kind.setdefault(kind, []).append(rest)
            several = len(by_kind) > 1
            named = []
            for kind, rests in by_kind.items():
                label = f"các {kind}" if len(rests) > 1 else kind
                listed = ", ".join(rests) if several else name_list(rests)
                named.append(f"{label} {listed}")
            parts.append(name_list(named))
    return _cap(name_list(parts))


def in_brackets(subject: str) -> str:
    """A subject inside "( )": "(các xã A, B)", "(thị trấn Vị Xuyên)", "(Phòng Y tế huyện)"."""
    for head in ("Các ", "Thị trấn ", "Xã ", "Phường ", "Huyện ", "Thành phố ", "Thị xã "):
        if subject.startswith(head):
            return subject[:1].lower() + subject[1:]
    return subject


def attributed(clause: Clause) -> str:
    """One unit's clause as a sentence of the report."""
    if clause.own_subject:
        return _cap(clause.text)
    if _starts_with_verb(clause.text):
        return f"{_cap(in_sentence(clause.unit))} {_lower_first(clause.text)}"
    return f"{_cap(clause.text)} ({in_brackets(in_sentence(clause.unit))})"


def group_sentence(group: list[Clause], communes_expected: int) -> str:
    units = list(dict.fromkeys(c.unit for c in group))
    if len(units) == 1:
        return attributed(group[0])
    base = typical(group)
    text = generalise(base.text, group)
    subject = units_phrase(units, communes_expected)
    if _starts_with_verb(text):
        return f"{subject} {_lower_first(text)}"
    return f"{_cap(text)} ({in_brackets(subject)})"


def own_sentence(clauses: list[Clause]) -> str:
    """What one unit alone reported, as one sentence naming it once: "Phòng Tư pháp huyện
    hướng dẫn các tổ hòa giải ở cơ sở; hòa giải thành 38 vụ mâu thuẫn gia đình"."""
    first = attributed(clauses[0])
    if len(clauses) == 1 or first.endswith(")"):
        rest = [attributed(c) for c in clauses[1:]]
        return "; ".join([first, *rest]) if first.endswith(")") else first
    tail = [_lower_first(c.text) if not c.own_subject else _cap(c.text) for c in clauses[1:]]
    return "; ".join([first.rstrip(".;, "), *(t.rstrip(".;, ") for t in tail)])


def synthesise(
    contributions: list[dict], *, communes_expected: int, seen: set[str] | None = None
) -> list[str]:
    """The paragraphs of one part of the report: a sentence per group of clauses several
    units share, biggest first, then one sentence per unit for what it alone reported.
    `seen` holds the normalised sentences already written elsewhere in the report; a
    sentence is written once."""
    seen = seen if seen is not None else set()
    sentences: list[str] = []

    def add(sentence: str) -> None:
        sentence = sentence.rstrip(".;, ") + "."
        key = normalise(sentence)
        if key not in seen:
            seen.add(key)
            sentences.append(sentence)

    alone: dict[int, list[Clause]] = {}
    for group in group_clauses(clauses_of(contributions)):
        if len({c.unit_id for c in group}) > 1:
            add(group_sentence(group, communes_expected))
        else:
            alone.setdefault(group[0].unit_id, []).extend(group)
    order = {c["unit_id"]: n for n, c in enumerate(contributions)}
    for unit_id in sorted(alone, key=lambda u: order.get(u, 0)):
        clauses = alone[unit_id]
        verbal = [c for c in clauses if c.own_subject or _starts_with_verb(c.text)]
        others = [c for c in clauses if c not in verbal]
        if verbal and clauses[0].group != "districts":
            # A district's report to the province speaks of many bodies: clause by clause.
            add(own_sentence(verbal + others))
        else:
            for clause in clauses:
                add(attributed(clause))
    return sentences

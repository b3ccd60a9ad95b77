"""The letterhead and signer of a unit's documents, from the table by kind of unit.

`letterhead_of(unit)` picks the most specific `LetterheadRule` for the unit (its kind, then
the words its name begins with and its level) and fills the rule's placeholders from the unit
and the territory it belongs to:

    Phòng Lao động - Thương binh và Xã hội huyện  ->  UBND huyện Vị Xuyên
                                                       Phòng Lao động - Thương binh và Xã hội
    Hội Liên hiệp Phụ nữ huyện                     ->  Hội LHPN tỉnh Hà Giang
                                                       Hội LHPN huyện Vị Xuyên

Texts keep their case; the document engine prints the header in capitals.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from binhdang.formats.text import fold

from .models import COMMUNE_LEVEL_KINDS, Kind, LetterheadRule, OrgUnit

DATA_FILE = Path(__file__).resolve().parent / "data" / "letterheads.json"

PLACEHOLDERS = (
    "name",
    "stem",
    "locality",
    "locality_name",
    "division",
    "parent_locality",
    "parent_locality_name",
    "committee",
)
TEMPLATE_FIELDS = ("higher_body", "issuing_body", "signing_authority", "signer_title")


@dataclass(frozen=True)
class Letterhead:
    """What a unit prints top left (``higher_body`` over ``issuing_body``), top right
    (``national_title`` over ``motto``), and in its signature block. ``name`` is the unit's
    full name for sentences ("... của Phòng Lao động - Thương binh và Xã hội huyện Vị
    Xuyên")."""

    higher_body: str
    issuing_body: str
    name: str
    national_title: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    issuer_mark: str = ""
    signing_authority: list[str] = field(default_factory=list)
    signer_title: str = ""
    rule: str = ""


def shipped_rows() -> list[dict]:
    """The rows of the shipped table, one per kind (a row naming several kinds is repeated)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    rows = []
    for row in data["rows"]:
        values = {k: v for k, v in row.items() if k != "kinds"}
        for kind in row["kinds"]:
            rows.append({"kind": kind, **values})
    return rows


def template_problems(rule) -> None:
    """ValidationError naming each field that uses a placeholder the table does not know or
    an unbalanced brace."""
    errors = {}
    for name in TEMPLATE_FIELDS:
        text = getattr(rule, name) or ""
        try:
            used = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError:
            errors[name] = _("A brace { or } is not closed.")
            continue
        unknown = [f for f in used if f not in PLACEHOLDERS]
        if unknown:
            errors[name] = _("Unknown placeholder %(name)s; use one of: %(known)s.") % {
                "name": "{" + unknown[0] + "}",
                "known": ", ".join("{" + p + "}" for p in PLACEHOLDERS),
            }
    if errors:
        raise ValidationError(errors)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _territory(unit: OrgUnit) -> OrgUnit:
    return unit.nearest_people_committee()


def _level(territory: OrgUnit) -> str:
    if territory.kind == Kind.PROVINCE:
        return "province"
    if territory.kind == Kind.DISTRICT:
        return "district"
    if territory.kind in COMMUNE_LEVEL_KINDS:
        return "commune"
    return ""


def _division(territory: OrgUnit) -> str:
    if territory.division_type:
        return territory.division_type.lower()
    short = territory.short_name
    if short and territory.name.endswith(short):
        return territory.name[: -len(short)].strip().lower()
    return territory.name.split(" ", 1)[0].lower()


def _short(territory: OrgUnit) -> str:
    if territory.short_name:
        return territory.short_name
    division = _division(territory)
    if fold(territory.name).startswith(fold(division) + " "):
        return territory.name[len(division) :].strip()
    return territory.name


def _strip_locality(name: str, division: str, short: str) -> str:
    """ "Phòng Nội vụ huyện" -> "Phòng Nội vụ"; "Ban Tuyên giáo Huyện ủy" -> "Ban Tuyên giáo";
    "Sở Y tế tỉnh Hà Giang" -> "Sở Y tế"."""
    folded = fold(name)
    for tail in (
        f"{division} uy {short}",
        f"{division} uy",
        f"{division} {short}",
        short,
        division,
    ):
        tail = fold(tail)
        if tail and folded.endswith(" " + tail):
            return name[: len(name) - len(tail) - 1].rstrip(" ,-")
    return name


def _full_name(unit: OrgUnit, territory: OrgUnit, division: str, short: str) -> str:
    """The unit's name with its locality: "Hội Liên hiệp Phụ nữ huyện" -> "Hội Liên hiệp Phụ
    nữ huyện Vị Xuyên"; a name that already has it stays as it is."""
    if unit.is_territorial:
        return f"Ủy ban nhân dân {_lower_first(unit.name)}"
    folded, short_folded = fold(unit.name), fold(short)
    if short_folded and short_folded in folded:
        return unit.name
    if folded.endswith(" " + fold(division)) or folded.endswith(" " + fold(division) + " uy"):
        return f"{unit.name} {short}"
    return f"{unit.name} {_lower_first(territory.name)}"


def placeholders(unit: OrgUnit) -> dict[str, str]:
    territory = _territory(unit)
    division, short = _division(territory), _short(territory)
    above = territory.parent
    stem = unit.name if unit.is_territorial else _strip_locality(unit.name, division, short)
    return {
        "name": _full_name(unit, territory, division, short),
        "stem": stem,
        "locality": _lower_first(territory.name),
        "locality_name": short,
        "division": division,
        "parent_locality": _lower_first(above.name) if above else "",
        "parent_locality_name": _short(above) if above else "",
        "committee": f"UBND {_lower_first(territory.name)}",
    }


def rule_for(unit: OrgUnit, rules=None):
    """The most specific rule for `unit`: its kind, narrowed by name and level; None when the
    table has no row for the kind."""
    rules = rules if rules is not None else list(LetterheadRule.objects.filter(kind=unit.kind))
    level = _level(_territory(unit))
    name = fold(unit.name)
    best, best_score = None, -1
    for rule in rules:
        if rule.kind != unit.kind:
            continue
        if rule.name_starts and not (name + " ").startswith(fold(rule.name_starts) + " "):
            continue
        if rule.level and rule.level != level:
            continue
        score = (2 if rule.name_starts else 0) + (1 if rule.level else 0)
        if score > best_score:
            best, best_score = rule, score
    return best


def _fill(text: str, values: dict[str, str]) -> str:
    try:
        return re.sub(r" {2,}", " ", text.format_map(values)).strip()
    except (KeyError, ValueError, IndexError):
        return text


def letterhead_of(unit: OrgUnit) -> Letterhead:
    """The letterhead and signer of `unit`'s documents, from the table by kind of unit."""
    values = placeholders(unit)
    rule = rule_for(unit)
    if rule is None:
        parent = "" if unit.is_territorial else values["committee"]
        return Letterhead(
            higher_body=parent,
            issuing_body=values["name"] if unit.is_territorial else values["stem"],
            name=values["name"],
            signer_title="THỦ TRƯỞNG ĐƠN VỊ",
        )
    authority = [
        _fill(line.strip(), values).upper()
        for line in rule.signing_authority.splitlines()
        if line.strip()
    ]
    return Letterhead(
        higher_body=_fill(rule.higher_body, values),
        issuing_body=_fill(rule.issuing_body, values),
        name=values["name"],
        national_title=rule.national_title.strip(),
        motto=rule.motto.strip(),
        issuer_mark=rule.issuer_mark.strip(),
        signing_authority=authority,
        signer_title=_fill(rule.signer_title, values).upper(),
        rule=rule.label,
    )

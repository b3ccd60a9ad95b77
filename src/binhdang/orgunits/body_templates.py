"""Templates of the bodies a territorial unit sets up (departments, police, mass organisations,
the Committee for the Advancement of Women, the commune's Phòng Văn hóa - Xã hội ...).

A template is a JSON file: shipped ones live in `orgunits/data/bodies/<name>.json` (one per kind
of unit and level, e.g. `province-2025`, `commune-2025`), and a province may pass the path of its
own edited copy. Its form:

    {"name": "commune-2025", "description": "...", "source": "...",
     "applies_to": ["commune", "ward", "special_zone"],
     "bodies": [{"key": "vhxh", "name": "Phòng Văn hóa - Xã hội {locality}",
                 "short_name": "Phòng VH-XH", "kind": "department", "standing_office": true}, ...]}

`key` names the body within its unit (letters, digits, "-" and "_"; unique in the template): the
body made under a unit keeps it in its external identifier, so applying a template twice creates
nothing new. Names may hold {locality} ("xã Phú Linh"), {locality_name} ("Phú Linh") and
{division} ("xã"). `kind` is a kind of body (never a territorial kind); `applies_to` lists the
kinds of territorial unit the template is for. A template with any problem is refused whole.
"""

import json
import re
import string
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .models import TERRITORIAL_KINDS, Kind, OrgUnit

SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "bodies"
PLACEHOLDERS = ("locality", "locality_name", "division")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,23}$")


class BodyTemplateError(Exception):
    """A template that cannot be read or used; the message says why, in the user's language."""


@dataclass(frozen=True)
class BodySpec:
    key: str
    name: str
    short_name: str
    kind: str
    standing_office: bool = False


@dataclass(frozen=True)
class BodyTemplate:
    name: str
    description: str
    source: str
    applies_to: tuple[str, ...]
    bodies: tuple[BodySpec, ...]

    @property
    def standing_office_key(self) -> str | None:
        return next((b.key for b in self.bodies if b.standing_office), None)


def shipped_templates() -> list[str]:
    return sorted(p.stem for p in SHIPPED_DIR.glob("*.json"))


def _placeholder_problem(text: str) -> str | None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        return _("unbalanced braces")
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        return _("unknown placeholder {%(name)s} (allowed: %(allowed)s)") % {
            "name": unknown[0],
            "allowed": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
        }
    return None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_template(data, label: str) -> BodyTemplate:
    """Check a decoded template and return it; raise BodyTemplateError naming the first problem."""

    def refuse(message: str):
        raise BodyTemplateError(
            _("Template %(template)s: %(problem)s") % {"template": label, "problem": message}
        )

    if not isinstance(data, dict):
        refuse(_("the file must hold one JSON object"))
    territorial = {str(k) for k in TERRITORIAL_KINDS}
    applies_to = data.get("applies_to")
    if (
        not isinstance(applies_to, list)
        or not applies_to
        or any(a not in territorial for a in applies_to)
    ):
        refuse(
            _('"applies_to" must list kinds of territorial unit among: %(kinds)s')
            % {"kinds": ", ".join(sorted(territorial))}
        )
    bodies = data.get("bodies")
    if not isinstance(bodies, list) or not bodies:
        refuse(_('"bodies" must be a non-empty list'))
    body_kinds = {str(k) for k in Kind} - territorial
    specs, seen = [], set()
    for position, body in enumerate(bodies, start=1):
        where = _("body no. %(n)s") % {"n": position}
        if not isinstance(body, dict):
            refuse(_("%(where)s is not an object") % {"where": where})
        key, name, kind = _text(body.get("key")), _text(body.get("name")), body.get("kind")
        if not _KEY.match(key):
            refuse(
                _('%(where)s: "key" must be 1-24 lower-case letters, digits, "-" or "_"')
                % {"where": where}
            )
        if key in seen:
            refuse(_('%(where)s: the key "%(key)s" is used twice') % {"where": where, "key": key})
        seen.add(key)
        if not name:
            refuse(_('%(where)s: "name" is missing') % {"where": where})
        if kind not in body_kinds:
            refuse(
                _('%(where)s: "kind" must be one of: %(kinds)s')
                % {"where": where, "kinds": ", ".join(sorted(body_kinds))}
            )
        short = _text(body.get("short_name"))
        for text in (name, short):
            problem = _placeholder_problem(text)
            if problem:
                refuse(f"{where}: {problem}")
        if len(name) > 200 or len(short) > 100:
            refuse(_("%(where)s: the name is too long") % {"where": where})
        specs.append(BodySpec(key, name, short, kind, bool(body.get("standing_office"))))
    if sum(s.standing_office for s in specs) > 1:
        refuse(_("only one body may be marked as the standing office"))
    return BodyTemplate(
        name=_text(data.get("name")) or label,
        description=_text(data.get("description")),
        source=_text(data.get("source")),
        applies_to=tuple(applies_to),
        bodies=tuple(specs),
    )


def load_template(name_or_path: str) -> BodyTemplate:
    """A shipped template by name ("commune-2025") or a template file by path."""
    path = SHIPPED_DIR / f"{name_or_path}.json"
    if "/" in name_or_path or name_or_path.endswith(".json") or not path.exists():
        path = Path(name_or_path)
    if not path.is_file():
        raise BodyTemplateError(
            _(
                'No template "%(name)s": give a shipped template (%(shipped)s) or the path of a '
                "JSON file."
            )  # fmt: skip
            % {"name": name_or_path, "shipped": ", ".join(shipped_templates())}
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BodyTemplateError(
            _("Template %(template)s is not valid JSON (%(detail)s).")
            % {"template": path.name, "detail": exc}
        ) from exc
    return parse_template(data, path.name)


def _division(unit: OrgUnit) -> str:
    if unit.division_type:
        return unit.division_type.lower()
    return unit.name.split(" ", 1)[0].lower()


def placeholders(unit: OrgUnit) -> dict[str, str]:
    division = _division(unit)
    short = unit.short_name or unit.name
    return {
        "locality": f"{division} {short}",
        "locality_name": short,
        "division": division,
    }


def body_external_id(unit: OrgUnit, key: str) -> str:
    """The stable key of a body made from a template under `unit`."""
    return f"body:{unit.external_id or f'id:{unit.pk}'}:{key}"[:64]

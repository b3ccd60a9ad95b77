"""Where a closed unit's people and work go after a boundary change: its successors.

A territorial unit closed on 30/6/2025 names its successors (`OrgUnit.successors`, from the
`vietnam-provinces` mapping). A body of a closed unit (its People's Committee, a department,
the commune police) goes to the body of the same kind and name at each successor, when the
successor has one, else to the successor itself (`successor_candidates`).
"""

import re
from datetime import date

from binhdang.formats.dates import format_date
from binhdang.formats.text import fold

from .models import OrgUnit

# Words naming the level of a locality, dropped from the end of a body's name to compare
# "Công an xã Kim Linh" with "Công an xã Phú Linh".
LEVEL_WORDS = {"tinh", "huyen", "xa", "phuong", "thi", "tran", "thanh", "pho", "quan", "dac", "khu"}


def name_stem(unit: OrgUnit) -> str:
    """A body's name without its locality: "Công an xã Phú Linh" -> "cong an"."""
    text = fold(unit.name)
    territory = unit.nearest_people_committee() if not unit.is_territorial else None
    if territory is not None and territory.pk != unit.pk:
        for locality in (fold(territory.name), fold(territory.short_name)):
            if locality:
                text = text.replace(locality, " ")
    words = re.findall(r"\w+", text)
    while words and words[-1] in LEVEL_WORDS:
        words.pop()
    return " ".join(words)


def successor_candidates(unit: OrgUnit, on: date | None = None) -> list[OrgUnit]:
    """The units that take over from `unit`, in name order; several when the unit was split,
    for an administrator to choose among. The unit's own successors when it names some (a
    commune; a body an administrator linked to the one that took over its work); else, for a
    body, the body of the same kind and name at each successor of its territorial unit, or
    that successor itself; else none (a district's bodies: districts were abolished without
    successors, and their people are placed by hand)."""
    own = list(unit.successors.active(on).order_by("name"))
    if own or unit.is_territorial:
        return own
    territory = unit.nearest_people_committee()
    stem = name_stem(unit)
    out = []
    for successor in territory.successors.active(on).order_by("name"):
        match = next(
            (
                body
                for body in successor.children.active(on).filter(kind=unit.kind)
                if name_stem(body) == stem
            ),
            None,
        )
        out.append(match or successor)
    return list(dict.fromkeys(out))


def chosen_successors(unit: OrgUnit, to_units=None) -> tuple[list[OrgUnit], str | None]:
    """The successors work addressed to `unit` goes to: those among `successor_candidates`
    the office chose (`to_units`; None: all of them), or why not, in the user's language."""
    from django.utils.translation import gettext as _

    successors = successor_candidates(unit)
    if to_units is not None:
        chosen = {u.pk for u in to_units}
        if not chosen or not chosen <= {u.pk for u in successors}:
            return [], _("Choose among the units that took over from %(unit)s.") % {"unit": unit}
        successors = [u for u in successors if u.pk in chosen]
    if not successors:
        return [], _("No unit is known to have taken over from %(unit)s.") % {"unit": unit}
    return successors, None


def closed_among(units, on: date | None = None) -> list[OrgUnit]:
    """The units of `units` that may no longer be chosen on `on` (`OrgUnit.objects.current`)."""
    ids = [u.pk for u in units if u is not None]
    if not ids:
        return []
    current = set(OrgUnit.objects.current(on).filter(pk__in=ids).values_list("pk", flat=True))
    return [u for u in units if u is not None and u.pk not in current]


def closed_refusal(units, on: date | None = None) -> str | None:
    """Why `units` may not be chosen for new work on `on`, in the user's language; None when
    every one of them may."""
    from django.utils.translation import gettext as _

    closed = closed_among(list(units), on)
    if not closed:
        return None
    return _(
        "These units no longer exist on %(date)s and cannot be chosen: %(units)s. Choose the "
        "units that took over from them."
    ) % {
        "date": format_date(on or _today()),
        "units": ", ".join(u.name for u in closed),
    }


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()

"""Where a closed unit's people and work go after a boundary change: its successors.

A territorial unit closed on 30/6/2025 names its successors (`OrgUnit.successors`, from the
`vietnam-provinces` mapping). A body of a closed unit (its People's Committee, a department,
the commune police) goes to the body of the same kind and name at each successor, when the
successor has one, else to the successor itself. A unit without successors of its own (a
district, abolished) passes on those of the nearest unit above it that has some.
"""

import re
from datetime import date

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


def closed_territory_with_successors(unit: OrgUnit, on: date | None = None):
    """The territorial unit whose successors `unit` passes to, and those successors (valid on
    `on`): the unit's own territory first, then the units above it. (None, []) when nothing
    above it has a successor."""
    territory = unit if unit.is_territorial else unit.nearest_people_committee()
    for candidate in reversed(list(territory.ancestors())):
        successors = list(candidate.successors.current(on).order_by("name"))
        if successors:
            return candidate, successors
    return None, []


def successor_candidates(unit: OrgUnit, on: date | None = None) -> list[OrgUnit]:
    """The units that take over from `unit` (see the module's rule), in name order; several
    when the unit was split, for an administrator to choose among."""
    territory, successors = closed_territory_with_successors(unit, on)
    if territory is None:
        return []
    if unit.pk == territory.pk:
        return successors
    stem = name_stem(unit)
    out = []
    for successor in successors:
        match = next(
            (
                body
                for body in successor.children.current(on).filter(kind=unit.kind)
                if name_stem(body) == stem
            ),
            None,
        )
        out.append(match or successor)
    return list(dict.fromkeys(out))


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
        "date": (on or _today()).strftime("%d/%m/%Y"),
        "units": ", ".join(u.name for u in closed),
    }


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()

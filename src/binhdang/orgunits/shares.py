"""Who took over what when units changed: the share of a former unit's figures each of its
successors takes (the rule of `SuccessionShare`), computed in the database from the successor
links and the shares an administrator entered.

- a former unit with one successor hands it everything (whole);
- a split unit: the whole value to the main successor when one is marked, else weight / sum of
  the weights entered for the former unit, else equal shares; every such share is an estimate.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext_lazy as _

from .models import OrgUnit, SuccessionShare

LINKS = OrgUnit.successors.through._meta.db_table
SHARES = SuccessionShare._meta.db_table
QUANTUM = Decimal("0.0001")

BASIS_LABELS = {
    "main": _("the whole value to the main successor"),
    "weight": _("by the weights entered"),
    "equal": _("equal shares, no weights entered yet"),
}

# One row per (former unit, successor) for the successors given as `{ids}` (twice in the
# parameters): the share of the former unit's values the successor takes, and whether that
# share is an estimate (a split).
_SHARES_TEMPLATE = (
    "SELECT l.from_orgunit_id AS legacy_id, l.to_orgunit_id AS successor_id, "  # noqa: S608 - table names from models; values are parameters
    "CASE WHEN k.n = 1 THEN 1.0 "
    "WHEN k.main_id IS NOT NULL THEN (CASE WHEN k.main_id = l.to_orgunit_id THEN 1.0 ELSE 0.0 END) "
    "WHEN k.total_weight > 0 THEN COALESCE(w.weight, 0) * 1.0 / k.total_weight "
    "ELSE 1.0 / k.n END AS share, "
    "CASE WHEN k.n > 1 THEN 1 ELSE 0 END AS estimated, "
    "k.n AS successors, "
    "CASE WHEN k.n = 1 THEN '' WHEN k.main_id IS NOT NULL THEN 'main' "
    "WHEN k.total_weight > 0 THEN 'weight' ELSE 'equal' END AS basis "
    f"FROM {LINKS} l "
    "JOIN (SELECT t.from_orgunit_id AS legacy_id, COUNT(*) AS n, "
    "MAX(CASE WHEN ss.is_main THEN ss.successor_id END) AS main_id, "
    "SUM(ss.weight) AS total_weight "
    f"FROM {LINKS} t LEFT JOIN {SHARES} ss "
    "ON ss.predecessor_id = t.from_orgunit_id AND ss.successor_id = t.to_orgunit_id "
    f"WHERE t.from_orgunit_id IN (SELECT from_orgunit_id FROM {LINKS} WHERE to_orgunit_id IN ({{ids}})) "
    "GROUP BY t.from_orgunit_id) k ON k.legacy_id = l.from_orgunit_id "
    f"LEFT JOIN {SHARES} w "
    "ON w.predecessor_id = l.from_orgunit_id AND w.successor_id = l.to_orgunit_id "
    "WHERE l.to_orgunit_id IN ({ids})"
)


def shares_sql(count: int) -> str:
    """The shares query for `count` successors; its parameters are their ids, twice."""
    return _SHARES_TEMPLATE.replace("{ids}", ", ".join(["%s"] * count))


SHARES_SQL = shares_sql(1)


@dataclass(frozen=True)
class FormerUnit:
    """A unit the successor was formed from and the share of its values the successor takes."""

    unit: OrgUnit
    share: Decimal
    estimated: bool
    successors: int
    basis: str  # "" (whole), "main", "weight" or "equal"

    @property
    def basis_label(self) -> str:
        return str(BASIS_LABELS.get(self.basis, ""))

    @property
    def percent(self) -> Decimal:
        return (self.share * 100).quantize(Decimal("0.1"))


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(QUANTUM)


def former_units(unit: OrgUnit) -> list[FormerUnit]:
    """The units `unit` was formed from, with the share each hands on (one query for the
    shares, one for the units). Not scoped: the names of units are the public unit tree."""
    with connection.cursor() as cursor:
        cursor.execute(SHARES_SQL, [unit.pk, unit.pk])
        rows = cursor.fetchall()
    if not rows:
        return []
    units = OrgUnit.objects.in_bulk([r[0] for r in rows])
    out = [
        FormerUnit(units[pk], _decimal(share), bool(estimated), int(n), basis)
        for pk, _successor, share, estimated, n, basis in rows
        if pk in units
    ]
    return sorted(out, key=lambda f: (f.unit.code, f.unit.name))


def successor_shares(unit: OrgUnit) -> list[tuple[OrgUnit, FormerUnit]]:
    """The units formed from `unit`, each with the share of `unit`'s figures it takes."""
    out = []
    for successor in unit.successors.order_by("code", "name"):
        share = next((f for f in former_units(successor) if f.unit.pk == unit.pk), None)
        if share is not None:
            out.append((successor, share))
    return out

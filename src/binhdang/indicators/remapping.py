"""History across a boundary change: the values recorded at the units a unit was formed from
show at that unit, computed in the database from the succession links each time they are read
(no copy that could drift: a former unit's value corrected later changes its successors'
series at once).

The rule, in the words the pages show (`RULE_TEXT`):

- a year before the unit came into being (for the units of 1/7/2025: 2024 and earlier) takes
  the values of its former units, each with its whole subtree;
- a former unit with one successor (communes merged whole) hands it its whole value: the
  values of the former units are added;
- a former unit split among several successors hands each a share, and the figure is an
  estimate ("ước tính"): the whole value to the main successor when an administrator marked
  one, else weight / sum of the weights entered for the former unit (e.g. the population of
  each part), else equal shares;
- a rate re-maps its numerator and its denominator and is computed again from them, never
  from the former units' percentages; an indicator that does not add up (a yes/no) takes the
  former unit's value only when the unit was formed from that one unit whole.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext_lazy as _

from binhdang.orgunits.models import OrgUnit, SuccessionShare

from .models import DataValue

BOUNDARY = date(2025, 7, 1)
OU = OrgUnit._meta.db_table
DV = DataValue._meta.db_table
LINKS = OrgUnit.successors.through._meta.db_table
SHARES = SuccessionShare._meta.db_table
QUANTUM = Decimal("0.0001")

RULE_TEXT = _(
    "Figures of years before a unit came into being are taken from the units it was formed "
    "from: added up where units merged whole; where a former unit was split among several "
    "successors, each takes a share, and the figure is an estimate: the whole value to the "
    "main successor if an administrator designated one, otherwise the weights an "
    "administrator entered (for example the population of each part; each successor takes "
    "its weight divided by the sum of the weights), otherwise equal shares. A rate is computed "
    "again from its re-mapped numerator and denominator."
)

# One row per former unit of the successor given as the two parameters: its id, the share of
# its values the successor takes, and whether that share is an estimate (a split).
SHARES_SQL = (
    "SELECT l.from_orgunit_id AS legacy_id, "  # noqa: S608 - table names from models; values are parameters
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
    f"WHERE t.from_orgunit_id IN (SELECT from_orgunit_id FROM {LINKS} WHERE to_orgunit_id = %s) "
    "GROUP BY t.from_orgunit_id) k ON k.legacy_id = l.from_orgunit_id "
    f"LEFT JOIN {SHARES} w "
    "ON w.predecessor_id = l.from_orgunit_id AND w.successor_id = l.to_orgunit_id "
    "WHERE l.to_orgunit_id = %s"
)


@dataclass(frozen=True)
class FormerUnit:
    """A unit the successor was formed from and the share of its values the successor takes."""

    unit: OrgUnit
    share: Decimal
    estimated: bool
    successors: int
    basis: str  # "" (whole), "main", "weight" or "equal"

    @property
    def percent(self) -> Decimal:
        return (self.share * 100).quantize(Decimal("0.1"))


def cutoff_year(unit: OrgUnit) -> int:
    """Years before this one take the former units' values."""
    return (unit.valid_from or BOUNDARY).year


def boundary_date(unit: OrgUnit) -> date:
    return unit.valid_from or BOUNDARY


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
        for pk, share, estimated, n, basis in rows
        if pk in units
    ]
    return sorted(out, key=lambda f: (f.unit.code, f.unit.name))


def remapped_sums(
    unit: OrgUnit, element_ids: list[int], years: list[int] | None = None
) -> dict[tuple[int, str, int], tuple[Decimal | None, Decimal | None, bool]]:
    """(element, disaggregation, year) -> (re-mapped subtree sum, re-mapped own value, is an
    estimate) for the years before `unit` came into being, over its former units' subtrees,
    in one query with the shares computed in it. Empty for a unit formed from nothing."""
    if not element_ids:
        return {}
    formers = former_units(unit)
    if not formers:
        return {}
    # The own value of a non-adding indicator passes only from a sole former unit taken whole.
    sole = len(formers) == 1 and not formers[0].estimated
    year_sql, year_params = "", []
    if years is not None:
        years = list(years)
        if not years:
            return {}
        year_sql = f" AND dv.year IN ({', '.join(['%s'] * len(years))})"
        year_params = years
    ids = sorted(element_ids)
    sql = (
        "SELECT dv.element_id, dv.disaggregation, dv.year, "  # noqa: S608 - table names from models; values are parameters
        "SUM(dv.value * sh.share), "
        "SUM(CASE WHEN u.id = sh.legacy_id THEN dv.value END), "
        "MAX(sh.estimated) "
        f"FROM ({SHARES_SQL}) sh "
        f"JOIN {OU} l ON l.id = sh.legacy_id "
        f"JOIN {OU} u ON u.path LIKE l.path || '%%' "
        f"JOIN {DV} dv ON dv.org_unit_id = u.id "
        "WHERE sh.share > 0 AND dv.sub_period = '' AND dv.year < %s "
        f"AND dv.element_id IN ({', '.join(['%s'] * len(ids))}){year_sql} "
        "GROUP BY dv.element_id, dv.disaggregation, dv.year"
    )
    params = [unit.pk, unit.pk, cutoff_year(unit), *ids, *year_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        (element_id, option, year): (
            _decimal(total),
            _decimal(own) if sole else None,
            bool(estimated),
        )
        for element_id, option, year, total, own, estimated in rows
    }

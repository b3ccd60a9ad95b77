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

from datetime import date
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext_lazy as _

from binhdang.orgunits.models import OrgUnit
from binhdang.orgunits.shares import SHARES_SQL, FormerUnit, former_units, shares_sql

from .models import DataValue

BOUNDARY = date(2025, 7, 1)
OU = OrgUnit._meta.db_table
DV = DataValue._meta.db_table

__all__ = ["RULE_TEXT", "FormerUnit", "former_units", "remapped_sums"]

RULE_TEXT = _(
    "Figures of years before a unit came into being are taken from the units it was formed "
    "from: added up where units merged whole; where a former unit was split among several "
    "successors, each takes a share, and the figure is an estimate: the whole value to the "
    "main successor if an administrator designated one, otherwise the weights an "
    "administrator entered (for example the population of each part; each successor takes "
    "its weight divided by the sum of the weights), otherwise equal shares. A rate is computed "
    "again from its re-mapped numerator and denominator."
)


def cutoff_year(unit: OrgUnit) -> int:
    """Years before this one take the former units' values."""
    return (unit.valid_from or BOUNDARY).year


def boundary_date(unit: OrgUnit) -> date:
    return unit.valid_from or BOUNDARY


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.0001"))


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


def remapped_children(
    indicator, year: int, parent: OrgUnit, sub_period: str = ""
) -> dict[int, tuple[Decimal | None, Decimal | None, bool]]:
    """child id -> (re-mapped numerator, re-mapped denominator, is an estimate) for the
    children of `parent` that did not exist yet in `year`, from their former units' subtrees,
    in one query. A non-adding indicator is not re-mapped across several children at once."""
    if not indicator.aggregates:
        return {}
    children = [
        c
        for c in OrgUnit.objects.filter(parent=parent, predecessors__isnull=False).distinct()
        if year < cutoff_year(c)
    ]
    if not children:
        return {}
    ids = [c.pk for c in children]
    part = (
        "SUM(CASE WHEN dv.element_id = %s AND dv.disaggregation = %s THEN dv.value * sh.share END)"
    )
    params = [indicator.numerator_id, indicator.numerator_disaggregation]
    elements = [indicator.numerator_id]
    if indicator.kind == indicator.Kind.RATIO:
        den = part
        params += [indicator.denominator_id, indicator.denominator_disaggregation]
        elements.append(indicator.denominator_id)
    else:
        den = "NULL"
    sql = (
        f"SELECT sh.successor_id, {part}, {den}, MAX(sh.estimated) "  # noqa: S608 - table names from models; values are parameters
        f"FROM ({shares_sql(len(ids))}) sh "
        f"JOIN {OU} l ON l.id = sh.legacy_id "
        f"JOIN {OU} u ON u.path LIKE l.path || '%%' "
        f"JOIN {DV} dv ON dv.org_unit_id = u.id "
        "WHERE sh.share > 0 AND dv.year = %s AND dv.sub_period = %s "
        f"AND dv.element_id IN ({', '.join(['%s'] * len(elements))}) "
        "GROUP BY sh.successor_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids, *ids, year, sub_period, *elements])
        rows = cursor.fetchall()
    return {
        child: (_decimal(num), _decimal(den_value), bool(estimated))
        for child, num, den_value, estimated in rows
    }

"""Roll-ups in the database: a unit's figure is the sum over its subtree (materialised-path
prefix), a ratio is sum(numerators) / sum(denominators) x factor, never a mean of percentages.

These functions are not scoped: callers (selectors) decide which units a user may see, then
ask for their figures. No cache, so a figure can never be stale.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import connection

from binhdang.orgunits.models import OrgUnit

from .models import DataValue, Indicator
from .remapping import remapped_children, remapped_sums

DV = DataValue._meta.db_table
OU = OrgUnit._meta.db_table


@dataclass(frozen=True)
class Figure:
    """An indicator's figure at a unit: the parts and the computed value (None = no data)."""

    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    # Taken from the units this unit was formed from (see remapping), and an estimate when a
    # split unit's share entered it.
    remapped: bool = False
    estimated: bool = False


def compute(indicator: Indicator, numerator, denominator) -> Figure:
    num = None if numerator is None else Decimal(numerator)
    den = None if denominator is None else Decimal(denominator)
    if indicator.kind == Indicator.Kind.DIRECT:
        return Figure(num, None, num)
    if num is None or den is None or den == 0:
        return Figure(num, den, None)
    return Figure(num, den, (num / den * Decimal(indicator.factor)).quantize(Decimal("0.0001")))


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    return a if b is None else a + b


def _parts(indicator: Indicator) -> tuple[list, str]:
    """Parameters and SQL for the numerator/denominator conditional sums."""
    num = "SUM(CASE WHEN dv.element_id = %s AND dv.disaggregation = %s THEN dv.value END)"
    if indicator.kind == Indicator.Kind.RATIO:
        den = "SUM(CASE WHEN dv.element_id = %s AND dv.disaggregation = %s THEN dv.value END)"
        params = [
            indicator.numerator_id,
            indicator.numerator_disaggregation,
            indicator.denominator_id,
            indicator.denominator_disaggregation,
        ]
    else:
        den = "NULL"
        params = [indicator.numerator_id, indicator.numerator_disaggregation]
    return params, f"{num} AS num, {den} AS den"


def _element_filter(indicator: Indicator) -> tuple[str, list]:
    ids = [indicator.numerator_id]
    if (
        indicator.kind == Indicator.Kind.RATIO
        and indicator.denominator_id != indicator.numerator_id
    ):
        ids.append(indicator.denominator_id)
    return f"dv.element_id IN ({', '.join(['%s'] * len(ids))})", ids


def rollup(
    indicator: Indicator,
    year: int,
    *,
    parent: OrgUnit | None = None,
    sub_period: str = "",
) -> dict[int, Figure]:
    """The figure of each child of `parent` (of each root unit when None) for `year`, each child
    summing its whole subtree, in one GROUP BY query. Children without values are absent.

    A non-aggregating indicator gives each child's own value only.
    """
    select_params, select_sql = _parts(indicator)
    element_sql, element_params = _element_filter(indicator)
    if not indicator.aggregates:
        parent_sql = "u.parent_id = %s" if parent else "u.parent_id IS NULL"
        sql = (
            f"SELECT u.id, {select_sql} FROM {DV} dv JOIN {OU} u ON u.id = dv.org_unit_id "  # noqa: S608 - table names from models; values are parameters
            f"WHERE {parent_sql} AND dv.year = %s AND dv.sub_period = %s AND {element_sql} "
            "GROUP BY u.id"
        )
        params = [*select_params, *([parent.pk] if parent else []), year, sub_period]
        params += element_params
    elif connection.vendor == "postgresql":
        # The child's id is the path component right after the parent's own: one pass over the
        # matching values, grouped by that component (no per-child prefix join).
        position = (parent.level + 3) if parent else 2
        where_parent = "u.path LIKE %s AND u.id <> %s AND " if parent else ""
        sql = (
            f"SELECT split_part(u.path, '/', %s)::int AS child, {select_sql} "  # noqa: S608 - table names from models; values are parameters
            f"FROM {DV} dv JOIN {OU} u ON u.id = dv.org_unit_id "
            f"WHERE {where_parent}dv.year = %s AND dv.sub_period = %s AND {element_sql} "
            "GROUP BY 1"
        )
        params = [position, *select_params]
        if parent:
            params += [parent.path + "%", parent.pk]
        params += [year, sub_period, *element_params]
    else:
        parent_sql = "c.parent_id = %s" if parent else "c.parent_id IS NULL"
        sql = (
            f"SELECT c.id, {select_sql} FROM {OU} c "  # noqa: S608 - table names from models; values are parameters
            f"JOIN {OU} u ON u.path LIKE c.path || '%%' "
            f"JOIN {DV} dv ON dv.org_unit_id = u.id "
            f"WHERE {parent_sql} AND dv.year = %s AND dv.sub_period = %s AND {element_sql} "
            "GROUP BY c.id"
        )
        params = [*select_params, *([parent.pk] if parent else []), year, sub_period]
        params += element_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    figures = {
        int(unit_id): compute(indicator, num, den)
        for unit_id, num, den in rows
        if unit_id is not None
    }
    if parent is not None:
        # Children that did not exist yet in `year` show what their former units recorded.
        for child, (num, den, estimated) in remapped_children(
            indicator, year, parent, sub_period
        ).items():
            own = figures.get(child)
            figure = compute(
                indicator,
                _add(own.numerator if own else None, num),
                _add(own.denominator if own else None, den),
            )
            figures[child] = replace(figure, remapped=True, estimated=estimated)
    return figures


def unit_series(
    indicators: Sequence[Indicator], unit: OrgUnit, years: Iterable[int] | None = None
) -> dict[int, dict[int, Figure]]:
    """indicator id -> year -> Figure at `unit` (subtree sums, or the unit's own values for a
    non-aggregating indicator), for every indicator in one query."""
    element_ids = set()
    for ind in indicators:
        element_ids.add(ind.numerator_id)
        if ind.denominator_id:
            element_ids.add(ind.denominator_id)
    if not element_ids:
        return {}
    year_sql, year_params = "", []
    if years is not None:
        years = list(years)
        year_sql = f" AND dv.year IN ({', '.join(['%s'] * len(years))})"
        year_params = years
    ids = sorted(element_ids)
    sql = (
        "SELECT dv.element_id, dv.disaggregation, dv.year, SUM(dv.value), "  # noqa: S608 - table names from models; values are parameters
        "SUM(CASE WHEN u.id = %s THEN dv.value END) "
        f"FROM {DV} dv JOIN {OU} u ON u.id = dv.org_unit_id "
        f"WHERE u.path LIKE %s AND dv.sub_period = '' "
        f"AND dv.element_id IN ({', '.join(['%s'] * len(ids))}){year_sql} "
        "GROUP BY dv.element_id, dv.disaggregation, dv.year"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [unit.pk, unit.path + "%", *ids, *year_params])
        rows = cursor.fetchall()
    sums: dict[tuple, dict[int, tuple]] = defaultdict(dict)
    for element_id, option, year, total, own in rows:
        sums[(element_id, option)][year] = (_dec(total), _dec(own))
    # Years before the unit existed add what its former units recorded (summed, or shared).
    remapped: dict[tuple, dict[int, bool]] = defaultdict(dict)
    for (element_id, option, year), (total, own, estimated) in remapped_sums(
        unit, ids, years
    ).items():
        before = sums[(element_id, option)].get(year, (None, None))
        sums[(element_id, option)][year] = (_add(before[0], total), _add(before[1], own))
        remapped[(element_id, option)][year] = estimated
    out: dict[int, dict[int, Figure]] = {}
    for ind in indicators:
        pick = 0 if ind.aggregates else 1
        num_years = sums.get((ind.numerator_id, ind.numerator_disaggregation), {})
        den_years = (
            sums.get((ind.denominator_id, ind.denominator_disaggregation), {})
            if ind.kind == Indicator.Kind.RATIO
            else {}
        )
        num_mapped = remapped.get((ind.numerator_id, ind.numerator_disaggregation), {})
        den_mapped = (
            remapped.get((ind.denominator_id, ind.denominator_disaggregation), {})
            if ind.kind == Indicator.Kind.RATIO
            else {}
        )
        per_year = {}
        for year in sorted(set(num_years) | set(den_years)):
            num = num_years.get(year, (None, None))[pick]
            den = den_years.get(year, (None, None))[pick]
            figure = compute(ind, num, den)
            if year in num_mapped or year in den_mapped:
                figure = replace(
                    figure,
                    remapped=True,
                    estimated=num_mapped.get(year, False) or den_mapped.get(year, False),
                )
            if figure.value is not None or figure.numerator is not None:
                per_year[year] = figure
        out[ind.pk] = per_year
    return out

"""Reads of budget lines, always given the user and scoped through accounts.scoping (out of
scope is a 404). Totals are summed in the database; a unit's total is over its whole subtree
(the materialised path), counting only the lines the user may see."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum, Value
from django.db.models.functions import Coalesce, StrIndex, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404

from binhdang.accounts.scoping import require_record, units_for, visible
from binhdang.orgunits.models import OrgUnit

from .models import BudgetEntry, Source, SpendingLine
from .permissions import BUDGET_EDIT, BUDGET_VIEW

MILLION = Decimal(1_000_000)


def millions(vnd: int | None) -> Decimal:
    """Đồng as triệu đồng with one decimal, as reports print them (1.104.400.000 -> 1104.4)."""
    return (Decimal(vnd or 0) / MILLION).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class EntryFilters:
    year: int | None = None
    unit: OrgUnit | None = None  # the unit and everything under it
    source: str = ""
    spending_line: SpendingLine | None = None


def visible_entries(user) -> QuerySet[BudgetEntry]:
    return visible(
        user,
        BUDGET_VIEW,
        BudgetEntry.objects.select_related("org_unit", "spending_line"),
    )


def search_entries(user, filters: EntryFilters) -> QuerySet[BudgetEntry]:
    qs = visible_entries(user)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.unit is not None:
        qs = qs.filter(org_unit__path__startswith=filters.unit.path)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.spending_line is not None:
        qs = qs.filter(spending_line=filters.spending_line)
    return qs


def totals(qs: QuerySet[BudgetEntry]) -> dict:
    return qs.aggregate(planned=Coalesce(Sum("planned"), 0), spent=Coalesce(Sum("spent"), 0))


def entry_for(user, pk: int) -> BudgetEntry:
    entry = get_object_or_404(
        BudgetEntry.objects.select_related("org_unit", "spending_line"), pk=pk
    )
    require_record(user, BUDGET_VIEW, entry)
    return entry


def editable_entry_for(user, pk: int) -> BudgetEntry:
    entry = entry_for(user, pk)
    require_record(user, BUDGET_EDIT, entry)
    return entry


def can_edit(user, entry: BudgetEntry | None = None) -> bool:
    units = units_for(user, BUDGET_EDIT)
    if entry is None:
        return units.exists()
    return units.filter(pk=entry.org_unit_id).exists()


def editable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, BUDGET_EDIT).order_by("path")


def viewable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, BUDGET_VIEW).order_by("path")


def viewable_unit(user, pk: int | None) -> OrgUnit:
    if pk is None:
        raise Http404
    unit = viewable_units(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def choice_units(user) -> QuerySet[OrgUnit]:
    """The units offered in the filters: those with budget lines the user may see, and the
    units above them within the user's scope (where their totals roll up)."""
    paths = visible_entries(user).order_by().values_list("org_unit__path", flat=True).distinct()
    ids = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    return viewable_units(user).filter(pk__in=ids)


def default_unit(user) -> OrgUnit | None:
    """The highest unit with budget lines the user may read (the top of their scope)."""
    return choice_units(user).order_by("level", "path").first()


def years(user) -> list[int]:
    found = set(visible_entries(user).order_by().values_list("year", flat=True).distinct())
    found.add(date.today().year)
    return sorted(found, reverse=True)


def active_lines() -> QuerySet[SpendingLine]:
    return SpendingLine.objects.filter(active=True)


def lines_for_choice(keep: SpendingLine | None = None) -> QuerySet[SpendingLine]:
    qs = SpendingLine.objects.filter(active=True)
    if keep is not None:
        qs = SpendingLine.objects.filter(pk__in=[*qs.values_list("pk", flat=True), keep.pk])
    return qs


# ---------------------------------------------------------------- roll-up


@dataclass
class Row:
    key: str
    label: str
    planned: int
    spent: int

    @property
    def planned_millions(self) -> Decimal:
        return millions(self.planned)

    @property
    def spent_millions(self) -> Decimal:
        return millions(self.spent)


@dataclass
class Rollup:
    unit: OrgUnit
    year: int
    by_source: list[Row] = field(default_factory=list)
    by_line: list[Row] = field(default_factory=list)
    by_child: list[Row] = field(default_factory=list)
    planned: int = 0
    spent: int = 0

    @property
    def planned_millions(self) -> Decimal:
        return millions(self.planned)

    @property
    def spent_millions(self) -> Decimal:
        return millions(self.spent)


def _child_segment(unit: OrgUnit):
    """For an entry under `unit`, the id (as text) of the child of `unit` it lies under: the
    segment of its unit's path after `unit.path` ("/1/64/" + "900/77/" -> "900")."""
    rest = Substr("org_unit__path", len(unit.path) + 1)
    return Substr(rest, 1, StrIndex(rest, Value("/")) - 1)


def rollup(user, unit: OrgUnit, year: int, *, only_units=None) -> Rollup:
    """The unit's budget for the year over its whole subtree: totals by source, by spending
    line and for each unit directly under it, each summed by the database over what the
    user may see (and, with `only_units`, over the lines of those units alone)."""
    entries = visible_entries(user).filter(year=year)
    if only_units is not None:
        entries = entries.filter(org_unit__in=only_units)
    subtree = entries.filter(org_unit__path__startswith=unit.path)
    result = Rollup(unit=unit, year=year)
    sources = dict(Source.choices)
    for row in subtree.order_by().values("source").annotate(p=Sum("planned"), s=Sum("spent")):
        result.by_source.append(
            Row(row["source"], str(sources.get(row["source"], row["source"])), row["p"], row["s"])
        )
    order = list(Source.values)
    result.by_source.sort(key=lambda r: order.index(r.key) if r.key in order else len(order))
    for row in (
        subtree.order_by()
        .values("spending_line__code", "spending_line__name", "spending_line__position")
        .annotate(p=Sum("planned"), s=Sum("spent"))
        .order_by("spending_line__position", "spending_line__code")
    ):
        result.by_line.append(
            Row(row["spending_line__code"], row["spending_line__name"], row["p"], row["s"])
        )
    # Each child's subtree total in one grouped query over the unit's subtree.
    below = (
        subtree.exclude(org_unit=unit)
        .annotate(child=_child_segment(unit))
        .order_by()
        .values("child")
        .annotate(p=Sum("planned"), s=Sum("spent"))
    )
    sums = {int(r["child"]): (r["p"], r["s"]) for r in below}
    own = totals(subtree.filter(org_unit=unit))
    if own["planned"] or own["spent"]:
        result.by_child.append(Row(str(unit.pk), unit.name, own["planned"], own["spent"]))
    for child in OrgUnit.objects.filter(pk__in=sums).order_by("name"):
        planned, spent = sums[child.pk]
        result.by_child.append(Row(str(child.pk), child.name, planned, spent))
    all_totals = totals(subtree)
    result.planned, result.spent = all_totals["planned"], all_totals["spent"]
    return result


# ---------------------------------------------------------------- figure


def spent_millions_by_unit(unit_ids, start: date | None, end: date | None) -> dict[int, Decimal]:
    """For each given unit, what its own lines spent in the years of [start, end], in triệu
    đồng (four decimals, as the round's number fields keep them). One aggregate query."""
    qs = BudgetEntry.objects.filter(org_unit_id__in=list(unit_ids))
    if start is not None:
        qs = qs.filter(year__gte=start.year)
    if end is not None:
        qs = qs.filter(year__lte=end.year)
    out = {}
    for row in qs.order_by().values("org_unit").annotate(total=Sum("spent")):
        out[row["org_unit"]] = (Decimal(row["total"] or 0) / MILLION).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
    return out


def cross_table(user, unit: OrgUnit, year: int, *, only_units=None) -> dict[tuple[str, str], int]:
    """(spending line code, source) -> spent, over the unit's subtree: the annex's cells."""
    entries = visible_entries(user)
    if only_units is not None:
        entries = entries.filter(org_unit__in=only_units)
    rows = (
        entries.filter(year=year, org_unit__path__startswith=unit.path)
        .order_by()
        .values("spending_line__code", "source")
        .annotate(s=Sum("spent"))
    )
    return {(r["spending_line__code"], r["source"]): r["s"] for r in rows}

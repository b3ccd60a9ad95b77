"""Reads of drafted documents, always given the user and scoped through accounts.scoping (out
of scope is a 404). Counts are made by the database over a unit's subtree."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from binhdang.accounts.scoping import require_record, units_for, visible
from binhdang.orgunits.models import OrgUnit

from .models import DocumentKind, DraftedDocument
from .permissions import MAINSTREAMING_EDIT, MAINSTREAMING_VIEW


@dataclass
class DocumentFilters:
    year: int | None = None
    unit: OrgUnit | None = None  # the unit and everything under it
    kind: str = ""
    assessed: bool | None = None
    text: str = ""


def visible_documents(user) -> QuerySet[DraftedDocument]:
    return visible(user, MAINSTREAMING_VIEW, DraftedDocument.objects.select_related("org_unit"))


def search_documents(user, filters: DocumentFilters) -> QuerySet[DraftedDocument]:
    qs = visible_documents(user)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.unit is not None:
        qs = qs.filter(org_unit__path__startswith=filters.unit.path)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.assessed is not None:
        qs = qs.filter(gender_assessed=filters.assessed)
    for word in filters.text.split():
        qs = qs.filter(Q(title__icontains=word) | Q(number_symbol__icontains=word))
    return qs


def document_for(user, pk: int) -> DraftedDocument:
    document = get_object_or_404(DraftedDocument.objects.select_related("org_unit"), pk=pk)
    require_record(user, MAINSTREAMING_VIEW, document)
    return document


def editable_document_for(user, pk: int) -> DraftedDocument:
    document = document_for(user, pk)
    require_record(user, MAINSTREAMING_EDIT, document)
    return document


def can_edit(user, document: DraftedDocument | None = None) -> bool:
    units = units_for(user, MAINSTREAMING_EDIT)
    if document is None:
        return units.exists()
    return units.filter(pk=document.org_unit_id).exists()


def editable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, MAINSTREAMING_EDIT).order_by("path")


def viewable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, MAINSTREAMING_VIEW).order_by("path")


def viewable_unit(user, pk: int | None) -> OrgUnit:
    unit = viewable_units(user).filter(pk=pk).first() if pk else None
    if unit is None:
        raise Http404
    return unit


def choice_units(user) -> QuerySet[OrgUnit]:
    """Units with documents the user may see, and the units above them within the scope."""
    paths = visible_documents(user).order_by().values_list("org_unit__path", flat=True).distinct()
    ids = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    return viewable_units(user).filter(pk__in=ids)


def default_unit(user) -> OrgUnit | None:
    return choice_units(user).order_by("level", "path").first()


def years(user) -> list[int]:
    found = set(visible_documents(user).order_by().values_list("year", flat=True).distinct())
    found.add(date.today().year)
    return sorted(found, reverse=True)


@dataclass
class KindCount:
    kind: str
    label: str
    total: int
    assessed: int
    with_report: int
    appraised: int
    adopted: int


@dataclass
class Counts:
    unit: OrgUnit
    year: int
    rows: list[KindCount] = field(default_factory=list)

    def _sum(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.rows)

    @property
    def total(self) -> int:
        return self._sum("total")

    @property
    def assessed(self) -> int:
        return self._sum("assessed")

    @property
    def with_report(self) -> int:
        return self._sum("with_report")

    @property
    def appraised(self) -> int:
        return self._sum("appraised")

    @property
    def adopted(self) -> int:
        return self._sum("adopted")


def counts(user, unit: OrgUnit, year: int) -> Counts:
    """The documents of the unit's subtree drafted in the year, counted by kind in one query:
    in all, with gender mainstreamed, with an assessment report, appraised, adopted."""
    rows = (
        visible_documents(user)
        .filter(year=year, org_unit__path__startswith=unit.path)
        .order_by()
        .values("kind")
        .annotate(
            total=Count("pk"),
            assessed=Count("pk", filter=Q(gender_assessed=True)),
            with_report=Count("pk", filter=Q(assessment_report=True)),
            appraised=Count("pk", filter=Q(justice_appraisal=True)),
            adopted=Count("pk", filter=Q(outcome="adopted")),
        )
    )
    labels = dict(DocumentKind.choices)
    found = {r["kind"]: r for r in rows}
    result = Counts(unit=unit, year=year)
    for kind in DocumentKind.values:
        if kind in found:
            r = found[kind]
            result.rows.append(
                KindCount(kind, str(labels[kind]), r["total"], r["assessed"],
                          r["with_report"], r["appraised"], r["adopted"])
            )  # fmt: skip
    return result


def assessed_by_unit(unit_ids, start: date | None, end: date | None) -> dict:
    """For each given unit, its own documents of the years of [start, end] in which gender
    equality was mainstreamed. One aggregate query."""
    from decimal import Decimal

    qs = DraftedDocument.objects.filter(org_unit_id__in=list(unit_ids), gender_assessed=True)
    if start is not None:
        qs = qs.filter(year__gte=start.year)
    if end is not None:
        qs = qs.filter(year__lte=end.year)
    return {
        r["org_unit"]: Decimal(r["n"])
        for r in qs.order_by().values("org_unit").annotate(n=Count("pk"))
    }

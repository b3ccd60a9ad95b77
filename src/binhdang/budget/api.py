"""/api/v1/budget/: budget lines and their totals, scoped exactly like the pages (out of scope
is 404). Amounts are whole đồng; totals also in triệu đồng."""

from decimal import Decimal

from django.http import Http404
from ninja import Path, Query, Router, Schema, Status

from binhdang.core.api import MAX_ID, UnitRef
from binhdang.formats.numbers import NumberError, parse_number

from . import selectors, services
from .models import MAX_AMOUNT, LinkKind, Source

router = Router(tags=["budget"])
PREFIX = "budget"


class LineOut(Schema):
    id: int
    code: str
    name: str


class EntryOut(Schema):
    id: int
    org_unit: UnitRef
    year: int
    source: Source
    spending_line: LineOut
    planned: int
    spent: int
    description: str
    link_kind: str
    link_id: int | None
    link_label: str


class EntryIn(Schema):
    org_unit_id: int
    year: int
    source: Source
    spending_line_code: str
    planned: int | str = 0
    spent: int | str = 0
    description: str = ""
    link_kind: LinkKind = LinkKind.NONE
    link_id: int | None = None
    link_label: str = ""


class RowOut(Schema):
    key: str
    label: str
    planned: int
    spent: int
    spent_millions: Decimal


class SummaryOut(Schema):
    unit: UnitRef
    year: int
    planned: int
    spent: int
    spent_millions: Decimal
    by_source: list[RowOut]
    by_line: list[RowOut]
    by_unit: list[RowOut]


class Error(Schema):
    detail: str


def _entry(e) -> dict:
    return {
        "id": e.pk,
        "org_unit": {"id": e.org_unit_id, "name": e.org_unit.name},
        "year": e.year,
        "source": e.source,
        "spending_line": {
            "id": e.spending_line_id,
            "code": e.spending_line.code,
            "name": e.spending_line.name,
        },
        "planned": e.planned,
        "spent": e.spent,
        "description": e.description,
        "link_kind": e.link_kind,
        "link_id": e.link_id,
        "link_label": e.link_label,
    }


def _row(r) -> dict:
    return {
        "key": r.key,
        "label": r.label,
        "planned": r.planned,
        "spent": r.spent,
        "spent_millions": r.spent_millions,
    }


@router.get("/lines", response=list[LineOut], summary="The spending lines in use")
def list_lines(request):
    if not selectors.viewable_units(request.user).exists():
        raise Http404
    return [{"id": x.pk, "code": x.code, "name": x.name} for x in selectors.active_lines()]


@router.get("/entries", response=list[EntryOut], summary="Budget lines the caller may see")
def list_entries(
    request,
    year: int | None = Query(None, ge=2000, le=2100),
    unit: int | None = Query(None, ge=1, le=MAX_ID, description="The unit and its subtree"),
    source: Source | None = None,
):
    if not selectors.viewable_units(request.user).exists():
        raise Http404
    filters = selectors.EntryFilters(
        year=year,
        unit=selectors.viewable_unit(request.user, unit) if unit else None,
        source=source or "",
    )
    return [_entry(e) for e in selectors.search_entries(request.user, filters)[:5000]]


@router.get("/entries/{entry_id}", response=EntryOut, summary="One budget line")
def get_entry(request, entry_id: int = Path(..., ge=1, le=MAX_ID)):
    return _entry(selectors.entry_for(request.user, entry_id))


def _amount(raw) -> int:
    value = parse_number(raw, integer=True, max_abs=MAX_AMOUNT)
    return int(value or 0)


@router.post(
    "/entries",
    response={201: EntryOut, 400: Error},
    summary="Record a budget line (amounts as numbers or text such as “1.234.000”)",
)
def create_entry(request, payload: EntryIn):
    unit = selectors.editable_units(request.user).filter(pk=payload.org_unit_id).first()
    if unit is None:
        raise Http404
    line = selectors.active_lines().filter(code=payload.spending_line_code).first()
    try:
        data = services.EntryData(
            org_unit=unit,
            year=payload.year,
            source=payload.source,
            spending_line=line,
            planned=_amount(payload.planned),
            spent=_amount(payload.spent),
            description=payload.description,
            link_kind=payload.link_kind,
            link_id=payload.link_id,
            link_label=payload.link_label,
        )
        entry = services.entry_create(actor=request.user, data=data)
    except NumberError as exc:
        return Status(400, {"detail": exc.message})
    except services.BudgetError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _entry(selectors.entry_for(request.user, entry.pk)))


@router.get(
    "/summary",
    response=SummaryOut,
    summary="A unit's totals over its subtree by source, spending line and unit",
)
def get_summary(
    request,
    unit: int = Query(..., ge=1, le=MAX_ID),
    year: int = Query(..., ge=2000, le=2100),
):
    result = selectors.rollup(request.user, selectors.viewable_unit(request.user, unit), year)
    return {
        "unit": {"id": result.unit.pk, "name": result.unit.name},
        "year": result.year,
        "planned": result.planned,
        "spent": result.spent,
        "spent_millions": result.spent_millions,
        "by_source": [_row(r) for r in result.by_source],
        "by_line": [_row(r) for r in result.by_line],
        "by_unit": [_row(r) for r in result.by_child],
    }

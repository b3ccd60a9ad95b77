"""/api/v1/mainstreaming/: documents drafted by the units and how gender was mainstreamed in
them, scoped exactly like the pages (out of scope is 404)."""

import datetime

from django.http import Http404
from ninja import Path, Query, Router, Schema, Status

from binhdang.core.api import MAX_ID, UnitRef

from . import selectors, services
from .models import DocumentKind, Outcome

router = Router(tags=["mainstreaming"])
PREFIX = "mainstreaming"


class DocumentOut(Schema):
    id: int
    org_unit: UnitRef
    year: int
    kind: DocumentKind
    title: str
    number_symbol: str
    drafted_on: datetime.date | None
    gender_assessed: bool
    assessment_report: bool
    justice_appraisal: bool
    method_note: str
    outcome: Outcome
    outcome_note: str


class DocumentIn(Schema):
    org_unit_id: int
    year: int
    kind: DocumentKind
    title: str
    number_symbol: str = ""
    drafted_on: datetime.date | None = None
    gender_assessed: bool = False
    assessment_report: bool = False
    justice_appraisal: bool = False
    method_note: str = ""
    outcome: Outcome = Outcome.DRAFTING
    outcome_note: str = ""


class CountOut(Schema):
    kind: str
    label: str
    total: int
    assessed: int
    with_report: int
    appraised: int
    adopted: int


class CountsOut(Schema):
    unit: UnitRef
    year: int
    rows: list[CountOut]


class Error(Schema):
    detail: str


FIELDS = [f for f in DocumentIn.model_fields if f != "org_unit_id"]


def _document(d) -> dict:
    return {
        "id": d.pk,
        "org_unit": {"id": d.org_unit_id, "name": d.org_unit.name},
        **{k: getattr(d, k) for k in FIELDS},
    }


@router.get("/documents", response=list[DocumentOut], summary="Drafted documents")
def list_documents(
    request,
    year: int | None = Query(None, ge=2000, le=2100),
    unit: int | None = Query(None, ge=1, le=MAX_ID, description="The unit and its subtree"),
    kind: DocumentKind | None = None,
):
    if not selectors.viewable_units(request.user).exists():
        raise Http404
    filters = selectors.DocumentFilters(
        year=year,
        unit=selectors.viewable_unit(request.user, unit) if unit else None,
        kind=kind or "",
    )
    return [_document(d) for d in selectors.search_documents(request.user, filters)[:5000]]


@router.get("/documents/{document_id}", response=DocumentOut, summary="One drafted document")
def get_document(request, document_id: int = Path(..., ge=1, le=MAX_ID)):
    return _document(selectors.document_for(request.user, document_id))


@router.post("/documents", response={201: DocumentOut, 400: Error}, summary="Record a document")
def create_document(request, payload: DocumentIn):
    unit = selectors.editable_units(request.user).filter(pk=payload.org_unit_id).first()
    if unit is None:
        raise Http404
    values = payload.dict()
    values.pop("org_unit_id")
    try:
        document = services.document_create(
            actor=request.user, data=services.DocumentData(org_unit=unit, **values)
        )
    except services.MainstreamingError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _document(selectors.document_for(request.user, document.pk)))


@router.get("/counts", response=CountsOut, summary="Counts over a unit's subtree for a year")
def get_counts(
    request,
    unit: int = Query(..., ge=1, le=MAX_ID),
    year: int = Query(..., ge=2000, le=2100),
):
    result = selectors.counts(request.user, selectors.viewable_unit(request.user, unit), year)
    return {
        "unit": {"id": result.unit.pk, "name": result.unit.name},
        "year": result.year,
        "rows": [r.__dict__ for r in result.rows],
    }

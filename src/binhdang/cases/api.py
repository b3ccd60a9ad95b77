"""Case coordination API: the same record rule and access log as the pages."""

from ninja import Router, Schema

from binhdang.formats.dates import format_date

from . import selectors
from .models import Section

router = Router(tags=["cases"])
PREFIX = "cases"


class CaseRow(Schema):
    id: int
    code: str
    commune: str
    legal_frame: str
    risk: str
    state: str


class IncidentOut(Schema):
    core_type: str
    violence_form: str
    incident_date: str
    delay_bucket: str


class CaseOut(CaseRow):
    sections: list[str]
    incidents: list[IncidentOut] = []


def _row(case) -> dict:
    return {
        "id": case.pk,
        "code": case.code,
        "commune": case.org_unit.name,
        "legal_frame": case.legal_frame,
        "risk": case.risk,
        "state": case.state,
    }


@router.get("", response=list[CaseRow], summary="Cases you may see (codes only)")
def case_list(request):
    return [_row(row["case"]) for row in selectors.case_rows(request.user, request=request)]


@router.get("/{case_id}", response=CaseOut, summary="One case, the sections you may read")
def case_detail(request, case_id: int):
    view = selectors.open_case(request.user, case_id, request=request, why="api")
    out = {**_row(view.case), "sections": sorted(view.sections)}
    if Section.INCIDENT in view.sections:
        out["incidents"] = [
            {
                "core_type": i.core_type,
                "violence_form": i.violence_form,
                "incident_date": format_date(i.incident_date),
                "delay_bucket": i.delay_bucket,
            }
            for i in view.incidents
        ]
    return out

"""Reads for consolidation and documents, always given the user and scoped through
`units_for`.

Who sees what:
- a round's consolidated report, its figures and its documents: ROUND_VIEW on the People's
  Committee that owns the round (its standing office, leaders and viewers; never a commune
  of it, which only sees its own submission);
- a directive as a công văn: whoever may read the directive in the register;
- a unit's own report document: SUBMISSION_VIEW on that unit;
- a document job: whoever holds the job's permission on the job's unit.
Everything else is a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from binhdang.accounts.scoping import (
    has_permission,
    may_read_unfinished,
    may_write_report,
    units_for,
)
from binhdang.documents.permissions import REPORT_CONSOLIDATE, REPORT_SIGN
from binhdang.orgunits.models import Kind
from binhdang.reporting.permissions import ROUND_VIEW

from .models import ConsolidatedReport, DocumentJob, ReportStatus

# Kinds of unit in the order a Vietnamese consolidated report discusses them.
GROUP_ORDER = ["departments", "front", "armed", "districts", "communes"]
GROUP_OF_KIND = {
    Kind.DEPARTMENT: "departments",
    Kind.PARTY_BOARD: "departments",
    Kind.CFAW: "departments",
    Kind.MEDIA: "departments",
    Kind.OTHER: "departments",
    Kind.FATHERLAND_FRONT: "front",
    Kind.MASS_ORGANISATION: "front",
    Kind.ARMED_FORCES: "armed",
    Kind.PROVINCE: "districts",
    Kind.DISTRICT: "districts",
    Kind.COMMUNE: "communes",
    Kind.WARD: "communes",
    Kind.TOWNSHIP: "communes",
    Kind.SPECIAL_ZONE: "communes",
}


def group_of(kind: str) -> str:
    return GROUP_OF_KIND.get(kind, "departments")


def group_heading(group: str, owner_kind: str) -> str:
    """The heading a report gives a kind of unit (document text, always Vietnamese)."""
    province = owner_kind == Kind.PROVINCE
    level = "tỉnh" if province else "huyện"
    return {
        "departments": f"Các sở, ban, ngành {level}"
        if province
        else f"Các cơ quan, phòng, ban, ngành {level}",
        "front": f"Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội {level}",
        "armed": f"Lực lượng vũ trang {level}",
        "districts": "Ủy ban nhân dân các huyện, thành phố",
        "communes": "Ủy ban nhân dân các xã, phường, thị trấn"
        if province
        else "Ủy ban nhân dân các xã, thị trấn",
    }[group]


def unit_sort_key(unit_kind: str, name: str) -> tuple:
    return (GROUP_ORDER.index(group_of(unit_kind)), name)


# ---------------------------------------------------------------- rounds and reports


def visible_rounds(user) -> QuerySet:
    """Rounds whose consolidated report `user` may read (ROUND_VIEW on the owner)."""
    from binhdang.reporting.models import ReportingRound

    return ReportingRound.objects.filter(owner_unit__in=units_for(user, ROUND_VIEW))


def round_for(user, key: int | str):
    """One round by id, or 404 when it does not exist or is out of scope."""
    qs = visible_rounds(user).select_related(
        "owner_unit", "owner_unit__parent", "standing_office", "directive"
    )
    return get_object_or_404(qs, pk=key)


def _require_round(user, reporting_round) -> None:
    """404 unless the user may read the round's consolidated report (ROUND_VIEW on its
    owner)."""
    if not has_permission(user, ROUND_VIEW, reporting_round.owner_unit):
        raise Http404


def report_of(user, reporting_round) -> ConsolidatedReport | None:
    """The round's consolidated report (None before it is compiled); 404 unless the user may
    read it."""
    _require_round(user, reporting_round)
    return (
        ConsolidatedReport.objects.filter(round=reporting_round)
        .select_related(
            "round",
            "round__owner_unit",
            "upward_submission",
            "upward_submission__round",
        )
        .first()
    )


def report_for_document(user, report_id: int) -> ConsolidatedReport:
    """A consolidated report whose document the user may build or download: readable, and
    its text visible to the user (a draft is its compilers' and signers'), or 404."""
    report = get_object_or_404(visible_reports(user), pk=report_id)
    require_visible(report_text_visible(user, report))
    return report


def report_round_id(user, report_id: int) -> int | None:
    """The round of a consolidated report the user may read (None when out of scope)."""
    return visible_reports(user).filter(pk=report_id).values_list("round_id", flat=True).first()


def can_consolidate(user, reporting_round) -> bool:
    return has_permission(user, REPORT_CONSOLIDATE, reporting_round.owner_unit)


def can_sign(user, reporting_round) -> bool:
    return has_permission(user, REPORT_SIGN, reporting_round.owner_unit) or can_consolidate(
        user, reporting_round
    )


def visible_reports(user) -> QuerySet[ConsolidatedReport]:
    """Every consolidated report `user` may read, newest round first."""
    return ConsolidatedReport.objects.filter(
        round__owner_unit__in=units_for(user, ROUND_VIEW)
    ).select_related("round", "round__owner_unit")


def report_text_visible(user, report: ConsolidatedReport) -> bool:
    """Whether the user reads the report's text: once it is finalised, everyone who may read
    the round's report; before, those who may compile or sign it
    (`scoping.may_read_unfinished`)."""
    if report.status != ReportStatus.DRAFT:
        return True
    return may_read_unfinished(user, report.round.owner_unit)


def sections_of(user, report: ConsolidatedReport) -> list:
    """The report's sections in order (none of a draft the user may not read, see
    `report_text_visible`); 404 unless the user may read the round's report."""
    _require_round(user, report.round)
    if not report_text_visible(user, report):
        return []
    return list(report.sections.select_related("form_section").order_by("position", "id"))


def versions_of(user, report: ConsolidatedReport) -> list:
    """The report's finalised versions, newest first, each with its files; 404 unless the
    user may read the report."""
    _require_round(user, report.round)
    return list(
        report.versions.select_related("finalised_by", "reopened_by").prefetch_related("files")
    )


def version_of(user, report: ConsolidatedReport, number: int):
    """One finalised version of a report the user may read, or 404."""
    _require_round(user, report.round)
    return get_object_or_404(report.versions.all(), number=number)


def send_records_of(user, report: ConsolidatedReport) -> list:
    """How the report was sent (each send record); 404 unless the user may read it."""
    _require_round(user, report.round)
    return list(report.send_records.select_related("recorded_by", "version"))


# ---------------------------------------------------------------- figures


@dataclass
class FieldFigure:
    field_id: int
    code: str
    label: str
    unit_of_measure: str
    value_type: str
    section_id: int | None
    numerator_id: int | None = None
    denominator_id: int | None = None
    part_of_id: int | None = None
    total: Decimal | None = None  # sum over accepted submissions (or ratio from summed parts)
    units: int = 0  # how many units gave a value

    @property
    def is_ratio(self) -> bool:
        return bool(self.numerator_id and self.denominator_id)


@dataclass
class UnitRow:
    unit_id: int
    name: str
    kind: str
    group: str
    status: str  # submission status, or "" when the unit has not started
    submitted_at: object = None
    is_late: bool | None = None
    accepted: bool = False
    expected: bool = True


@dataclass
class RoundFigures:
    fields: list[FieldFigure]
    units: list[UnitRow]
    # unit id -> field id -> value, for accepted submissions only
    values: dict[int, dict[int, Decimal]] = field(default_factory=dict)

    def by_id(self) -> dict[int, FieldFigure]:
        return {f.field_id: f for f in self.fields}

    def for_section(self, section_id: int | None) -> list[FieldFigure]:
        return [f for f in self.fields if f.section_id == section_id]

    @property
    def reported(self) -> list[UnitRow]:
        return [u for u in self.units if u.accepted]

    @property
    def missing(self) -> list[UnitRow]:
        return [u for u in self.units if u.expected and not u.accepted]

    def unit_value(self, unit_id: int, fig: FieldFigure) -> Decimal | None:
        row = self.values.get(unit_id, {})
        if fig.is_ratio:
            num, den = row.get(fig.numerator_id), row.get(fig.denominator_id)
            if num is None or not den:
                return None
            return (num / den * 100).quantize(Decimal("0.1"))
        return row.get(fig.field_id)


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("0.1"))


def round_figures(user, reporting_round) -> RoundFigures:
    """The round's numeric fields with their totals summed in the database over the accepted
    submissions (ratios from the summed parts, never an average of ratios), every expected
    unit with its submission status, and each accepted unit's values for the annex. Only
    accepted reports give numbers: a unit's draft never reaches the consolidated report. 404
    unless the user may read the round's consolidated report."""
    _require_round(user, reporting_round)
    from binhdang.reporting.models import (
        ExpectedUnit,
        NumericField,
        Submission,
        SubmissionStatus,
        SubmissionValue,
    )

    accepted = Q(submission__round=reporting_round, submission__status=SubmissionStatus.ACCEPTED)
    totals = {
        row["field_id"]: row
        for row in SubmissionValue.objects.filter(accepted)
        .values("field_id")
        .annotate(total=Sum("value"), units=Count("submission_id"))
    }
    fields = []
    for nf in NumericField.objects.filter(round=reporting_round).order_by("position", "id"):
        agg = totals.get(nf.pk, {})
        fields.append(
            FieldFigure(
                field_id=nf.pk,
                code=nf.code,
                label=nf.label,
                unit_of_measure=nf.unit_of_measure,
                value_type=nf.value_type,
                section_id=nf.section_id,
                numerator_id=nf.numerator_id,
                denominator_id=nf.denominator_id,
                part_of_id=nf.part_of_id,
                total=agg.get("total"),
                units=agg.get("units", 0),
            )
        )
    by_id = {f.field_id: f for f in fields}
    for fig in fields:
        if fig.is_ratio:
            num, den = by_id.get(fig.numerator_id), by_id.get(fig.denominator_id)
            fig.total = ratio(num.total if num else None, den.total if den else None)

    values: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for unit_id, field_id, value in SubmissionValue.objects.filter(accepted).values_list(
        "submission__org_unit_id", "field_id", "value"
    ):
        values[unit_id][field_id] = value

    units: dict[int, UnitRow] = {}
    for unit_id, name, kind in ExpectedUnit.objects.filter(round=reporting_round).values_list(
        "org_unit_id", "org_unit__name", "org_unit__kind"
    ):
        units[unit_id] = UnitRow(unit_id, name, kind, group_of(kind), "")
    for sub in Submission.objects.filter(round=reporting_round).values(
        "org_unit_id",
        "org_unit__name",
        "org_unit__kind",
        "status",
        "first_submitted_at",
        "is_late",
    ):
        row = units.get(sub["org_unit_id"])
        if row is None:
            kind = sub["org_unit__kind"]
            row = units[sub["org_unit_id"]] = UnitRow(
                sub["org_unit_id"], sub["org_unit__name"], kind, group_of(kind), "", expected=False
            )
        row.status = sub["status"]
        row.submitted_at = sub["first_submitted_at"]
        row.is_late = sub["is_late"]
        row.accepted = sub["status"] == SubmissionStatus.ACCEPTED
    ordered = sorted(units.values(), key=lambda u: unit_sort_key(u.kind, u.name))
    return RoundFigures(fields=fields, units=ordered, values=dict(values))


# ---------------------------------------------------------------- documents and jobs


def directive_for_document(user, pk: int):
    """A directive of the register the user may read, or 404."""
    from binhdang.directives.selectors import directive_for

    return directive_for(user, pk)


def submission_for_document(user, pk: int):
    """A unit's submission whose text the user may read, as a document: SUBMISSION_VIEW on
    the unit, and sent to the standing office or of the user's own unit (a draft is its
    unit's alone), or 404."""
    from binhdang.reporting.selectors import readable_submissions

    return get_object_or_404(
        readable_submissions(user).select_related(
            "round", "org_unit", "org_unit__parent", "round__directive", "round__owner_unit"
        ),
        pk=pk,
    )


def visible_jobs(user) -> QuerySet[DocumentJob]:
    """The user's own jobs and those whose target the user may read (the permission each job
    was created under, on the job's unit). Downloads re-check the target itself."""
    if user is None or not user.is_authenticated:
        return DocumentJob.objects.none()
    condition = Q(created_by=user)
    for permission in DocumentJob.objects.values_list("permission", flat=True).distinct():
        condition |= Q(permission=permission, org_unit__in=units_for(user, permission))
    return DocumentJob.objects.filter(condition)


def job_for(user, pk: int) -> DocumentJob:
    return get_object_or_404(visible_jobs(user), pk=pk)


def recent_jobs(user, kind: str, target_id: int, limit: int = 8) -> list[DocumentJob]:
    return list(visible_jobs(user).filter(kind=kind, target_id=target_id)[:limit])


def require_visible(condition: bool) -> None:
    if not condition:
        raise Http404


def parent_round_candidates(user, reporting_round) -> QuerySet:
    """Rounds of the level above that this round's owner is expected to answer, among those
    the user sees, when the user writes the owner's report (`scoping.may_write_report`: the
    owner's standing office placed on it); otherwise none."""
    from binhdang.reporting.models import ReportingRound
    from binhdang.reporting.selectors import visible_rounds as answerable_rounds

    if not may_write_report(user, reporting_round.owner_unit):
        return ReportingRound.objects.none()
    return (
        answerable_rounds(user)
        .filter(expected_rows__org_unit=reporting_round.owner_unit)
        .exclude(pk=reporting_round.pk)
    )


def parent_round_for(user, reporting_round, pk: int):
    """One of `parent_round_candidates`, or 404."""
    return get_object_or_404(parent_round_candidates(user, reporting_round), pk=pk)

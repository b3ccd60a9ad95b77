"""Anonymised statistics of case work.

Every case counts, whatever its consent says (consent governs identifiable sharing, not
counting). Nothing here carries a name, a code, a birth date, free text or a date finer than
the month. A published table suppresses every cell under 5 (and above 0) and, where one cell of
a row or column alone would be suppressed, the next smallest cell too (complementary
suppression), so no hidden cell can be worked out from the totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .models import (
    AGE_BANDS,
    Case,
    Incident,
    Measure,
    MeasureKind,
    MeasureState,
    Referral,
    ReferralState,
    ServiceRecord,
    ServiceStatus,
    Sex,
    ViolenceForm,
    age_band,
)

THRESHOLD = 5
SUPPRESSED = None  # a suppressed cell


def suppress(table: list[list[int]]) -> list[list[int | None]]:
    """Primary suppression of cells 1-4, then complementary suppression until no row or
    column has exactly one suppressed cell."""
    cells: list[list[int | None]] = [
        [SUPPRESSED if 0 < v < THRESHOLD else v for v in row] for row in table
    ]

    def lines():
        for r in range(len(cells)):
            yield [(r, c) for c in range(len(cells[r]))]
        for c in range(len(cells[0]) if cells else 0):
            yield [(r, c) for r in range(len(cells))]

    changed = True
    while changed:
        changed = False
        for line in lines():
            hidden = [p for p in line if cells[p[0]][p[1]] is SUPPRESSED]
            if len(hidden) != 1:
                continue
            shown = [p for p in line if cells[p[0]][p[1]] not in (SUPPRESSED, 0)]
            if not shown:
                continue
            r, c = min(shown, key=lambda p: table[p[0]][p[1]])
            cells[r][c] = SUPPRESSED
            changed = True
    return cells


@dataclass
class StatTable:
    title: str
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[int | None]]
    totals: list[int]  # per row, exact


def _cases(unit_ids: Sequence[int], year: int | None):
    qs = Case.objects.filter(org_unit__in=list(unit_ids))
    if year:
        qs = qs.filter(created_at__year=year)
    return qs


def _one_column(title, labels, counts, column) -> StatTable:
    raw = [[counts.get(key, 0)] for key, _label in labels]
    return StatTable(
        title=title,
        row_labels=[str(label) for _key, label in labels],
        column_labels=[column],
        cells=suppress(raw),
        totals=[row[0] for row in raw],
    )


def tables(unit_ids: Sequence[int], year: int | None = None) -> list[StatTable]:
    """The commune/district DV tables (cases; form of violence; victims by sex and age band;
    perpetrator sex; measures applied; cases handled), suppressed."""
    cases = _cases(unit_ids, year)
    incidents = Incident.objects.filter(case__in=cases)
    by_form = dict(incidents.values_list("violence_form").annotate(n=Count("id")))
    by_perp = dict(incidents.values_list("perpetrator_sex").annotate(n=Count("id")))
    measures = Measure.objects.filter(case__in=cases).exclude(
        state__in=(MeasureState.REQUESTED, MeasureState.REFUSED)
    )
    by_measure = dict(measures.values_list("kind").annotate(n=Count("id")))
    by_frame = dict(cases.values_list("legal_frame").annotate(n=Count("id")))
    by_state = dict(cases.values_list("state").annotate(n=Count("id")))
    from .models import CaseState, LegalFrame

    sex_age: dict[tuple[str, str], int] = {}
    for sex, age in cases.values_list("sex", "age"):
        key = (sex, age_band(age))
        sex_age[key] = sex_age.get(key, 0) + 1
    sexes = list(Sex.choices)
    bands = list(AGE_BANDS.items())
    raw = [[sex_age.get((s, b), 0) for b, _l in bands] for s, _label in sexes]
    column = _("Count")
    return [
        _one_column(_("Cases by legal frame"), LegalFrame.choices, by_frame, column),
        _one_column(_("Incidents by form of violence"), ViolenceForm.choices, by_form, column),
        StatTable(
            title=_("Victims by sex and age band"),
            row_labels=[str(label) for _s, label in sexes],
            column_labels=[str(label) for _b, label in bands],
            cells=suppress(raw),
            totals=[sum(row) for row in raw],
        ),
        _one_column(_("Perpetrators by sex"), Sex.choices, by_perp, column),
        _one_column(_("Measures applied"), MeasureKind.choices, by_measure, column),
        _one_column(_("Cases by state"), CaseState.choices, by_state, column),
    ]


# ---------------------------------------------------------------- the strategy's indicator


def served_condition() -> Q:
    """A survivor who accessed at least one basic service: a service provided or already
    received, or a referral done."""
    provided = ServiceRecord.objects.filter(
        status__in=(ServiceStatus.PROVIDED, ServiceStatus.ALREADY_RECEIVED)
    ).values("case_id")
    done = Referral.objects.filter(state=ReferralState.DONE).values("case_id")
    return Q(pk__in=provided) | Q(pk__in=done)


def service_access(unit_ids: Sequence[int], year: int | None = None) -> tuple[int, int]:
    """(survivors served, survivors detected): NQ28-3.2's numerator and denominator."""
    cases = _cases(unit_ids, year)
    detected = cases.count()
    served = cases.filter(served_condition()).count()
    return served, detected


def service_access_percent(unit_ids: Sequence[int], year: int | None = None) -> Decimal | None:
    served, detected = service_access(unit_ids, year)
    if not detected:
        return None
    return (Decimal(served) * 100 / Decimal(detected)).quantize(Decimal("0.1"))


# ---------------------------------------------------------------- figures for the shell


def _window(qs, start: date | None, end: date | None):
    if start:
        qs = qs.filter(created_at__date__gte=start)
    if end:
        qs = qs.filter(created_at__date__lte=end)
    return qs


def detected_by_unit(unit_ids: Sequence[int], start: date | None, end: date | None):
    qs = _window(Case.objects.filter(org_unit__in=list(unit_ids)), start, end)
    return {u: Decimal(n) for u, n in qs.values_list("org_unit").annotate(n=Count("id"))}


def served_by_unit(unit_ids: Sequence[int], start: date | None, end: date | None):
    qs = _window(Case.objects.filter(org_unit__in=list(unit_ids)), start, end)
    qs = qs.filter(served_condition())
    return {u: Decimal(n) for u, n in qs.values_list("org_unit").annotate(n=Count("id"))}


def statistics_units(user):
    from .permissions import CASE_STATISTICS
    from .rules import units

    return units(user, CASE_STATISTICS)


def _trafficking_cases(unit_ids: Sequence[int], start: date | None, end: date | None):
    from .models import TraffickingStatus, TraffickingSupport

    qs = _window(Case.objects.filter(org_unit__in=list(unit_ids)), start, end)
    return qs.filter(
        trafficking__status__in=(TraffickingStatus.CONFIRMED, TraffickingStatus.BEING_IDENTIFIED),
        pk__in=TraffickingSupport.objects.values("case_id"),
    )


def trafficking_needing_by_unit(unit_ids: Sequence[int], start: date | None, end: date | None):
    """Victims (or persons being identified) entitled to some support of Art. 37."""
    qs = _trafficking_cases(unit_ids, start, end)
    return {
        u: Decimal(n) for u, n in qs.values_list("org_unit").annotate(n=Count("id", distinct=True))
    }


def trafficking_supported_by_unit(unit_ids: Sequence[int], start: date | None, end: date | None):
    """Of those, the ones who received at least one support."""
    from .models import SupportStatus

    qs = _trafficking_cases(unit_ids, start, end).filter(
        trafficking_support__status=SupportStatus.PROVIDED
    )
    return {
        u: Decimal(n) for u, n in qs.values_list("org_unit").annotate(n=Count("id", distinct=True))
    }

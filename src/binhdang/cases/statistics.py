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
    by_commune = cases_by_commune(unit_ids, year)
    return [
        _one_column(_("Cases by legal frame"), LegalFrame.choices, by_frame, column),
        *([by_commune] if by_commune else []),
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


# ---------------------------------------------------------------- cases by commune, rolled up

OTHER_COMMUNES = "Các xã, đơn vị khác"


def cases_by_commune(unit_ids: Sequence[int], year: int | None = None) -> StatTable | None:
    """Cases per commune and legal frame, for a scope of more than one commune.

    A commune whose every cell is under 5 (all its counts would be suppressed) is not named:
    it is rolled up into one row "Các xã, đơn vị khác", with every other commune without a
    case of its own row and the cases of units under no commune. Suppression, with its
    complementary cells, then runs on the whole table, that row included, so the table tells
    each named commune's true counts and never a small one."""
    from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, OrgUnit

    from .models import LegalFrame

    communes = list(
        OrgUnit.objects.filter(pk__in=list(unit_ids), kind__in=COMMUNE_LEVEL_KINDS)
        .order_by("name", "pk")
        .values_list("pk", "name", "path")
    )
    if len(communes) < 2:
        return None
    frames = list(LegalFrame.choices)
    counts = (
        _cases(unit_ids, year).values_list("org_unit__path", "legal_frame").annotate(n=Count("id"))
    )
    by_commune: dict[int | None, dict[str, int]] = {}
    for path, frame, n in counts:
        owner = next((pk for pk, _name, p in communes if path.startswith(p)), None)
        row = by_commune.setdefault(owner, {})
        row[frame] = row.get(frame, 0) + n
    rows, labels, other = [], [], dict(by_commune.get(None, {}))
    for pk, name, _path in communes:
        row = by_commune.get(pk)
        if not row:
            continue
        if all(v < THRESHOLD for v in row.values()):
            for frame, n in row.items():
                other[frame] = other.get(frame, 0) + n
            continue
        rows.append([row.get(key, 0) for key, _label in frames])
        labels.append(name)
    rows.append([other.get(key, 0) for key, _label in frames])
    labels.append(OTHER_COMMUNES)
    return StatTable(
        title=_("Cases by commune and legal frame"),
        row_labels=labels,
        column_labels=[str(label) for _key, label in frames],
        cells=suppress(rows),
        totals=[sum(row) for row in rows],
    )


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


def _applied(kinds) -> Q:
    """Cases with a measure of one of `kinds` applied (in force or ended, not only asked for)."""
    measures = Measure.objects.filter(kind__in=list(kinds)).exclude(
        state__in=(MeasureState.REQUESTED, MeasureState.REFUSED)
    )
    return Q(pk__in=measures.values("case_id"))


def not_prosecuted_condition() -> Q:
    """A perpetrator detected and not prosecuted: the case records an incident (so a
    perpetrator) and no measure under the law on criminal procedure (l) was applied. One case
    is one perpetrator: the measures of the 2022 law are recorded per case."""
    with_incident = Q(pk__in=Incident.objects.values("case_id"))
    return with_incident & ~_applied([MeasureKind.CRIMINAL])


def counselled_condition() -> Q:
    """Of those, a perpetrator counselled: the measure g) "education and support to change
    violent behaviour" was applied."""
    return not_prosecuted_condition() & _applied([MeasureKind.BEHAVIOUR])


def perpetrator_counselling(unit_ids: Sequence[int], year: int | None = None) -> tuple[int, int]:
    """(perpetrators counselled, perpetrators not prosecuted): NQ28-3.3's numerator and
    denominator."""
    cases = _cases(unit_ids, year)
    return (
        cases.filter(counselled_condition()).count(),
        cases.filter(not_prosecuted_condition()).count(),
    )


def percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


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


def _count_by_unit(unit_ids: Sequence[int], start, end, condition: Q) -> dict[int, Decimal]:
    qs = _window(Case.objects.filter(org_unit__in=list(unit_ids)), start, end).filter(condition)
    return {u: Decimal(n) for u, n in qs.values_list("org_unit").annotate(n=Count("id"))}


def not_prosecuted_by_unit(unit_ids: Sequence[int], start: date | None, end: date | None):
    return _count_by_unit(unit_ids, start, end, not_prosecuted_condition())


def counselled_by_unit(unit_ids: Sequence[int], start: date | None, end: date | None):
    return _count_by_unit(unit_ids, start, end, counselled_condition())


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

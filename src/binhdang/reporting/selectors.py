"""Reads of reporting rounds and submissions, always given the user.

Who sees what:
- the round's issuer and standing office (ROUND_VIEW on `owner_unit` or `standing_office`,
  which includes their superiors by subtree scope) see the whole round and every submission;
- a unit expected to answer sees the round and its own submission (SUBMISSION_VIEW on that
  unit), never another unit's;
- anyone else: 404. Draft rounds are seen only by those who may manage them.

A report's text (answers, numbers, attachments, snapshots) is read through
`submission_content` and `submission_versions`, which apply the rules `rules.py` registers with
`accounts.scoping`: before it is sent, only its own unit reads it; others see that it exists
and when it was last saved.
"""

import decimal
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from binhdang.accounts.permissions import Role
from binhdang.accounts.scoping import (
    answering_units,
    has_permission,
    may_write_report,
    member_ids,
    members_of,
    record_rules,
    units_for,
    visible,
)
from binhdang.core import registry
from binhdang.core.rows import columns, prepared_cursor, table
from binhdang.formats.numbers import NumberError, format_number, input_value, parse_id, parse_number
from binhdang.formats.text import fold
from binhdang.memo import kept
from binhdang.orgunits.models import UNITS_GENERATION, OrgUnit, closed_units_condition
from binhdang.reporting.permissions import (
    ROUND_MANAGE,
    ROUND_VIEW,
    SUBMISSION_APPROVE,
    SUBMISSION_EDIT,
    SUBMISSION_REVIEW,
    SUBMISSION_VIEW,
)

from .models import (
    ALL_PARTS,
    ARRIVED,
    EXPECTED_GENERATION,
    ROUNDS_GENERATION,
    ExpectedUnit,
    NarrativePart,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionAnswer,
    SubmissionAttachment,
    SubmissionStatus,
    SubmissionValue,
    SubmissionVersion,
    ValueType,
)
from .regime import round_window
from .rules import answer_rule, attachment_rule, sent_or_own_unit

# ---------------------------------------------------------------- permission questions


def _on_round(user, permission: str, reporting_round: ReportingRound) -> bool:
    return has_permission(user, permission, reporting_round.owner_unit) or has_permission(
        user, permission, reporting_round.standing_office
    )


def can_oversee(user, reporting_round: ReportingRound) -> bool:
    """Sees the whole round: completeness and every unit's submission."""
    return _on_round(user, ROUND_VIEW, reporting_round)


def can_manage(user, reporting_round: ReportingRound) -> bool:
    return _on_round(user, ROUND_MANAGE, reporting_round)


def can_review(user, reporting_round: ReportingRound) -> bool:
    return _on_round(user, SUBMISSION_REVIEW, reporting_round)


def can_edit_for(user, unit: OrgUnit) -> bool:
    """May write the unit's own report (the rule: `scoping.may_write_report`)."""
    return may_write_report(user, unit)


def can_approve_for(user, unit: OrgUnit) -> bool:
    return has_permission(user, SUBMISSION_APPROVE, unit)


def can_view_unit(user, reporting_round: ReportingRound, unit: OrgUnit) -> bool:
    return can_oversee(user, reporting_round) or has_permission(user, SUBMISSION_VIEW, unit)


# ---------------------------------------------------------------- rounds


def visible_rounds(user) -> QuerySet[ReportingRound]:
    """Rounds the user may open: those they issue or follow, and those their units answer."""
    oversee = units_for(user, ROUND_VIEW)
    manage = units_for(user, ROUND_MANAGE)
    own = units_for(user, SUBMISSION_VIEW)
    answered = ExpectedUnit.objects.filter(round=OuterRef("pk"), org_unit__in=own)
    qs = ReportingRound.objects.filter(
        Q(owner_unit__in=oversee) | Q(standing_office__in=oversee) | Exists(answered)
    )
    # Draft rounds are work in progress of their standing office.
    return qs.filter(
        ~Q(status=RoundStatus.DRAFT) | Q(owner_unit__in=manage) | Q(standing_office__in=manage)
    ).select_related("owner_unit", "standing_office", "directive")


def round_for(user, slug: str) -> ReportingRound:
    """One visible round (`visible_rounds`), or 404. The rule is applied to the one round:
    the round is read by its slug (kept in the shared cache, `_round_by_slug`), the user's
    roles on its issuer and standing office are known without a query, and only a user who
    does not oversee it is asked whether one of their units is expected in it. Its directive
    is read when a page shows it."""
    reporting_round = _round_by_slug(slug)
    if reporting_round is None:
        raise Http404
    reporting_round._answered = can_oversee(user, reporting_round) or (
        ExpectedUnit.objects.filter(
            round_id=reporting_round.pk, org_unit__in=units_for(user, SUBMISSION_VIEW)
        ).exists()
    )
    _admit_round(user, reporting_round)
    return reporting_round


def _admit_round(user, reporting_round: ReportingRound) -> None:
    """`visible_rounds`' rule on one round read with `_answered` (one of the user's units is
    expected in it): 404 unless visible, remembered on the round when it is."""
    if reporting_round.status == RoundStatus.DRAFT and not can_manage(user, reporting_round):
        raise Http404
    if not (reporting_round._answered or can_oversee(user, reporting_round)):
        raise Http404
    reporting_round._visible_to = user.pk


def round_and_unit(user, slug: str, unit_id: int) -> tuple[ReportingRound, OrgUnit]:
    """`round_for` and `unit_in_round` in one query: the round (404 unless visible), and
    the expected unit of it that the user may see (404 otherwise), with its submission. The
    submission knows whether it has attachments, so a reader of none asks nothing more.

    `visible_rounds`' "one of the user's units is expected in the round" needs no subquery
    here: the unit is expected in it, and the user sees the unit only as an overseer of the
    round (who sees the round whatever units it expects) or with SUBMISSION_VIEW on the unit
    itself (which is then such a unit)."""
    if not 0 < unit_id < 2**63:  # no unit has such an id (nor may the database be asked)
        raise Http404
    reporting_round = _round_by_slug(slug)
    if reporting_round is None:
        raise Http404
    row = _expected_row(reporting_round.pk, unit_id)
    if row is None:
        raise Http404
    row.round = reporting_round
    unit = row.org_unit
    reporting_round._answered = has_permission(user, SUBMISSION_VIEW, unit)
    _admit_round(user, reporting_round)
    if not can_view_unit(user, reporting_round, unit):
        raise Http404
    if row.submission is not None:
        row.submission.round, row.submission.org_unit = reporting_round, unit
        row.submission._has_attachments = row._attached
    # The expected row names the unit's submission from the moment it is started
    # (`services.submission_start`): none named means none yet, with nothing more to ask.
    unit._round_submission = (reporting_round.pk, row.submission)
    return reporting_round, unit


# The tables of `_expected_row` and their aliases in its SQL.
EXPECTED_ROW = ((ExpectedUnit, "e"), (OrgUnit, "u"), (Submission, "s"))


def _expected_row(round_id: int, unit_id: int) -> ExpectedUnit | None:
    """The unit's row of the round's expected units, with its unit, its submission (if
    started) and whether that has attachments (`_attached`): one query, written out
    (`core.rows`), as every call of the API on a unit's report reads it."""
    expected, unit, submission = (columns(m, a) for m, a in EXPECTED_ROW)
    sql = (
        f"SELECT {expected.sql}, {unit.sql}, {submission.sql}, EXISTS(SELECT 1 FROM"  # noqa: S608 - the models' names
        f" {table(SubmissionAttachment)} a WHERE a.submission_id = e.submission_id)"
        f" FROM {table(ExpectedUnit)} e JOIN {table(OrgUnit)} u ON u.id = e.org_unit_id"
        f" LEFT JOIN {table(Submission)} s ON s.id = e.submission_id"
        " WHERE e.round_id = %s AND e.org_unit_id = %s"
    )  # one row at most (a unit once per round)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [round_id, unit_id])
        found = cursor.fetchone()
    if found is None:
        return None
    at = expected.width + unit.width
    row = expected.build(found[: expected.width])
    row.org_unit = unit.build(found[expected.width : at])
    started = found[at : at + submission.width]
    row.submission = submission.build(started) if started[0] is not None else None
    row._attached = bool(found[-1])
    return row


ROUND_SECONDS = 3600


def _round_by_slug(slug: str) -> ReportingRound | None:
    """The round of `slug` with its issuer and standing office, whoever asks (the caller
    decides whether they may see it). With a shared cache it is kept there under the
    generations of the rounds and of the unit tree, which every write of either counts on."""

    def read():
        rows = ReportingRound.objects.filter(slug=slug).select_related(
            "owner_unit", "standing_office"
        )[:1]  # a slug names one round at most: no ORDER BY
        return next(iter(rows), None)

    if not settings.BINHDANG_SHARED_CACHE:
        return read()
    return kept(
        f"reporting:round:{slug}", (ROUNDS_GENERATION, UNITS_GENERATION), read, ROUND_SECONDS
    )


def _require_round(user, reporting_round: ReportingRound) -> None:
    """404 unless the round is visible to the user (remembered on a round from `round_for`)."""
    if getattr(reporting_round, "_visible_to", None) == user.pk and user.pk is not None:
        return
    if not visible_rounds(user).filter(pk=reporting_round.pk).exists():
        raise Http404
    reporting_round._visible_to = user.pk


def round_list_rows(user, limit: int = 200) -> list[dict]:
    """[{"round", "oversee", "mine"}] for the list of rounds: the visible rounds, newest
    deadline first, whether the user follows each, and the user's own units expected in it
    (open rounds), in two queries."""
    rounds = list(visible_rounds(user).order_by("-deadline", "-id")[:limit])
    mine: dict[int, list] = {}
    for row in rounds_to_answer(user).filter(round__in=[r.pk for r in rounds]):
        mine.setdefault(row.round_id, []).append(row)
    return [
        {"round": r, "oversee": can_oversee(user, r), "mine": mine.get(r.pk, [])} for r in rounds
    ]


def units_not_arrived(user, reporting_round: ReportingRound) -> QuerySet[ExpectedUnit]:
    """Expected units whose report has not reached (or been sent toward) the office, by name;
    404 unless the user manages the round."""
    if not can_manage(user, reporting_round):
        raise Http404
    return (
        ExpectedUnit.objects.filter(round=reporting_round)
        .exclude(
            submission__status__in=[
                SubmissionStatus.AWAITING_APPROVAL,
                SubmissionStatus.SUBMITTED,
                SubmissionStatus.ACCEPTED,
            ]
        )
        .select_related("org_unit")
        .order_by("org_unit__name")
    )


def expected_units(user, reporting_round: ReportingRound, unit_ids) -> QuerySet[OrgUnit]:
    """The units among `unit_ids` expected in the round; 404 unless the user oversees it."""
    if not can_oversee(user, reporting_round):
        raise Http404
    return OrgUnit.objects.filter(
        pk__in=ExpectedUnit.objects.filter(
            round=reporting_round, org_unit_id__in=list(unit_ids)
        ).values("org_unit")
    )


def my_unit_rows(user, reporting_round: ReportingRound) -> list[dict]:
    """[{"unit", "submission"}] for the expected units of the round the user answers for, by
    name: units they may write a report for, and the unit of their own membership (a district
    answering its province's round). Units they only oversee are in the completeness table,
    not here (`scoping.answering_units`). One query: the expected rows with their unit and
    its submission."""
    rows = (
        ExpectedUnit.objects.filter(round=reporting_round, org_unit__in=answering_units(user))
        .select_related("org_unit", "submission")
        .order_by("org_unit__name")
    )
    return [{"unit": row.org_unit, "submission": row.submission} for row in rows]


def unit_in_round(user, reporting_round: ReportingRound, unit_id: int) -> OrgUnit:
    """An expected unit of the round that the user may see, or 404. Its submission comes in
    the same query, for `submission_of` on the same unit object."""
    row = (
        ExpectedUnit.objects.filter(round=reporting_round, org_unit_id=unit_id)
        .select_related("org_unit", "submission")
        .first()
    )
    if row is None or not can_view_unit(user, reporting_round, row.org_unit):
        raise Http404
    unit = row.org_unit
    if row.submission is not None:
        row.submission.round, row.submission.org_unit = reporting_round, unit
    unit._round_submission = (reporting_round.pk, row.submission)  # as in `round_and_unit`
    return unit


def submission_of(user, reporting_round: ReportingRound, unit: OrgUnit) -> Submission | None:
    """The unit's submission in the round (None before the unit starts it); 404 unless the
    user may see the unit in the round. Its text is read with `submission_content`."""
    if not can_view_unit(user, reporting_round, unit):
        raise Http404
    round_id, submission = getattr(unit, "_round_submission", (None, None))
    if round_id == reporting_round.pk:
        return submission
    # One row at most (a unit once per round), with the round and unit already read.
    submission = next(
        iter(Submission.objects.filter(round=reporting_round, org_unit=unit)[:1]), None
    )
    if submission is not None:
        submission.round, submission.org_unit = reporting_round, unit
    return submission


def form_of(user, reporting_round: ReportingRound):
    """(sections with their numeric fields, fields without a section), in order; 404 unless
    the user may see the round."""
    _require_round(user, reporting_round)
    sections = list(reporting_round.sections.prefetch_related("fields").order_by("position"))
    loose = list(reporting_round.fields.filter(section__isnull=True).order_by("position"))
    return sections, loose


def round_fields(user, reporting_round: ReportingRound) -> QuerySet:
    """Every numeric field of the round, in order; 404 unless the user may see the round."""
    _require_round(user, reporting_round)
    return reporting_round.fields.select_related("section").order_by("position")


def form_parts(reporting_round: ReportingRound) -> tuple[list, list]:
    """(sections, numeric fields with their section) of the round, in order, read once per
    round object (one request), for the checks of a save and the answer that follows. The
    caller has checked the user (`round_for`, or a service's own check). What it gives is
    shared by the requests of a process: read it, never change it."""
    form = getattr(reporting_round, "_form_parts", None)
    if form is None:
        key = _form_key(reporting_round)
        form = _forms.get(key) or cache.get(key)
        if form is None:
            form = (
                list(reporting_round.sections.order_by("position")),
                list(reporting_round.fields.select_related("section").order_by("position")),
            )
            cache.set(key, form, FORM_SECONDS)
        if len(_forms) >= 256:
            _forms.clear()
        _forms[key] = form
        reporting_round._form_parts = form
    return form


# The form of a round as the cache keeps it, under its version (`ReportingRound.form_version`,
# counted up by every write of a section or field, read with the round): a changed form is
# never served from the cache, whichever process changed it. A form of one version never
# changes, so each process keeps the ones it read too (`_forms`), by the same key.
FORM_SECONDS = 24 * 3600
_forms: dict[str, tuple[list, list]] = {}


def _form_key(reporting_round: ReportingRound) -> str:
    created = reporting_round.created_at.timestamp() if reporting_round.created_at else 0
    return f"reporting:form:{reporting_round.pk}:{created}:{reporting_round.form_version}"


@dataclass(frozen=True)
class CountedFigure:
    """A field's number as the records count it for the unit over the round's window."""

    value: Decimal
    label: str  # what is counted ("Số buổi truyền thông, tính từ sổ hoạt động")
    url: str  # the records counted, "" when the app lists none


def counted_units(reporting_round: ReportingRound, org_unit: OrgUnit) -> list[int]:
    """The ids of the units whose records a unit's answer to the round counts: the unit and
    its descendants, less every descendant that is itself expected to answer the round, with
    its own subtree (that one counts those). A commune answering counts its own records; a
    district answering the province's round counts its own, its offices' and its communes'."""
    answering = (
        ExpectedUnit.objects.filter(round=reporting_round, org_unit__path__startswith=org_unit.path)
        .exclude(org_unit=org_unit)
        .values_list("org_unit__path", flat=True)
    )
    subtree = OrgUnit.objects.filter(path__startswith=org_unit.path)
    for path in answering:
        subtree = subtree.exclude(path__startswith=path)
    return list(subtree.values_list("pk", flat=True))


def counted_figures(reporting_round: ReportingRound, org_unit: OrgUnit) -> dict:
    """{field id: CountedFigure} for the round's fields counted from the records
    (`NumericField.computed_from`) whose figure an installed app provides: the records of the
    units the unit answers for (`counted_units`: itself and its descendants that do not answer
    the round themselves) over the round's cut-off window, summed. The caller has checked the
    user may see the unit's report."""
    fields = [f for f in form_parts(reporting_round)[1] if f.computed_from]
    if not fields:
        return {}
    start, end = round_window(reporting_round)
    unit_ids: list[int] | None = None
    counted: dict[str, Decimal] = {}
    out = {}
    for numeric in fields:
        item = registry.figure(numeric.computed_from)
        if item is None:
            continue
        if item.key not in counted:
            if unit_ids is None:
                unit_ids = counted_units(reporting_round, org_unit)
            values = item.compute(unit_ids, start, end)
            counted[item.key] = sum((Decimal(values.get(pk) or 0) for pk in unit_ids), Decimal(0))
        url = item.records_url(org_unit.pk, start, end) if item.records_url else ""
        out[numeric.pk] = CountedFigure(counted[item.key], str(item.label), url)
    return out


def form_fields(user, reporting_round: ReportingRound) -> list:
    """`round_fields` as a list, shared with a save's checks in the same request and kept
    in the cache under the round's form version (`form_parts`)."""
    _require_round(user, reporting_round)
    return form_parts(reporting_round)[1]


def round_sections(user, reporting_round: ReportingRound) -> QuerySet:
    """The round's form sections, in order; 404 unless the user may see the round."""
    _require_round(user, reporting_round)
    return reporting_round.sections.order_by("position")


@dataclass
class SubmissionContent:
    """What of a submission's text the user may read. `hidden` is true for a report not yet
    sent, read by someone outside its unit: the page says it exists and when it was last
    saved, and shows none of its text."""

    answers: dict  # (section id, part) -> text
    values: dict  # numeric field id -> Decimal
    attachments: list
    hidden: bool = False


def _text_of(user, queryset: QuerySet, readable: bool = False) -> QuerySet:
    # The unit was checked by the caller's selector (`unit_in_round`, which also admits the
    # round's overseers); the record rules decide what of the text shows.
    if readable and _signed_in(user):
        return queryset
    return visible(user, SUBMISSION_VIEW, queryset, unit_field=None)


# The rules `rules.py` registers; each admits every row of a submission that has arrived or
# whose report the user writes (`sent_or_own_unit`).
_OWN_RULES = {
    SubmissionAnswer: [answer_rule],
    SubmissionValue: [answer_rule],
    SubmissionAttachment: [attachment_rule],
}


def _all_text_readable(user, submission: Submission) -> bool:
    """Whether the record rules admit every answer, number and attachment of `submission`
    for `user`, known without a query: only `rules.py`'s own rules are registered for them
    (another app's rule is always asked of the database) and the report has arrived or the
    user writes it."""
    if any(record_rules(model, SUBMISSION_VIEW) != rules for model, rules in _OWN_RULES.items()):
        return False
    return submission.status in ARRIVED or may_write_report(user, submission.org_unit)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@dataclass
class SavedText:
    """The answers and numbers a write has just stored (a draft save) or read under the
    submission's lock (sending it), kept on the submission for the writer's answer to that
    write (`submission_content`); the attachments too when it read them (None: not read)."""

    user_id: int
    version: int
    answers: dict
    values: dict
    attachments: list | None = None


def _saved_text(user, submission: Submission) -> SavedText | None:
    """What the write in this request stored, when the reader is its writer and nothing but
    `rules.py`'s own rule decides what of it they read (it shows the writer everything)."""
    saved = getattr(submission, "_saved_text", None)
    if saved is None or saved.user_id != user.pk or saved.version != submission.version:
        return None
    if not _all_text_readable(user, submission):
        return None
    return saved


FOUR_PLACES = Decimal("0.0001")
_FLOATS = decimal.Context(prec=15)


def stored_decimal(value) -> Decimal:
    """A stored number as a Decimal of four places, as the ORM gives it back: PostgreSQL's
    numeric(18, 4) arrives as a Decimal, SQLite's NUMERIC as an int or a float (read with
    fifteen significant digits, Django's own rule)."""
    if isinstance(value, float):
        value = _FLOATS.create_decimal_from_float(value)
    return Decimal(value).quantize(FOUR_PLACES)


def stored_text(submission_id: int) -> tuple[dict, dict]:
    """({(section id, part): text}, {field id: Decimal}) of a submission as stored, in one
    query: the answers and the numbers as one UNION ALL. No rule is applied: the caller has
    checked the user (a writer of the unit, or `_all_text_readable`).

    Written out in SQL, not built by the ORM: every draft save and every open of a report
    reads it, and building the UNION cost three times what the database takes to answer it
    (loadtest/README.md, seventh pass)."""
    answers = connection.ops.quote_name(SubmissionAnswer._meta.db_table)
    values = connection.ops.quote_name(SubmissionValue._meta.db_table)
    sql = (
        f"SELECT 0, id, section_id, part, text, NULL FROM {answers} WHERE submission_id = %s"  # noqa: S608 - the models' table names
        f" UNION ALL SELECT 1, id, field_id, '', '', value FROM {values} WHERE submission_id = %s"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [submission_id, submission_id])
        rows = cursor.fetchall()
    by_answer, by_value = {}, {}
    for kind, _pk, ref, part, text, value in sorted(rows, key=lambda row: (row[0], row[1])):
        if kind == 0:
            by_answer[(ref, part)] = text
        else:
            by_value[ref] = stored_decimal(value)
    return by_answer, by_value


def submission_content(user, submission: Submission | None) -> SubmissionContent:
    """The answers, numbers and attachments of `submission` that `user` may read (see
    `rules.py`). The caller obtained the submission from `submission_of`."""
    if submission is None:
        return SubmissionContent(answers={}, values={}, attachments=[])
    if not can_view_unit(user, submission.round, submission.org_unit):
        raise Http404
    saved = _saved_text(user, submission)
    readable = _all_text_readable(user, submission)
    if saved is not None:
        answers, values = dict(saved.answers), dict(saved.values)
    elif readable and _signed_in(user):
        answers, values = stored_text(submission.pk)
    else:
        answers = {
            (a.section_id, a.part): a.text
            for a in _text_of(
                user, SubmissionAnswer.objects.filter(submission=submission), readable
            )
        }
        values = {
            v.field_id: v.value
            for v in _text_of(user, SubmissionValue.objects.filter(submission=submission), readable)
        }
    if saved is not None and saved.attachments is not None:
        attachments = list(saved.attachments)
    elif getattr(submission, "_has_attachments", True):
        attachments = list(
            _text_of(user, SubmissionAttachment.objects.filter(submission=submission), readable)
        )
    else:
        attachments = []
    # `sent_or_own_unit` answered without a query when the report has arrived or the user
    # writes it (the rule's two branches, `may_write_report` being `report_writing_units`).
    hidden = not (
        submission.status in ARRIVED
        or may_write_report(user, submission.org_unit)
        or Submission.objects.filter(sent_or_own_unit(user), pk=submission.pk).exists()
    )
    return SubmissionContent(answers=answers, values=values, attachments=attachments, hidden=hidden)


def submission_attachment(user, submission: Submission | None, pk: int | None):
    """One attachment of the submission the user may read, or 404."""
    if submission is None or pk is None:
        raise Http404
    attachment = _text_of(
        user, SubmissionAttachment.objects.filter(submission=submission, pk=pk)
    ).first()
    if attachment is None:
        raise Http404
    return attachment


def submission_versions(user, submission: Submission) -> list[SubmissionVersion]:
    """The submission's snapshots the user may read, newest first."""
    return list(
        _text_of(user, SubmissionVersion.objects.filter(submission=submission))
        .select_related("actor")
        .order_by("-number")
    )


def last_return_comments(user, submission: Submission | None) -> dict:
    """{section id or None: [comments]} of the last return of a returned submission (the
    standing office's comments the unit corrects against), else {}."""
    if submission is None or submission.status != SubmissionStatus.RETURNED:
        return {}
    if not can_view_unit(user, submission.round, submission.org_unit):
        raise Http404
    last_return = submission.comments.order_by("-created_at").first()
    comments: dict = {}
    if last_return:
        for c in submission.comments.filter(version=last_return.version):
            comments.setdefault(c.section_id, []).append(c)
    return comments


def readable_submissions(user) -> QuerySet[Submission]:
    """Submissions whose full text (a document of the unit's own report) the user may read:
    SUBMISSION_VIEW on the unit, and sent or of the user's own unit (`rules.py`)."""
    return visible(user, SUBMISSION_VIEW, Submission.objects.all()).filter(sent_or_own_unit(user))


# ---------------------------------------------------------------- completeness

BUCKETS = ["on_time", "late", "returned", "awaiting_approval", "draft", "missing"]


def _bucket_q(bucket: str, prefix: str = "submission__") -> Q:
    status = f"{prefix}status"
    late = f"{prefix}is_late"
    return {
        "on_time": Q(**{f"{status}__in": ["submitted", "accepted"], late: False}),
        "late": Q(**{f"{status}__in": ["submitted", "accepted"], late: True}),
        "returned": Q(**{status: SubmissionStatus.RETURNED}),
        "awaiting_approval": Q(**{status: SubmissionStatus.AWAITING_APPROVAL}),
        "draft": Q(**{status: SubmissionStatus.DRAFT}),
        "missing": Q(**{f"{prefix[:-2]}__isnull": True}),
    }[bucket]


COUNTS = [*BUCKETS, "expected", "accepted"]


def _counted_in(status: str | None, is_late: bool | None) -> list[str]:
    """The counts (`COUNTS`) an expected unit adds to, as `_bucket_q` tells its bucket: no
    submission is missing; a report sent on time or late as its lateness says."""
    if status is None:
        keys = ["missing"]
    elif status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED):
        keys = {False: ["on_time"], True: ["late"]}.get(is_late, [])
    else:
        keys = [status]
    keys.append("expected")
    if status == SubmissionStatus.ACCEPTED:
        keys.append("accepted")
    return keys


def _group_counts(expected: QuerySet[ExpectedUnit]) -> list[dict]:
    """[{"unit_group_id", "unit_group__name", and each of `COUNTS`}] of the expected rows, by
    group name: the database counts the rows per group, status and lateness (a few rows),
    added up here."""
    groups: dict = {}
    combinations = (
        expected.values(
            "unit_group_id", "unit_group__name", "submission__status", "submission__is_late"
        )
        .annotate(n=Count("pk"))
        .order_by("unit_group__name", "unit_group_id")
    )
    for row in combinations:
        group = groups.get(row["unit_group_id"])
        if group is None:
            group = groups[row["unit_group_id"]] = {
                "unit_group_id": row["unit_group_id"],
                "unit_group__name": row["unit_group__name"],
                **dict.fromkeys(COUNTS, 0),
            }
        for key in _counted_in(row["submission__status"], row["submission__is_late"]):
            group[key] += row["n"]
    return list(groups.values())


@dataclass
class Completeness:
    totals: dict
    groups: list[dict]
    rows: QuerySet
    # How many rows there are, when the counts tell it (None: only `rows.count()` does).
    row_count: int | None = None
    group_choices: list = field(default_factory=list)


SORTS = {
    "name": ("org_unit__name",),
    "-name": ("-org_unit__name",),
    "status": ("submission__status", "org_unit__name"),
    "submitted": ("submission__first_submitted_at", "org_unit__name"),
    "-submitted": ("-submission__first_submitted_at", "org_unit__name"),
    "group": ("unit_group__name", "org_unit__name"),
}


def completeness(
    user,
    reporting_round: ReportingRound,
    *,
    bucket: str = "",
    group: str = "",
    q: str = "",
    sort: str = "name",
) -> Completeness:
    """Counts per round and per unit group, and the filtered per-unit rows (a lazy queryset
    of dicts), all computed in the database. 404 unless the user oversees the round."""
    if not can_oversee(user, reporting_round):
        raise Http404
    base = ExpectedUnit.objects.filter(round=reporting_round)
    groups = _group_counts(base)
    # Every expected unit is in exactly one group: the round's counts are the groups' sums.
    totals = {key: sum(g[key] for g in groups) for key in COUNTS}
    rows = base
    # The counts of the groups and buckets the rows are filtered to, when they tell how many.
    known = totals
    count_key = "expected"
    if bucket in BUCKETS:
        rows = rows.filter(_bucket_q(bucket))
        count_key = bucket
    elif bucket == "accepted":
        rows = rows.filter(submission__status=SubmissionStatus.ACCEPTED)
        count_key = bucket
    elif bucket == "to_review":
        rows = rows.filter(submission__status=SubmissionStatus.SUBMITTED)
        count_key = None
    if group == "none":
        rows = rows.filter(unit_group__isnull=True)
        known = next((g for g in groups if g["unit_group_id"] is None), {})
    elif (group_id := parse_id(group)) is not None:
        rows = rows.filter(unit_group_id=group_id)
        known = next((g for g in groups if g["unit_group_id"] == group_id), {})
    words = fold(q).split()
    row_count = known.get(count_key, 0) if count_key is not None and not words else None
    for word in words:
        rows = rows.filter(org_unit__search_text__contains=word)
    rows = rows.order_by(*SORTS.get(sort, SORTS["name"])).values(
        "org_unit_id",
        "org_unit__name",
        "org_unit__code",
        "unit_group__name",
        "submission__status",
        "submission__is_late",
        "submission__first_submitted_at",
        "submission__submitted_at",
        "submission__accepted_at",
        "submission__returned_at",
        "submission__updated_at",
    )
    return Completeness(
        totals=totals,
        groups=groups,
        rows=rows,
        row_count=row_count,
        group_choices=[(g["unit_group_id"], g["unit_group__name"]) for g in groups],
    )


def row_bucket(row: dict) -> str:
    status = row["submission__status"]
    if status is None:
        return "missing"
    if status in ("submitted", "accepted"):
        return "late" if row["submission__is_late"] else "on_time"
    return status


# ---------------------------------------------------------------- work lists


def rounds_to_answer(user) -> QuerySet[ExpectedUnit]:
    """Open rounds the user's units must answer (reporters and heads), with their status."""
    units = units_for(user, SUBMISSION_EDIT)
    return (
        ExpectedUnit.objects.filter(round__status=RoundStatus.OPEN, org_unit__in=units)
        .select_related("round", "org_unit", "submission")
        .order_by("round__deadline")
    )


def rounds_to_review(user) -> QuerySet[ReportingRound]:
    """Open rounds with submissions waiting for the user's review, with the count."""
    units = units_for(user, SUBMISSION_REVIEW)
    return (
        ReportingRound.objects.filter(status=RoundStatus.OPEN)
        .filter(Q(owner_unit__in=units) | Q(standing_office__in=units))
        .annotate(
            waiting=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED))
        )
        .filter(waiting__gt=0)
        .select_related("standing_office")
        .order_by("deadline")
    )


def unit_contacts(unit_ids, roles=(Role.REPORTER, Role.UNIT_HEAD)) -> QuerySet:
    """Active users who report for or head these units (membership on exactly the unit), or
    hold one of `roles` there: who a notice about the unit's report goes to."""
    return members_of(unit_ids, roles)


def office_contact_ids(reporting_round: ReportingRound) -> list[int]:
    """The ids of the standing office members of the round (placed on its standing office or
    owner unit), for `notify`, which skips the inactive: every report that arrives tells
    them, so they are kept between requests (`scoping.member_ids`)."""
    return member_ids(
        [reporting_round.standing_office_id, reporting_round.owner_unit_id],
        [Role.STANDING_OFFICE],
    )


# ---------------------------------------------------------------- a draft saved elsewhere


@dataclass
class Conflict:
    """One answer or number whose text on the server (`theirs`, saved elsewhere) differs from
    the text the user just tried to save (`mine`). `key` is the form field name."""

    key: str
    label: str
    theirs: str
    mine: str
    is_number: bool = False
    shown_theirs: str = ""


def draft_conflicts(user, submission: Submission, data: dict) -> list[Conflict]:
    """What differs between the stored draft and `data` (the form's answers and values as
    services.submission_save_draft takes them), in the order of the form. Keys of another
    round's form are ignored. 404 unless the user writes the unit's report."""
    if not may_write_report(user, submission.org_unit):
        raise Http404
    reporting_round = submission.round
    parts = dict(NarrativePart.choices)
    content = submission_content(user, submission)
    answers, stored = content.answers, content.values
    posted_answers = data.get("answers") or {}
    posted_values = data.get("values") or {}
    sections, loose = form_of(user, reporting_round)
    conflicts = []

    def number_conflict(numeric):
        if numeric.code not in posted_values or numeric.is_computed:
            return
        mine = str(posted_values[numeric.code] or "").strip()
        theirs = stored.get(numeric.pk)
        try:
            typed = parse_number(
                mine,
                integer=numeric.value_type == ValueType.INT,
                percent=numeric.value_type == ValueType.PERCENT,
            )
        except NumberError:
            typed = mine  # unreadable: shown as typed, never equal to a stored number
        if typed == theirs:
            return
        conflicts.append(
            Conflict(
                key=f"v_{numeric.code}",
                label=numeric.label,
                theirs=input_value(theirs),
                shown_theirs=format_number(theirs) if theirs is not None else "",
                mine=mine,
                is_number=True,
            )
        )

    for section in sections:
        for part in section.parts or ALL_PARTS:
            key = f"{section.pk}:{part}"
            if key not in posted_answers or part not in parts:
                continue
            mine = str(posted_answers[key] or "").replace("\r\n", "\n")
            theirs = answers.get((section.pk, part), "")
            if mine.strip() != theirs.strip():
                conflicts.append(
                    Conflict(
                        key=f"a_{section.pk}_{part}",
                        label=f"{section.number}. {section.title} · {parts[part]}",
                        theirs=theirs,
                        shown_theirs=theirs,
                        mine=mine,
                    )
                )
        for numeric_field in section.fields.all():
            number_conflict(numeric_field)
    for numeric_field in loose:
        number_conflict(numeric_field)
    return conflicts


# ---------------------------------------------------------------- indicator values


@dataclass
class IndicatorProblem:
    """A number of a report that an indicator rule refuses, and why."""

    code: str
    label: str
    value: str
    messages: list[str]
    input: str = ""

    @property
    def key(self) -> str:
        return f"v_{self.code}"


def _linked_values(submission: Submission) -> dict:
    return {
        (v.field.data_element_code, v.field.disaggregation or "total"): v
        for v in submission.values.select_related("field").exclude(field__data_element_code="")
    }


def indicator_problems_from(submission: Submission, result) -> list[IndicatorProblem]:
    """The refused values of an indicators CheckResult, as the report's fields."""
    if result is None or not getattr(result, "errors", None):
        return []
    linked = _linked_values(submission)
    problems = []
    for key, messages in result.errors.items():
        row = linked.get(key)
        if row is None:
            problems.append(IndicatorProblem(code="", label=key[0], value="", messages=messages))
            continue
        problems.append(
            IndicatorProblem(
                code=row.field.code,
                label=row.field.label,
                value=format_number(row.value),
                input=input_value(row.value),
                messages=list(messages),
            )
        )
    positions = {f.code: f.position for f in submission.round.fields.all()}
    return sorted(problems, key=lambda p: positions.get(p.code, -1))


def indicator_problems(user, submission: Submission) -> list[IndicatorProblem]:
    """The report's numbers that the indicators app would refuse to record now (its rules
    see the report's values over the values already stored for the unit and period). On
    acceptance the indicators app records all of them or none. Empty for a user who may not
    review the round, and when no field is linked to a data element."""
    from binhdang.indicators.services import _sub_period  # the one rule for DHIS2 periods
    from binhdang.indicators.validation import check_values

    reporting_round = submission.round
    if not can_review(user, reporting_round):
        return []
    linked = _linked_values(submission)
    if not linked:
        return []
    result = check_values(
        submission.org_unit,
        reporting_round.period_year,
        {key: row.value for key, row in linked.items()},
        sub_period=_sub_period(reporting_round),
    )
    return indicator_problems_from(submission, result)


# ---------------------------------------------------------------- units that closed


@dataclass
class ClosedExpectedUnit:
    """A unit a round expects that closed without sending its report, and the units that
    took over from it."""

    row: ExpectedUnit
    successors: list


def expected_closed_units(user):
    """Expected units of the open rounds `user` manages that closed
    (`OrgUnit.objects.closed`) and have not sent their report: for the standing office to
    re-address. With a shared cache, which units of each round closed is kept
    (`round_closed_unit_ids`) and the rows are asked for only when some did."""
    manage = units_for(user, ROUND_MANAGE)
    rounds = ReportingRound.objects.filter(status=RoundStatus.OPEN).filter(
        Q(owner_unit__in=manage) | Q(standing_office__in=manage)
    )
    if settings.BINHDANG_SHARED_CACHE:
        closed = Q()
        for round_id in rounds.values_list("pk", flat=True):
            if ids := round_closed_unit_ids(round_id):
                closed |= Q(round_id=round_id, org_unit_id__in=ids)
        if not closed:
            return ExpectedUnit.objects.none()
        rows = ExpectedUnit.objects.filter(closed)
    else:
        rows = ExpectedUnit.objects.filter(round__in=rounds).filter(
            closed_units_condition(prefix="org_unit__")
        )
    return (
        rows.exclude(submission__status__in=ARRIVED)
        .select_related("round", "org_unit", "submission")
        .order_by("round__deadline", "org_unit__name")
    )


CLOSED_SECONDS = 3600


def round_closed_unit_ids(round_id: int, on=None) -> list[int]:
    """The ids of the round's expected units closed by `on` (today when omitted), by
    `closed_units_condition`. With a shared cache they are kept there under the day and the
    generations of the expected units, the rounds and the unit tree, which every write of
    each counts on: most rounds have none, and the question costs a join of the round's
    units with the whole tree."""
    on = on or timezone.localdate()

    def read():
        return sorted(
            ExpectedUnit.objects.filter(round_id=round_id)
            .filter(closed_units_condition(on, prefix="org_unit__"))
            .values_list("org_unit_id", flat=True)
        )

    if not settings.BINHDANG_SHARED_CACHE:
        return read()
    return kept(
        f"reporting:closed:{round_id}:{on.isoformat()}",
        (EXPECTED_GENERATION, ROUNDS_GENERATION, UNITS_GENERATION),
        read,
        CLOSED_SECONDS,
    )


def round_closed_units(user, reporting_round: ReportingRound) -> QuerySet[ExpectedUnit]:
    """`expected_closed_units` of one round, by name. Whether the round is open and the
    user manages it is decided on the round, without a query (as `can_manage`); the
    database is asked for the rows only when some of its units closed."""
    if reporting_round.status != RoundStatus.OPEN or not can_manage(user, reporting_round):
        return ExpectedUnit.objects.none()
    ids = round_closed_unit_ids(reporting_round.pk)
    if not ids:
        return ExpectedUnit.objects.none()
    return (
        ExpectedUnit.objects.filter(round=reporting_round, org_unit_id__in=ids)
        .exclude(submission__status__in=ARRIVED)
        .select_related("org_unit", "submission")
        .order_by("org_unit__name")
    )


def closed_expected_flags(user, reporting_round: ReportingRound) -> list[ClosedExpectedUnit]:
    """`round_closed_units` with each unit's successors (`orgunits.succession`)."""
    from binhdang.orgunits.succession import successor_candidates

    flags = []
    for row in round_closed_units(user, reporting_round)[:500]:
        row.round = reporting_round
        flags.append(ClosedExpectedUnit(row, successor_candidates(row.org_unit)))
    return flags


def units_by_ids(values) -> list[OrgUnit]:
    """The units named by the ids of a form (bad ids are ignored)."""
    ids = [i for i in (parse_id(v) for v in values) if i is not None]
    return list(OrgUnit.objects.filter(pk__in=ids))


def expected_unit_of(reporting_round: ReportingRound, unit_id: int) -> OrgUnit:
    """A unit the round expects (the caller has checked the user may manage the round); 404
    otherwise."""
    unit = reporting_round.expected_units.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit

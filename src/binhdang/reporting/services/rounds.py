"""Rounds and their forms: create, set up from a directive, open, close, add sections and fields."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.core import registry
from binhdang.formats.markup import plain
from binhdang.orgunits.models import OrgUnit, UnitGroup
from binhdang.orgunits.succession import chosen_successors, closed_refusal

from .. import selectors
from ..errors import ReportingError
from ..models import (
    ALL_PARTS,
    ARRIVED,
    ExpectedUnit,
    FormSection,
    NumericField,
    ReportingRound,
    ReportType,
    RoundStatus,
    ValueType,
)
from ..regime import cutoff_window
from .common import _deny


def round_create(
    *,
    actor,
    title: str,
    slug: str,
    owner_unit: OrgUnit,
    standing_office: OrgUnit,
    opens_on: date,
    deadline: date,
    period_year: int,
    period_type: str = "year",
    period_number: int | None = None,
    directive=None,
    soft_copy_email: str = "",
    requires_head_approval: bool = False,
    reminder_offsets: list[int] | None = None,
    remind_every_days_after: int = 3,
    groups: Iterable[UnitGroup] = (),
    units: Iterable[OrgUnit] = (),
    report_type: str = ReportType.PERIODIC,
    cutoff_from: date | None = None,
    cutoff_to: date | None = None,
    report_template: str = "",
    delivery_method: str = "",
) -> ReportingRound:
    """Create a draft round addressed to `groups` and `units`. The actor needs ROUND_MANAGE
    on the owner unit or the standing office. The data cut-off window defaults to the one of
    the period (`regime.cutoff_window`: an annual report counts 15/12 of the year before to
    14/12). Raises ReportingError on a taken slug, a deadline before the opening date, a
    period number out of range or a window that ends before it starts."""
    if not (
        selectors.has_permission(actor, selectors.ROUND_MANAGE, owner_unit)
        or selectors.has_permission(actor, selectors.ROUND_MANAGE, standing_office)
    ):
        raise Http404
    if deadline < opens_on:
        raise ReportingError(_("The deadline cannot be before the opening date."))
    groups, units = list(groups), list(units)
    refusal = closed_refusal([owner_unit, standing_office, *units], opens_on) or closed_refusal(
        [group.owner for group in groups], opens_on
    )
    if refusal is not None:
        raise ReportingError(refusal)
    cutoff_from, cutoff_to = _window(
        period_type, period_year, period_number, cutoff_from, cutoff_to
    )
    with transaction.atomic():
        if ReportingRound.objects.filter(slug=slug).exists():
            raise ReportingError(_("A round with this short name already exists."))
        reporting_round = ReportingRound.objects.create(
            title=title,
            slug=slug,
            owner_unit=owner_unit,
            standing_office=standing_office,
            opens_on=opens_on,
            deadline=deadline,
            period_year=period_year,
            period_type=period_type,
            period_number=period_number,
            report_type=report_type,
            cutoff_from=cutoff_from,
            cutoff_to=cutoff_to,
            report_template=report_template,
            delivery_method=delivery_method,
            directive=directive,
            soft_copy_email=soft_copy_email,
            requires_head_approval=requires_head_approval,
            reminder_offsets=[-7, -2] if reminder_offsets is None else list(reminder_offsets),
            remind_every_days_after=remind_every_days_after,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        reporting_round.addressed_groups.set(list(groups))
        reporting_round.addressed_units.set(list(units))
        record(actor=actor, action="round.create", obj=reporting_round, org_unit=owner_unit)
    return reporting_round


def _window(
    period_type: str,
    period_year: int,
    period_number: int | None,
    cutoff_from: date | None,
    cutoff_to: date | None,
) -> tuple[date, date]:
    """The cut-off window to store: the one given, its missing end taken from the period's."""
    if cutoff_from is None or cutoff_to is None:
        try:
            default_from, default_to = cutoff_window(period_type, period_year, period_number)
        except ValueError as exc:
            raise ReportingError(_("The period number does not fit the period.")) from exc
        cutoff_from = cutoff_from or default_from
        cutoff_to = cutoff_to or default_to
    if cutoff_to < cutoff_from:
        raise ReportingError(_("The data cut-off window ends before it starts."))
    return cutoff_from, cutoff_to


REGIME_FIELDS = ("report_type", "cutoff_from", "cutoff_to", "report_template", "delivery_method")


def round_regime_update(
    *,
    actor,
    reporting_round: ReportingRound,
    report_type: str,
    cutoff_from: date | None,
    cutoff_to: date | None,
    report_template: str = "",
    delivery_method: str = "",
) -> ReportingRound:
    """Change what the round states of its reporting regime: report type, data cut-off
    window (an empty end takes the period's default), outline and how reports are sent.
    Http404 without ROUND_MANAGE on the round; ReportingError once it is closed or on a
    window that ends before it starts. Audited with the old and new values."""
    _deny(selectors.can_manage(actor, reporting_round))
    if reporting_round.status == RoundStatus.CLOSED:
        raise ReportingError(_("This round is closed."))
    if report_type not in ReportType.values:
        raise ReportingError(_("Choose a report type."))
    cutoff_from, cutoff_to = _window(
        reporting_round.period_type,
        reporting_round.period_year,
        reporting_round.period_number,
        cutoff_from,
        cutoff_to,
    )
    new = {
        "report_type": report_type,
        "cutoff_from": cutoff_from,
        "cutoff_to": cutoff_to,
        "report_template": report_template,
        "delivery_method": delivery_method,
    }
    changes = {
        name: [str(getattr(reporting_round, name) or ""), str(value or "")]
        for name, value in new.items()
        if getattr(reporting_round, name) != value
    }
    if not changes:
        return reporting_round
    with transaction.atomic():
        for name, value in new.items():
            setattr(reporting_round, name, value)
        reporting_round.save(update_fields=list(REGIME_FIELDS))
        record(
            actor=actor,
            action="round.regime_update",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes=changes,
        )
    return reporting_round


def section_add(
    *,
    reporting_round: ReportingRound,
    number: str,
    title: str,
    task=None,
    guidance: str = "",
    parts: list[str] | None = None,
    position: int | None = None,
) -> FormSection:
    """Add (or update, by number) a narrative section of the round's form."""
    section, _created = FormSection.objects.update_or_create(
        round=reporting_round,
        number=number,
        defaults={
            "title": title,
            "task": task,
            "guidance": guidance,
            "parts": parts or list(ALL_PARTS),
            "position": position if position is not None else reporting_round.sections.count(),
        },
    )
    return section


def field_add(*, reporting_round: ReportingRound, code: str, label: str, **values) -> NumericField:
    """Add (or update, by code) a numeric field of the round's form."""
    values.setdefault("position", reporting_round.fields.count())
    field, _created = NumericField.objects.update_or_create(
        round=reporting_round, code=code, defaults={"label": label, **values}
    )
    return field


def round_open(*, actor, reporting_round: ReportingRound) -> int:
    """Open a draft round: freeze its expected units from the addressed groups (each row
    remembers its group) and single units. Returns the number of expected units. Running it
    on an open round adds units that joined a group since (never removes any)."""
    _deny(actor is None or selectors.can_manage(actor, reporting_round))
    if reporting_round.status == RoundStatus.CLOSED:
        raise ReportingError(_("This round is closed."))
    with transaction.atomic():
        rows: dict[int, int | None] = {}
        for group in reporting_round.addressed_groups.all():
            members = group.resolve().current(on=reporting_round.opens_on)
            for unit_id in members.values_list("pk", flat=True):
                rows.setdefault(unit_id, group.pk)
        for unit_id in reporting_round.addressed_units.values_list("pk", flat=True):
            rows.setdefault(unit_id, None)
        ExpectedUnit.objects.bulk_create(
            [
                ExpectedUnit(round=reporting_round, org_unit_id=u, unit_group_id=g)
                for u, g in rows.items()
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        changes = {"expected_units": len(rows)}
        if reporting_round.status != RoundStatus.OPEN:
            changes["status"] = [reporting_round.status, RoundStatus.OPEN]
            reporting_round.status = RoundStatus.OPEN
            reporting_round.save(update_fields=["status"])
        record(
            actor=actor,
            action="round.open",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes=changes,
        )
    return ExpectedUnit.objects.filter(round=reporting_round).count()


def round_close(*, actor, reporting_round: ReportingRound) -> None:
    _deny(selectors.can_manage(actor, reporting_round))
    with transaction.atomic():
        reporting_round.status = RoundStatus.CLOSED
        reporting_round.save(update_fields=["status"])
        record(actor=actor, action="round.close", obj=reporting_round)


COPIED_FIELD_ATTRS = (
    "unit_of_measure",
    "value_type",
    "min_value",
    "max_value",
    "required",
    "data_element_code",
    "disaggregation",
    "computed_from",
)


def round_setup(
    *, actor, directive=None, copy_fields_from: ReportingRound | None = None, **values
) -> ReportingRound:
    """Create a draft round (`values` as for `round_create`) with its form, all or nothing:
    one section per top-level task of `directive` (number and title, linked to the task), and
    the numeric fields of `copy_fields_from` (the caller has checked the actor may see it;
    a field keeps its section when the new form has a section of the same number).
    Raises Http404 without ROUND_MANAGE, ReportingError on bad values."""
    with transaction.atomic():
        reporting_round = round_create(actor=actor, directive=directive, **values)
        if directive is not None:
            # Top-level items are numbered without a dot ("1", "2"), as on the paper form.
            top = directive.tasks.exclude(number__contains=".").order_by("position", "id")
            for task in top:
                section_add(
                    reporting_round=reporting_round,
                    number=task.number,
                    title=(plain(task.title or task.text) or task.number)[:500],
                    task=task,
                )
        if copy_fields_from is not None:
            sections = {s.number: s for s in reporting_round.sections.all()}
            copied: dict[int, NumericField] = {}
            for field in copy_fields_from.fields.select_related("section").order_by(
                "position", "id"
            ):
                copied[field.pk] = field_add(
                    reporting_round=reporting_round,
                    code=field.code,
                    label=field.label,
                    section=sections.get(field.section.number) if field.section else None,
                    part_of=copied.get(field.part_of_id),
                    numerator=copied.get(field.numerator_id),
                    denominator=copied.get(field.denominator_id),
                    **{name: getattr(field, name) for name in COPIED_FIELD_ATTRS},
                )
        record(
            actor=actor,
            action="round.setup",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={
                "sections": reporting_round.sections.count(),
                "fields": reporting_round.fields.count(),
            },
        )
    return reporting_round


def _editable_form(actor, reporting_round: ReportingRound) -> None:
    _deny(selectors.can_manage(actor, reporting_round))
    if reporting_round.status != RoundStatus.DRAFT:
        raise ReportingError(_("The form can only be changed while the round is a draft."))


def form_section_add(
    *, actor, reporting_round: ReportingRound, number: str, title: str
) -> FormSection:
    """Add (or retitle, by number) a section of a draft round's form. Http404 without
    ROUND_MANAGE on the round; ReportingError once the round is open."""
    _editable_form(actor, reporting_round)
    with transaction.atomic():
        section = section_add(reporting_round=reporting_round, number=number, title=title)
        record(
            actor=actor,
            action="round.section_add",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={"number": number, "title": title},
        )
    return section


def form_field_add(
    *,
    actor,
    reporting_round: ReportingRound,
    code: str,
    label: str,
    unit_of_measure: str = "",
    value_type: str = ValueType.INT,
    section: FormSection | None = None,
    computed_from: str = "",
) -> NumericField:
    """Add (or update, by code) a numeric field of a draft round's form, typed by the units
    or counted from the records (`computed_from`, a figure key). Http404 without
    ROUND_MANAGE on the round; ReportingError once the round is open."""
    _editable_form(actor, reporting_round)
    if section is not None and section.round_id != reporting_round.pk:
        raise ReportingError(_("This section belongs to another round."))
    if computed_from and registry.figure(computed_from) is None:
        raise ReportingError(_("No installed app counts this figure."))
    with transaction.atomic():
        field = field_add(
            reporting_round=reporting_round,
            code=code,
            label=label,
            unit_of_measure=unit_of_measure,
            value_type=value_type,
            section=section,
            computed_from=computed_from,
        )
        record(
            actor=actor,
            action="round.field_add",
            obj=reporting_round,
            org_unit=reporting_round.owner_unit,
            changes={"code": code, "label": label, "computed_from": computed_from},
        )
    return field


@transaction.atomic
def expected_unit_readdress(
    *, actor, reporting_round: ReportingRound, org_unit: OrgUnit, to_units=None
) -> list[OrgUnit]:
    """Expect the report of a closed unit that has not sent one from the units that took
    over from it (`orgunits.succession.successor_candidates`, or the chosen ones among
    them): they become expected units of the round, the closed unit no longer is (a draft it
    started stays, readable as before). Running it again does nothing and returns [].

    404 unless the actor manages the round; ReportingError for a closed round, a report that
    was already sent, a successor outside the actor's scope, or none known."""
    _deny(selectors.can_manage(actor, reporting_round))
    if reporting_round.status == RoundStatus.CLOSED:
        raise ReportingError(_("This round is closed."))
    row = (
        ExpectedUnit.objects.select_for_update(of=("self",))
        .select_related("submission")
        .filter(round=reporting_round, org_unit=org_unit)
        .first()
    )
    if row is None or not OrgUnit.objects.closed().filter(pk=org_unit.pk).exists():
        return []
    if row.submission is not None and row.submission.status in ARRIVED:
        raise ReportingError(_("This unit already sent its report: it stays expected."))
    successors, refusal = chosen_successors(org_unit, to_units)
    if refusal:
        raise ReportingError(refusal)
    outside = [u.name for u in successors if not selectors.has_permission(
        actor, selectors.ROUND_MANAGE, u
    )]  # fmt: skip
    if outside:
        raise ReportingError(
            _("These units are outside your scope: %(units)s.") % {"units": ", ".join(outside)}
        )
    ExpectedUnit.objects.bulk_create(
        [ExpectedUnit(round=reporting_round, org_unit=u) for u in successors],
        ignore_conflicts=True,
    )
    row.delete()
    if reporting_round.addressed_units.filter(pk=org_unit.pk).exists():
        reporting_round.addressed_units.remove(org_unit)
        reporting_round.addressed_units.add(*successors)
    record(
        actor=actor,
        action="round.readdress",
        obj=reporting_round,
        org_unit=reporting_round.owner_unit,
        changes={"from": org_unit.name, "to": [u.name for u in successors]},
    )
    return successors

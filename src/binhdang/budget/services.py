"""Writes of budget lines: each in a transaction, with an audit entry, refusing what the actor
may not do or what cannot be stored with a Vietnamese message (`BudgetError`)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import OrgUnit

from .models import MAX_AMOUNT, MAX_YEAR, MIN_YEAR, BudgetEntry, LinkKind, Source, SpendingLine
from .permissions import BUDGET_EDIT


class BudgetError(ValidationError):
    """A budget line that cannot be saved; `message` is for the user."""


@dataclass
class EntryData:
    org_unit: OrgUnit
    year: int
    source: str
    spending_line: SpendingLine
    planned: int
    spent: int
    description: str = ""
    link_kind: str = ""
    link_id: int | None = None
    link_label: str = ""


FIELDS = (
    "org_unit",
    "year",
    "source",
    "spending_line",
    "planned",
    "spent",
    "description",
    "link_kind",
    "link_id",
    "link_label",
)


def _checked(actor, data: EntryData) -> dict:
    if data.org_unit is None or not has_permission(actor, BUDGET_EDIT, data.org_unit):
        raise BudgetError(_("You may not record the budget of this unit."))
    if not (MIN_YEAR <= int(data.year) <= MAX_YEAR):
        raise BudgetError(
            _("The year must be between %(low)s and %(high)s.")
            % {"low": MIN_YEAR, "high": MAX_YEAR}
        )
    unit = data.org_unit
    if (unit.valid_from and unit.valid_from.year > int(data.year)) or (
        unit.valid_to and unit.valid_to.year < int(data.year)
    ):
        raise BudgetError(
            _("%(unit)s did not exist in %(year)s.") % {"unit": unit.name, "year": data.year}
        )
    if data.source not in Source.values:
        raise BudgetError(_("Choose a source from the list."))
    if data.spending_line is None:
        raise BudgetError(_("Choose a spending line from the list."))
    for amount in (data.planned, data.spent):
        if amount is None or not (0 <= int(amount) <= MAX_AMOUNT):
            raise BudgetError(_("An amount must be a whole number of đồng, 0 or more."))
    if data.link_kind not in LinkKind.values:
        raise BudgetError(_("Choose what it paid for from the list."))
    try:
        description = clean_text(data.description or "", max_length=500)
        label = clean_text(data.link_label or "", max_length=300)
    except TextError as exc:
        raise BudgetError(exc.message) from exc
    if not data.link_kind and (data.link_id or label):
        raise BudgetError(_("Say what kind of record it paid for, or leave the link empty."))
    if data.link_kind and not (data.link_id or label):
        raise BudgetError(_("Give the number or the name of what it paid for."))
    return {
        "org_unit": data.org_unit,
        "year": int(data.year),
        "source": data.source,
        "spending_line": data.spending_line,
        "planned": int(data.planned),
        "spent": int(data.spent),
        "description": description,
        "link_kind": data.link_kind,
        "link_id": data.link_id or None,
        "link_label": label,
    }


def entry_create(*, actor, data: EntryData) -> BudgetEntry:
    """Record a budget line of a unit the actor may edit."""
    values = _checked(actor, data)
    with transaction.atomic():
        entry = BudgetEntry.objects.create(**values, created_by=actor, updated_by=actor)
        record(
            actor=actor,
            action="budget.entry.create",
            obj=entry,
            org_unit=entry.org_unit,
            changes={k: [None, v] for k, v in values.items()},
        )
    return entry


def entry_update(*, actor, entry: BudgetEntry, data: EntryData) -> BudgetEntry:
    """Change a budget line; moving it to another unit needs the right on both."""
    if not has_permission(actor, BUDGET_EDIT, entry.org_unit):
        raise BudgetError(_("You may not record the budget of this unit."))
    values = _checked(actor, data)
    with transaction.atomic():
        locked = BudgetEntry.objects.select_for_update().get(pk=entry.pk)
        changes = diff(locked, values)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.updated_by = actor
        locked.save()
        record(
            actor=actor,
            action="budget.entry.update",
            obj=locked,
            org_unit=locked.org_unit,
            changes=changes,
        )
    return locked


def entry_delete(*, actor, entry: BudgetEntry) -> None:
    """Remove a budget line (kept in the audit log with its amounts)."""
    if not has_permission(actor, BUDGET_EDIT, entry.org_unit):
        raise BudgetError(_("You may not record the budget of this unit."))
    with transaction.atomic():
        record(
            actor=actor,
            action="budget.entry.delete",
            obj=entry,
            org_unit=entry.org_unit,
            changes={
                "year": entry.year,
                "source": entry.source,
                "spending_line": entry.spending_line.code,
                "planned": entry.planned,
                "spent": entry.spent,
            },
        )
        entry.delete()

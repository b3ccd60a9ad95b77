"""Every change to the economic-empowerment records: each in one transaction, each audited.

Errors a user can act on are raised as `EmpowermentError` with a translated message."""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import OrgUnit

from .models import Programme, Support, SupportKind
from .permissions import EMPOWERMENT_RECORD
from .selectors import commune_choices

MAX_COUNT = 10_000_000
MAX_AMOUNT = Decimal("1e15")


class EmpowermentError(Exception):
    """A change that cannot be made; `str(exc)` is the message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class SupportData:
    org_unit: OrgUnit
    programme: str
    kind: str
    title: str
    given_on: date
    beneficiaries_total: int
    women: int = 0
    ethnic: int = 0
    poor: int = 0
    violence_victims: int = 0
    other_vulnerable: int = 0
    amount: Decimal = Decimal(0)
    project_name: str = ""
    commune: OrgUnit | None = None
    note: str = ""


PART_LABELS = {
    "women": gettext_lazy("Of whom women"),
    "ethnic": gettext_lazy("Of whom ethnic minority"),
    "poor": gettext_lazy("Of whom poor or near-poor"),
    "violence_victims": gettext_lazy("Of whom victims of violence"),
    "other_vulnerable": gettext_lazy("Of whom other vulnerable people"),
}


def _text(value, label, *, max_length: int, required: bool = False) -> str:
    try:
        text = clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise EmpowermentError(f"{label}: {exc.message}") from exc
    if required and not text:
        raise EmpowermentError(_("%(field)s: this field is required.") % {"field": label})
    return text


def _count(value, label) -> int:
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
        raise EmpowermentError(
            _("%(field)s: enter a whole number from 0 to 10.000.000.") % {"field": label}
        )
    return value


def _cleaned(actor, data: SupportData) -> dict:
    if not has_permission(actor, EMPOWERMENT_RECORD, data.org_unit):
        raise EmpowermentError(_("You may not record support for this unit."))
    if data.programme not in Programme.values:
        raise EmpowermentError(_("Choose a programme from the list."))
    if data.kind not in SupportKind.values:
        raise EmpowermentError(_("Choose a kind of support from the list."))
    if data.given_on is None or data.given_on > timezone.localdate() or data.given_on.year < 2000:
        raise EmpowermentError(_("Give the date of the support, from 2000 up to today."))
    if (
        data.commune is not None
        and not commune_choices(data.org_unit).filter(pk=data.commune.pk).exists()
    ):
        raise EmpowermentError(
            _("%(commune)s is not a commune of the unit's area.") % {"commune": data.commune.name}
        )
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    values["title"] = _text(data.title, _("Content"), max_length=300, required=True)
    values["project_name"] = _text(data.project_name, _("Project"), max_length=200)
    values["note"] = _text(data.note, _("Note"), max_length=4000)
    values["beneficiaries_total"] = _count(data.beneficiaries_total, _("Beneficiaries"))
    if values["beneficiaries_total"] == 0:
        raise EmpowermentError(_("Give the number of beneficiaries."))
    for part, label in PART_LABELS.items():
        values[part] = _count(getattr(data, part), label)
        if values[part] > values["beneficiaries_total"]:
            raise EmpowermentError(
                _("%(field)s cannot be more than the beneficiaries.") % {"field": label}
            )
    amount = data.amount if data.amount is not None else Decimal(0)
    if not isinstance(amount, Decimal | int) or amount < 0 or amount > MAX_AMOUNT:
        raise EmpowermentError(_("The amount must be a number of đồng, not negative."))
    if Decimal(amount) != Decimal(amount).to_integral_value():
        raise EmpowermentError(_("The amount is in whole đồng."))
    values["amount"] = Decimal(amount)
    return values


def support_create(*, actor, data: SupportData) -> Support:
    """Record a support given by `data.org_unit`."""
    values = _cleaned(actor, data)
    with transaction.atomic():
        support = Support.objects.create(**values, created_by=actor)
        record(
            actor=actor,
            action="empowerment.create",
            obj=support,
            org_unit=support.org_unit,
            changes={k: v for k, v in values.items() if v not in ("", None)},
        )
    return support


def support_update(*, actor, support: Support, data: SupportData) -> Support:
    """Correct a support record; the unit may not move to one the actor does not record for."""
    if not has_permission(actor, EMPOWERMENT_RECORD, support.org_unit):
        raise EmpowermentError(_("You may not record support for this unit."))
    values = _cleaned(actor, data)
    with transaction.atomic():
        changes = diff(support, values)
        for field, value in values.items():
            setattr(support, field, value)
        support.save()
        record(
            actor=actor,
            action="empowerment.update",
            obj=support,
            org_unit=support.org_unit,
            changes=changes,
        )
    return support


def support_delete(*, actor, support: Support) -> None:
    """Remove a support record entered by mistake (kept in the audit log)."""
    if not has_permission(actor, EMPOWERMENT_RECORD, support.org_unit):
        raise EmpowermentError(_("You may not record support for this unit."))
    with transaction.atomic():
        record(
            actor=actor,
            action="empowerment.delete",
            obj=support,
            org_unit=support.org_unit,
            changes={
                "title": support.title,
                "given_on": support.given_on,
                "beneficiaries_total": support.beneficiaries_total,
                "amount": support.amount,
            },
        )
        support.delete()

"""Writes of drafted documents: each in a transaction, with an audit entry, refusing what the
actor may not do or what cannot be stored with a Vietnamese message (`MainstreamingError`)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import OrgUnit

from .models import MAX_YEAR, MIN_YEAR, DocumentKind, DraftedDocument, Outcome
from .permissions import MAINSTREAMING_EDIT


class MainstreamingError(ValidationError):
    """A record that cannot be saved; `message` is for the user."""


@dataclass
class DocumentData:
    org_unit: OrgUnit
    year: int
    kind: str
    title: str
    number_symbol: str = ""
    drafted_on: datetime.date | None = None
    gender_assessed: bool = False
    assessment_report: bool = False
    justice_appraisal: bool = False
    method_note: str = ""
    outcome: str = Outcome.DRAFTING
    outcome_note: str = ""


def _text(value: str, max_length: int) -> str:
    try:
        return clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise MainstreamingError(exc.message) from exc


def _checked(actor, data: DocumentData) -> dict:
    unit = data.org_unit
    if unit is None or not has_permission(actor, MAINSTREAMING_EDIT, unit):
        raise MainstreamingError(_("You may not record the documents of this unit."))
    year = int(data.year)
    if not (MIN_YEAR <= year <= MAX_YEAR):
        raise MainstreamingError(
            _("The year must be between %(low)s and %(high)s.")
            % {"low": MIN_YEAR, "high": MAX_YEAR}
        )
    if (unit.valid_from and unit.valid_from.year > year) or (
        unit.valid_to and unit.valid_to.year < year
    ):
        raise MainstreamingError(
            _("%(unit)s did not exist in %(year)s.") % {"unit": unit.name, "year": year}
        )
    if data.kind not in DocumentKind.values:
        raise MainstreamingError(_("Choose the kind of document from the list."))
    if data.outcome not in Outcome.values:
        raise MainstreamingError(_("Choose the outcome from the list."))
    title = _text(data.title, 500)
    if not title:
        raise MainstreamingError(_("Give the title of the document."))
    if data.drafted_on is not None and data.drafted_on.year != year:
        raise MainstreamingError(_("The date must fall in the year of the record."))
    if not data.gender_assessed and (data.assessment_report or data.justice_appraisal):
        raise MainstreamingError(
            _(
                "An assessment report or an appraisal of the mainstreaming is recorded only for "
                "a document in which gender equality was mainstreamed."
            )
        )
    return {
        "org_unit": unit,
        "year": year,
        "kind": data.kind,
        "title": title,
        "number_symbol": _text(data.number_symbol, 80),
        "drafted_on": data.drafted_on,
        "gender_assessed": bool(data.gender_assessed),
        "assessment_report": bool(data.assessment_report),
        "justice_appraisal": bool(data.justice_appraisal),
        "method_note": _text(data.method_note, 1000),
        "outcome": data.outcome,
        "outcome_note": _text(data.outcome_note, 1000),
    }


def document_create(*, actor, data: DocumentData) -> DraftedDocument:
    """Record a document a unit the actor may edit drafted."""
    values = _checked(actor, data)
    with transaction.atomic():
        document = DraftedDocument.objects.create(**values, created_by=actor, updated_by=actor)
        record(
            actor=actor,
            action="mainstreaming.document.create",
            obj=document,
            org_unit=document.org_unit,
            changes={k: [None, v] for k, v in values.items()},
        )
    return document


def document_update(*, actor, document: DraftedDocument, data: DocumentData) -> DraftedDocument:
    if not has_permission(actor, MAINSTREAMING_EDIT, document.org_unit):
        raise MainstreamingError(_("You may not record the documents of this unit."))
    values = _checked(actor, data)
    with transaction.atomic():
        locked = DraftedDocument.objects.select_for_update().get(pk=document.pk)
        changes = diff(locked, values)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.updated_by = actor
        locked.save()
        record(
            actor=actor,
            action="mainstreaming.document.update",
            obj=locked,
            org_unit=locked.org_unit,
            changes=changes,
        )
    return locked


def document_delete(*, actor, document: DraftedDocument) -> None:
    if not has_permission(actor, MAINSTREAMING_EDIT, document.org_unit):
        raise MainstreamingError(_("You may not record the documents of this unit."))
    with transaction.atomic():
        record(
            actor=actor,
            action="mainstreaming.document.delete",
            obj=document,
            org_unit=document.org_unit,
            changes={"title": document.title, "year": document.year, "kind": document.kind},
        )
        document.delete()

"""Writes of inspections, follow-up items, files and complaints: each in a transaction, with
an audit entry, refusing what the actor may not do or what cannot be stored with a Vietnamese
message (`InspectionError`)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import OrgUnit

from .models import (
    Acceptance,
    Channel,
    ComplainantIdentity,
    Complaint,
    ComplaintKind,
    Complexity,
    FollowUp,
    FollowUpStatus,
    Inspection,
    InspectionFile,
    InspectionKind,
    Outcome,
)
from .permissions import COMPLAINT_HANDLE, INSPECTION_EDIT

FILE_EXTENSIONS = {"pdf", "docx", "doc", "xlsx", "xls", "jpg", "jpeg", "png"}


class InspectionError(ValidationError):
    """A record that cannot be saved; `message` is for the user."""


def _text(value, max_length: int | None = None, *, required: str = "") -> str:
    try:
        text = clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise InspectionError(exc.message) from exc
    if required and not text:
        raise InspectionError(required)
    return text


def _not_future(day: datetime.date | None, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise InspectionError(_("%(what)s cannot be in the future.") % {"what": what})


def _existed(unit: OrgUnit, day: datetime.date) -> None:
    if (unit.valid_from and unit.valid_from > day) or (unit.valid_to and unit.valid_to < day):
        raise InspectionError(
            _("%(unit)s did not exist on %(date)s.")
            % {"unit": unit.name, "date": day.strftime("%d/%m/%Y")}
        )


# ---------------------------------------------------------------- inspections


@dataclass
class InspectionData:
    org_unit: OrgUnit
    title: str
    started_on: datetime.date
    inspected_units: list = field(default_factory=list)
    kind: str = InspectionKind.CHECK
    plan: str = ""
    ended_on: datetime.date | None = None
    scope_law: bool = False
    scope_strategy: bool = False
    scope_dv: bool = False
    findings: str = ""
    recommendations: str = ""


def _inspection_values(actor, data: InspectionData) -> dict:
    unit = data.org_unit
    if unit is None or not has_permission(actor, INSPECTION_EDIT, unit):
        raise InspectionError(_("You may not record the inspections of this unit."))
    if data.kind not in InspectionKind.values:
        raise InspectionError(_("Choose the kind from the list."))
    if data.started_on is None:
        raise InspectionError(_("Give the date the inspection began."))
    if data.ended_on is not None and data.ended_on < data.started_on:
        raise InspectionError(_("The inspection cannot end before it began."))
    _existed(unit, data.started_on)
    if not data.inspected_units:
        raise InspectionError(_("Choose the units inspected."))
    for inspected in data.inspected_units:
        _existed(inspected, data.started_on)
    if not (data.scope_law or data.scope_strategy or data.scope_dv):
        raise InspectionError(_("Tick at least one matter inspected."))
    return {
        "org_unit": unit,
        "kind": data.kind,
        "title": _text(data.title, 300, required=_("Give the title of the inspection.")),
        "plan": _text(data.plan, 300),
        "started_on": data.started_on,
        "ended_on": data.ended_on,
        "scope_law": bool(data.scope_law),
        "scope_strategy": bool(data.scope_strategy),
        "scope_dv": bool(data.scope_dv),
        "findings": _text(data.findings, 20000),
        "recommendations": _text(data.recommendations, 20000),
    }


def inspection_create(*, actor, data: InspectionData) -> Inspection:
    """Record an inspection made by a unit the actor may edit."""
    values = _inspection_values(actor, data)
    with transaction.atomic():
        inspection = Inspection.objects.create(**values, created_by=actor)
        inspection.inspected_units.set(data.inspected_units)
        record(
            actor=actor,
            action="inspection.create",
            obj=inspection,
            org_unit=inspection.org_unit,
            changes={
                **{k: [None, v] for k, v in values.items()},
                "inspected_units": [None, [u.pk for u in data.inspected_units]],
            },
        )
    return inspection


def inspection_update(*, actor, inspection: Inspection, data: InspectionData) -> Inspection:
    if not has_permission(actor, INSPECTION_EDIT, inspection.org_unit):
        raise InspectionError(_("You may not record the inspections of this unit."))
    values = _inspection_values(actor, data)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        changes = diff(locked, values)
        before = sorted(locked.inspected_units.values_list("pk", flat=True))
        after = sorted(u.pk for u in data.inspected_units)
        if before != after:
            changes["inspected_units"] = [before, after]
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save()
        locked.inspected_units.set(data.inspected_units)
        record(
            actor=actor,
            action="inspection.update",
            obj=locked,
            org_unit=locked.org_unit,
            changes=changes,
        )
    return locked


def _may_edit_inspection(actor, inspection: Inspection) -> bool:
    return has_permission(actor, INSPECTION_EDIT, inspection.org_unit)


def follow_up_add(
    *,
    actor,
    inspection: Inspection,
    text: str,
    responsible_unit: OrgUnit | None = None,
    due_on: datetime.date | None = None,
) -> FollowUp:
    """Add what the inspection asked to be done (by the inspecting unit's editors)."""
    if not _may_edit_inspection(actor, inspection):
        raise InspectionError(_("You may not record the inspections of this unit."))
    text = _text(text, 1000, required=_("Say what is to be done."))
    if due_on is not None and due_on < inspection.started_on:
        raise InspectionError(_("The due date cannot be before the inspection began."))
    with transaction.atomic():
        item = FollowUp.objects.create(
            inspection=inspection, text=text, responsible_unit=responsible_unit, due_on=due_on
        )
        record(
            actor=actor,
            action="inspection.follow_up.add",
            obj=inspection,
            org_unit=inspection.org_unit,
            changes={"follow_up": item.pk, "text": text, "due_on": due_on,
                     "responsible_unit": responsible_unit},
        )  # fmt: skip
    return item


def may_update_follow_up(actor, item: FollowUp) -> bool:
    """The inspecting unit's editors, and the responsible unit's own."""
    if _may_edit_inspection(actor, item.inspection):
        return True
    unit = item.responsible_unit
    return unit is not None and has_permission(actor, INSPECTION_EDIT, unit)


def follow_up_set_status(
    *, actor, item: FollowUp, status: str, done_on: datetime.date | None = None, note: str = ""
) -> FollowUp:
    if not may_update_follow_up(actor, item):
        raise InspectionError(_("You may not update this follow-up item."))
    if status not in FollowUpStatus.values:
        raise InspectionError(_("Choose the status from the list."))
    if status == FollowUpStatus.DONE:
        done_on = done_on or timezone.localdate()
        _not_future(done_on, _("The date it was done"))
        if done_on < item.inspection.started_on:
            raise InspectionError(_("It cannot be done before the inspection began."))
    else:
        done_on = None
    note = _text(note, 1000)
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=item.pk)
        changes = diff(locked, {"status": status, "done_on": done_on, "note": note})
        locked.status, locked.done_on, locked.note = status, done_on, note
        locked.save(update_fields=["status", "done_on", "note"])
        record(
            actor=actor,
            action="inspection.follow_up.status",
            obj=locked.inspection,
            org_unit=locked.inspection.org_unit,
            changes={"follow_up": locked.pk, **changes},
        )
    return locked


def file_add(*, actor, inspection: Inspection, uploaded) -> InspectionFile:
    """Check and store a file of the inspection (its decision, minutes, conclusion)."""
    if not _may_edit_inspection(actor, inspection):
        raise InspectionError(_("You may not record the inspections of this unit."))
    try:
        checked = check_upload(uploaded, FILE_EXTENSIONS)
    except UploadRejected as exc:
        raise InspectionError(str(exc)) from exc
    attachment = InspectionFile(
        inspection=inspection, original_name=checked.name, size=checked.size, uploaded_by=actor
    )
    with transaction.atomic():
        attachment.file.save(checked.name, uploaded, save=False)
        try:
            attachment.save()
            record(
                actor=actor,
                action="inspection.file.add",
                obj=inspection,
                org_unit=inspection.org_unit,
                changes={"file": checked.name, "size": checked.size},
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


# ---------------------------------------------------------------- complaints


@dataclass
class ComplaintData:
    org_unit: OrgUnit
    kind: str
    received_on: datetime.date
    channel: str
    respondent: str
    content: str
    complexity: str = Complexity.ORDINARY
    remote_area: bool = False


@dataclass
class IdentityData:
    name: str
    contact: str = ""
    address: str = ""


def _complaint_values(actor, data: ComplaintData) -> dict:
    unit = data.org_unit
    if unit is None or not has_permission(actor, COMPLAINT_HANDLE, unit):
        raise InspectionError(_("You may not handle the complaints of this unit."))
    if data.kind not in ComplaintKind.values:
        raise InspectionError(_("Choose whether it is a complaint or a denunciation."))
    if data.channel not in Channel.values:
        raise InspectionError(_("Choose the channel from the list."))
    if data.complexity not in Complexity.values:
        raise InspectionError(_("Choose the complexity from the list."))
    if data.received_on is None:
        raise InspectionError(_("Give the date it was received."))
    _not_future(data.received_on, _("The date it was received"))
    _existed(unit, data.received_on)
    return {
        "org_unit": unit,
        "kind": data.kind,
        "received_on": data.received_on,
        "channel": data.channel,
        "respondent": _text(data.respondent, 300, required=_("Say against whom it is made.")),
        "content": _text(data.content, 20000, required=_("Give the content.")),
        "complexity": data.complexity,
        "remote_area": bool(data.remote_area),
    }


def _identity_values(identity: IdentityData) -> dict:
    return {
        "name": _text(identity.name, 200, required=_("Give the name of the person.")),
        "contact": _text(identity.contact, 200),
        "address": _text(identity.address, 500),
    }


def complaint_create(*, actor, data: ComplaintData, identity: IdentityData) -> Complaint:
    """Register a complaint or denunciation received by the competent body; the actor is its
    first handler. The identity is audited as given, never its content."""
    values = _complaint_values(actor, data)
    identity_values = _identity_values(identity)
    with transaction.atomic():
        complaint = Complaint.objects.create(**values, created_by=actor)
        ComplainantIdentity.objects.create(complaint=complaint, **identity_values)
        complaint.handlers.add(actor)
        record(
            actor=actor,
            action="complaint.create",
            obj=complaint,
            org_unit=complaint.org_unit,
            changes={
                **{k: [None, v] for k, v in values.items() if k != "content"},
                "identity": "recorded",
            },
        )
    return complaint


def may_handle(actor, complaint: Complaint) -> bool:
    """Handles this complaint: one of its handlers, holding the right on its unit."""
    if not has_permission(actor, COMPLAINT_HANDLE, complaint.org_unit):
        return False
    return actor.is_superuser or complaint.handlers.filter(pk=actor.pk).exists()


def complaint_update(*, actor, complaint: Complaint, data: ComplaintData) -> Complaint:
    if not may_handle(actor, complaint):
        raise InspectionError(_("Only the complaint's handlers may change it."))
    values = _complaint_values(actor, data)
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.decided_on and values["received_on"] > locked.decided_on:
            raise InspectionError(_("It cannot be received after the decision on it."))
        changes = diff(locked, values)
        changes.pop("content", None)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save()
        record(
            actor=actor,
            action="complaint.update",
            obj=locked,
            org_unit=locked.org_unit,
            changes=changes,
        )
    return locked


def identity_update(*, actor, complaint: Complaint, identity: IdentityData) -> None:
    if not may_handle(actor, complaint):
        raise InspectionError(_("Only the complaint's handlers may change it."))
    values = _identity_values(identity)
    with transaction.atomic():
        ComplainantIdentity.objects.update_or_create(complaint=complaint, defaults=values)
        record(
            actor=actor,
            action="complaint.identity.update",
            obj=complaint,
            org_unit=complaint.org_unit,
            changes={"identity": "changed"},
        )


@dataclass
class ProgressData:
    acceptance: str = ""
    decided_on: datetime.date | None = None
    refusal_reason: str = ""
    verification_due: datetime.date | None = None
    verified_on: datetime.date | None = None
    verification_note: str = ""
    concluded_on: datetime.date | None = None
    outcome: str = ""
    outcome_text: str = ""


def complaint_progress(*, actor, complaint: Complaint, data: ProgressData) -> Complaint:
    """Record the legal steps taken: acceptance or refusal, verification, conclusion. Each step
    follows the one before, on a date not before it and not in the future."""
    if not may_handle(actor, complaint):
        raise InspectionError(_("Only the complaint's handlers may change it."))
    if data.acceptance not in Acceptance.values:
        raise InspectionError(_("Choose the decision from the list."))
    if data.outcome not in Outcome.values:
        raise InspectionError(_("Choose the outcome from the list."))
    if data.acceptance and data.decided_on is None:
        raise InspectionError(_("Give the date of the decision on acceptance."))
    if not data.acceptance and data.decided_on is not None:
        raise InspectionError(_("Choose the decision taken on that date."))
    if data.decided_on is not None and data.decided_on < complaint.received_on:
        raise InspectionError(_("The decision cannot come before it was received."))
    refusal_reason = _text(data.refusal_reason, 1000)
    if data.acceptance == Acceptance.REFUSED and not refusal_reason:
        raise InspectionError(_("Give the reason for not accepting it."))
    accepted = data.acceptance == Acceptance.ACCEPTED
    if not accepted and (data.verified_on or data.verification_due or data.concluded_on):
        raise InspectionError(_("Verification and conclusion follow the acceptance."))
    if data.verified_on and data.verified_on < data.decided_on:
        raise InspectionError(_("The verification cannot end before the acceptance."))
    if data.verification_due and data.verification_due < data.decided_on:
        raise InspectionError(_("The verification cannot be due before the acceptance."))
    if data.concluded_on is not None:
        if data.concluded_on < data.decided_on or (
            data.verified_on and data.concluded_on < data.verified_on
        ):
            raise InspectionError(_("The conclusion cannot come before the steps it follows."))
        if not data.outcome:
            raise InspectionError(_("Choose the outcome of the conclusion."))
    elif data.outcome:
        raise InspectionError(_("Give the date of the conclusion."))
    for day, what in (
        (data.decided_on, _("The date of the decision")),
        (data.verified_on, _("The date the verification finished")),
        (data.concluded_on, _("The date of the conclusion")),
    ):
        _not_future(day, what)
    values = {
        "acceptance": data.acceptance,
        "decided_on": data.decided_on,
        "refusal_reason": refusal_reason if data.acceptance == Acceptance.REFUSED else "",
        "verification_due": data.verification_due,
        "verified_on": data.verified_on,
        "verification_note": _text(data.verification_note, 20000),
        "concluded_on": data.concluded_on,
        "outcome": data.outcome,
        "outcome_text": _text(data.outcome_text, 20000),
    }
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        changes = diff(locked, values)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save()
        record(
            actor=actor,
            action="complaint.progress",
            obj=locked,
            org_unit=locked.org_unit,
            changes={
                k: v for k, v in changes.items() if k not in ("verification_note", "outcome_text")
            },
        )
    return locked


def handler_add(*, actor, complaint: Complaint, user) -> None:
    """Add a handler: someone holding the right to handle complaints on its unit."""
    if not may_handle(actor, complaint):
        raise InspectionError(_("Only the complaint's handlers may change it."))
    if not has_permission(user, COMPLAINT_HANDLE, complaint.org_unit):
        raise InspectionError(_("This person may not handle the complaints of this unit."))
    with transaction.atomic():
        complaint.handlers.add(user)
        record(
            actor=actor,
            action="complaint.handler.add",
            obj=complaint,
            org_unit=complaint.org_unit,
            changes={"handler": user.get_username()},
        )


def handler_remove(*, actor, complaint: Complaint, user) -> None:
    if not may_handle(actor, complaint):
        raise InspectionError(_("Only the complaint's handlers may change it."))
    if complaint.handlers.exclude(pk=user.pk).count() == 0:
        raise InspectionError(_("A complaint keeps at least one handler."))
    with transaction.atomic():
        complaint.handlers.remove(user)
        record(
            actor=actor,
            action="complaint.handler.remove",
            obj=complaint,
            org_unit=complaint.org_unit,
            changes={"handler": user.get_username()},
        )

"""Receiving a message, attaching its files, and the standing office's decisions on triage.

`receive` stores every message (its .eml and SHA-256) before anything else, so nothing is
lost whatever follows; a message already stored (same bytes) is not stored twice. Files are
attached through the reporting service (`reporting.services.attachment_add`), after the same
upload checks (`core.uploads.check_upload`), as "soft copy received by e-mail".
"""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.text import TextError, clean_text
from binhdang.reporting import selectors as reporting_selectors
from binhdang.reporting import services as reporting
from binhdang.reporting.models import EDITABLE, AttachmentKind, ExpectedUnit, Submission

from . import selectors
from .matching import place
from .models import MailFile, MailMessage, MessageStatus, TriageReason, UnitMailAddress
from .parsing import parse


class MailboxError(Exception):
    """A decision that cannot be carried out; `str(exc)` is a message for the user."""


@dataclass
class Outcome:
    message: MailMessage
    created: bool


def _refusal(part) -> str:
    if not part.content:
        return _("The file %(name)s is empty.") % {"name": part.name}
    try:
        check_upload(SimpleUploadedFile(part.name, part.content), allowed=reporting.ALLOWED_UPLOADS)
    except UploadRejected as exc:
        return str(exc)
    return ""


def receive(raw: bytes, *, via: str, envelope_recipients: list[str] | None = None) -> Outcome:
    """Store one message and place it: attached to one unit's submission, or in triage."""
    digest = hashlib.sha256(raw).hexdigest()
    existing = MailMessage.objects.filter(sha256=digest).first()
    if existing is not None:
        return Outcome(existing, False)
    parsed = parse(raw, envelope_recipients)
    placement = place(parsed)
    now = timezone.now()
    message = MailMessage(
        sha256=digest,
        size=len(raw),
        via=via,
        message_id=parsed.message_id,
        sender=parsed.sender[:254],
        sender_name=parsed.sender_name,
        recipients=parsed.recipients,
        subject=parsed.subject,
        received_at=now,
        round=placement.round,
        org_unit=placement.unit,
        office_unit=placement.office_unit,
        status=MessageStatus.TRIAGE,
        reason=placement.reason,
    )
    stored = None
    try:
        with transaction.atomic():
            message.raw.save(f"{digest}.eml", ContentFile(raw), save=False)
            stored = message.raw.name
            message.save()
            message.candidate_units.set(placement.candidates)
            for part in parsed.parts:
                refusal = _refusal(part)
                MailFile.objects.create(
                    message=message,
                    index=part.index,
                    name=part.name[:300],
                    size=len(part.content),
                    sha256=part.sha256,
                    status=MailFile.Status.REFUSED if refusal else MailFile.Status.WAITING,
                    refusal=refusal[:500],
                )
            record(
                actor=None,
                action="mailbox.receive",
                obj=message,
                org_unit=placement.office_unit,
                changes={
                    "sender": parsed.sender,
                    "sha256": digest,
                    "via": via,
                    "files": [p.name for p in parsed.parts],
                    "reason": placement.reason,
                },
            )
    except IntegrityError:
        if stored:
            message.raw.storage.delete(stored)
        return Outcome(MailMessage.objects.get(sha256=digest), False)
    except BaseException:
        if stored:
            message.raw.storage.delete(stored)
        raise
    if placement.unit is not None:
        actor = _automatic_actor(placement)
        waiting = message.files.filter(status=MailFile.Status.WAITING).exists()
        if actor is None and waiting:
            _to_triage(message, TriageReason.NOT_ATTACHABLE)
        else:
            _attach_files(message, actor=actor, automatic=True)
    return Outcome(message, True)


def _automatic_actor(placement):
    """Who the mailbox attaches for: the sender when they write the unit's report and it is
    still theirs to change; else someone who registered the address and reviews the round."""
    existing = Submission.objects.filter(round=placement.round, org_unit=placement.unit).first()
    if existing is None or existing.status in EDITABLE:
        for user in placement.sender_users:
            if reporting_selectors.can_edit_for(user, placement.unit):
                return user
    for user in placement.registrars:
        if reporting_selectors.can_review(user, placement.round):
            return user
    return None


def _to_triage(message: MailMessage, reason: str) -> None:
    MailMessage.objects.filter(pk=message.pk).update(status=MessageStatus.TRIAGE, reason=reason)
    message.status, message.reason = MessageStatus.TRIAGE, reason


def _attach_files(message: MailMessage, *, actor, automatic: bool) -> list[MailFile]:
    """Attach each waiting file to the unit's submission. A file the reporting service refuses
    is marked refused with its message. Sends the acknowledgement when a file was attached."""
    waiting = list(message.files.filter(status=MailFile.Status.WAITING))
    if not waiting:
        reason = TriageReason.REFUSED_FILE if message.files.exists() else TriageReason.NO_ATTACHMENT
        if automatic:
            _to_triage(message, reason)
        return []
    with message.raw.open("rb") as raw:
        parsed = parse(raw.read())
    parts = {p.index: p for p in parsed.parts}
    submission = Submission.objects.filter(round=message.round, org_unit=message.org_unit).first()
    attached = []
    failure = ""
    try:
        if submission is None:
            submission = reporting.submission_start(
                actor=actor, reporting_round=message.round, org_unit=message.org_unit
            )
    except reporting.ReportingError as exc:
        if not automatic:
            raise MailboxError(str(exc)) from exc
        failure = str(exc)
    for mail_file in waiting:
        if failure:
            break
        part = parts.get(mail_file.index)
        try:
            attachment = reporting.attachment_add(
                actor=actor,
                submission=submission,
                uploaded=SimpleUploadedFile(mail_file.name, part.content if part else b""),
                kind=AttachmentKind.EMAILED_COPY,
            )
        except reporting.ReportingError as exc:
            failure = str(exc)
            if automatic:
                break
            mail_file.status, mail_file.refusal = MailFile.Status.REFUSED, failure[:500]
            mail_file.save(update_fields=["status", "refusal"])
            failure = ""
            continue
        submission.refresh_from_db(fields=["version", "status"])
        mail_file.status, mail_file.attachment = MailFile.Status.ATTACHED, attachment
        mail_file.save(update_fields=["status", "attachment"])
        attached.append(mail_file)
    refused = message.files.filter(status=MailFile.Status.REFUSED).exists()
    if automatic:
        if failure and not attached:
            _to_triage(message, TriageReason.NOT_ATTACHABLE)
        elif refused or failure:
            _to_triage(
                message, TriageReason.NOT_ATTACHABLE if failure else TriageReason.REFUSED_FILE
            )
        else:
            MailMessage.objects.filter(pk=message.pk).update(
                status=MessageStatus.ATTACHED, reason=""
            )
            message.status, message.reason = MessageStatus.ATTACHED, ""
        if attached:
            record(
                actor=None,
                action="mailbox.attach",
                obj=message,
                org_unit=message.org_unit,
                changes={"files": [f.name for f in attached], "as": actor.get_username()},
            )
    if attached and not parsed.automatic:
        _acknowledge(message, attached)
    return attached


def _acknowledge(message: MailMessage, attached: list[MailFile]) -> None:
    if not message.sender:
        return
    from .tasks import send_acknowledgement

    message_pk = message.pk
    names = [f.name for f in attached]
    transaction.on_commit(lambda: send_acknowledgement.enqueue(message_pk, names))


def _claim(actor, message: MailMessage, status: str) -> MailMessage:
    """Take a message out of triage for one decision; a second decision on it is refused."""
    selectors.require_message(actor, message)
    claimed = MailMessage.objects.filter(pk=message.pk, status=MessageStatus.TRIAGE).update(
        status=status, decided_by=actor, decided_at=timezone.now()
    )
    if not claimed:
        raise MailboxError(_("This message has already been decided."))
    return MailMessage.objects.get(pk=message.pk)


def _release(message: MailMessage) -> None:
    MailMessage.objects.filter(pk=message.pk).update(
        status=MessageStatus.TRIAGE, decided_by=None, decided_at=None
    )


def message_assign(
    *, actor, message: MailMessage, reporting_round, org_unit, remember: bool = False
) -> list[MailFile]:
    """The standing office places a message: its waiting files are attached to `org_unit`'s
    submission in `reporting_round` on the unit's behalf, and the sender is told. With
    `remember`, the sender's address is registered on the unit."""
    selectors.require_message(actor, message)
    if message.status != MessageStatus.TRIAGE:
        raise MailboxError(_("This message has already been decided."))
    if reporting_round is None or not reporting_selectors.can_review(actor, reporting_round):
        raise MailboxError(_("Choose the reporting round the message belongs to."))
    if (
        org_unit is None
        or not ExpectedUnit.objects.filter(round=reporting_round, org_unit=org_unit).exists()
    ):
        raise MailboxError(_("Choose a unit expected to report in this round."))
    if not message.files.filter(status=MailFile.Status.WAITING).exists():
        raise MailboxError(
            _("The message has no file that can be attached; reject it with a note instead.")
        )
    locked = _claim(actor, message, MessageStatus.ASSIGNED)
    try:
        MailMessage.objects.filter(pk=locked.pk).update(
            round=reporting_round, org_unit=org_unit, office_unit=reporting_round.owner_unit
        )
        locked.round, locked.org_unit = reporting_round, org_unit
        attached = _attach_files(locked, actor=actor, automatic=False)
    except BaseException:
        _release(locked)
        raise
    if not attached:
        _release(locked)
        raise MailboxError(
            _("No file could be attached: %(why)s")
            % {"why": "; ".join(locked.files.exclude(refusal="").values_list("refusal", flat=True))}
        )
    with transaction.atomic():
        if remember and locked.sender:
            UnitMailAddress.objects.get_or_create(
                org_unit=org_unit, email=locked.sender, defaults={"added_by": actor}
            )
        record(
            actor=actor,
            action="mailbox.assign",
            obj=locked,
            org_unit=org_unit,
            changes={
                "round": reporting_round.slug,
                "unit": org_unit.name,
                "files": [f.name for f in attached],
                "address_registered": bool(remember and locked.sender),
            },
        )
    return attached


def message_reject(*, actor, message: MailMessage, note: str = "") -> MailMessage:
    """The standing office decides the message is not a unit's report (or its files cannot
    be used); it stays stored with the note, nothing is attached."""
    try:
        note = clean_text(note or "", max_length=500)
    except TextError as exc:
        raise MailboxError(str(exc)) from exc
    locked = _claim(actor, message, MessageStatus.REJECTED)
    with transaction.atomic():
        locked.decision_note = note
        locked.save(update_fields=["decision_note"])
        locked.files.filter(status=MailFile.Status.WAITING).update(status=MailFile.Status.REJECTED)
        record(
            actor=actor,
            action="mailbox.reject",
            obj=locked,
            org_unit=locked.office_unit,
            changes={"note": note},
        )
    return locked


def address_add(*, actor, org_unit, email: str) -> UnitMailAddress:
    """Register `email` as `org_unit`'s address (the standing office over the unit)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if not selectors.may_register_for(actor, org_unit):
        raise Http404
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise MailboxError(_("Enter a valid e-mail address.")) from exc
    with transaction.atomic():
        address, created = UnitMailAddress.objects.get_or_create(
            org_unit=org_unit, email=email, defaults={"added_by": actor}
        )
        if not created:
            raise MailboxError(_("This address is already registered on the unit."))
        record(
            actor=actor,
            action="mailbox.address_add",
            obj=address,
            org_unit=org_unit,
            changes={"email": email},
        )
    return address


def address_remove(*, actor, address: UnitMailAddress) -> None:
    if not selectors.may_register_for(actor, address.org_unit):
        raise Http404
    with transaction.atomic():
        record(
            actor=actor,
            action="mailbox.address_remove",
            obj=address,
            org_unit=address.org_unit,
            changes={"email": address.email},
        )
        address.delete()

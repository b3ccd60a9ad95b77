"""Files attached to a submission, by the unit or by the standing office on its behalf."""

from django.db import transaction
from django.utils.translation import gettext as _

from binhdang.audit.services import record
from binhdang.core.uploads import UploadRejected, check_upload, inspect_stored

from .. import selectors
from ..errors import ReportingError
from ..models import (
    AttachmentKind,
    Submission,
    SubmissionAttachment,
)
from ..states import Action, require
from .common import ALLOWED_UPLOADS, _deny
from .versions import _lock


def attachment_add(
    *, actor, submission: Submission, uploaded, kind: str = AttachmentKind.SUPPORTING
) -> SubmissionAttachment:
    """Attach a Word, Excel or PDF file. The unit attaches while the report is editable; the
    standing office may attach a soft copy received by e-mail at any time, recorded as on the
    unit's behalf. Raises ReportingError (UploadRejected's message) and stores nothing on a
    bad file; the row is written only after the file is stored, and the file is removed if
    the transaction fails."""
    by_unit = selectors.can_edit_for(actor, submission.org_unit)
    by_office = selectors.can_review(actor, submission.round)
    _deny(by_unit or by_office)
    if kind not in AttachmentKind.values:
        kind = AttachmentKind.SUPPORTING
    on_behalf = not by_unit
    if on_behalf:
        kind = AttachmentKind.EMAILED_COPY
    try:
        checked = check_upload(uploaded, allowed=ALLOWED_UPLOADS)
    except UploadRejected as exc:
        raise ReportingError(str(exc)) from exc
    stored_name = None
    attachment = SubmissionAttachment(
        submission=submission,
        original_name=checked.name,
        extension=checked.extension,
        size=checked.size,
        kind=kind,
        uploaded_by=actor,
        on_behalf=on_behalf,
    )
    try:
        with transaction.atomic():
            locked = _lock(submission)
            require(locked.status, Action.ATTACH_ON_BEHALF if on_behalf else Action.ATTACH)
            attachment.submission = locked
            attachment.file.save(checked.name, uploaded, save=False)
            stored_name = attachment.file.name
            attachment.save()
            inspect_stored(actor=actor, record=attachment, org_unit=locked.org_unit)
            if on_behalf:
                locked.on_behalf_by = actor
                locked.on_behalf_note = _("Soft copy received by e-mail, attached by %(user)s") % {
                    "user": actor.get_full_name()
                }
            locked.version += 1
            locked.save(update_fields=["version", "on_behalf_by", "on_behalf_note", "updated_at"])
            submission.version = locked.version
            submission._has_attachments = True
            record(
                actor=actor,
                action="submission.attach",
                obj=locked,
                org_unit=locked.org_unit,
                changes={"file": checked.name, "kind": kind, "on_behalf": on_behalf},
            )
    except BaseException:
        if stored_name:
            attachment.file.storage.delete(stored_name)
        raise
    return attachment

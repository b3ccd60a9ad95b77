"""The acknowledgement sent to whoever e-mailed a soft copy, from the background worker."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task


@task()
def send_acknowledgement(message_pk: int, names: list[str]) -> bool:
    """Tell the sender which files reached which unit's report; a reply to their message."""
    from .models import MailMessage

    message = MailMessage.objects.select_related("round", "org_unit").filter(pk=message_pk).first()
    if message is None or not message.sender:
        return False
    with override("vi"):
        subject = _("Received: %(subject)s") % {"subject": message.subject or _("(no subject)")}
        lines = [
            _(
                "The soft copy you sent has been received and attached to the report of %(unit)s for %(round)s."
            )
            % {"unit": message.org_unit.name, "round": message.round.title},
            "",
            _("Files attached:"),
            *[f"- {name}" for name in names],
        ]
        refused = [f for f in message.files.all() if f.refusal]
        if refused:
            lines += ["", _("Files not accepted:")]
            lines += [f"- {f.name}: {f.refusal}" for f in refused]
        lines += ["", _("This is an automatic message; please do not reply to it.")]
    headers = {"Auto-Submitted": "auto-replied"}
    if message.message_id:
        headers["In-Reply-To"] = message.message_id
        headers["References"] = message.message_id
    EmailMessage(
        subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [message.sender], headers=headers
    ).send(fail_silently=False)
    MailMessage.objects.filter(pk=message.pk).update(acknowledged_at=timezone.now())
    return True

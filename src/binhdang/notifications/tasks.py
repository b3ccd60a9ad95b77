"""E-mail goes out from the background worker, so a slow mail server never holds a page."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """One message to each recipient (no recipient sees the others)."""
    for address in recipients:
        send_mail(subject, body, None, [address], fail_silently=False)
    return len(recipients)

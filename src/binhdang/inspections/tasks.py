"""Background tasks of the complaints (run by `binhdang run-worker`)."""

from django_tasks import task

from binhdang.core.periodic import enqueue_once


@task()
def send_reminders() -> int:
    from .reminders import send_complaint_reminders

    return send_complaint_reminders()


def enqueue_reminders() -> None:
    """The worker's periodic job: one reminder run waiting in the queue at most."""
    enqueue_once(send_reminders)

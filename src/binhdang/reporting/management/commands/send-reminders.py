from django.core.management.base import BaseCommand

from binhdang.reporting.services import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reporting reminders that are due (schedule steps before the deadline, then "
        "every N days after it to missing units), in the app and by e-mail. Safe to run every "
        "few minutes and concurrently: each step reaches each user once."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")

import os
import threading

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from binhdang.core.periodic import Scheduler


class Command(DatabaseWorker):
    help = (
        "Run the background worker: the tasks of the database queue (documents, e-mail, "
        "reminders), one at a time, and the apps' periodic work (reminders due, document jobs "
        "whose worker died). Run one or more per server; with --batch, do the periodic work "
        "once and every waiting task, then exit."
    )

    def handle(self, *args, **options):
        scheduler = Scheduler()
        if options["batch"]:
            options["reload"] = False
            scheduler.tick()
        elif not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # With --reload only the child process that runs the tasks schedules.
            scheduler.run_in_thread(threading.Event())
        super().handle(*args, **options)

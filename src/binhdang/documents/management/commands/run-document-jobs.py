import time

from django.core.management.base import BaseCommand

from binhdang.documents import jobs


class Command(BaseCommand):
    help = (
        "Generate queued documents and requeue those abandoned by a crashed process. "
        "Run it from a timer, or with --loop as a worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, polling for work")
        parser.add_argument("--interval", type=float, default=2.0)
        parser.add_argument("--max", type=int, default=100, help="jobs per pass")

    def handle(self, *args, **options):
        while True:
            recovered = jobs.recover_stale()
            done = 0
            while done < options["max"]:
                job_id = jobs.claim_next()
                if job_id is None:
                    break
                jobs.run_claimed(job_id)
                done += 1
            if recovered or done or not options["loop"]:
                self.stdout.write(f"requeued or failed stale: {recovered}; generated: {done}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])

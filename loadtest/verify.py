"""After the load test: every submission the test made is in the database exactly once,
complete (status, answers, figures), and nothing was submitted that the test did not see."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
django.setup()

from django.db.models import Count  # noqa: E402

from binhdang.reporting.models import (  # noqa: E402
    ReportingRound,
    Submission,
    SubmissionAnswer,
    SubmissionValue,
)


def main(summary_path: str) -> int:
    with open(summary_path, encoding="utf-8") as fh:
        summary = json.load(fh)
    submitted = [tuple(pair) for pair in summary["submitted"]]
    slugs = sorted({slug for slug, _unit in submitted} | {"loadtest-deadline-day"})
    problems = []
    if len(submitted) != len(set(submitted)):
        problems.append("a report was acknowledged as sent twice")
    totals = {"rows": 0, "sent": 0, "duplicates": 0, "missing": 0, "unseen": 0}
    for slug in slugs:
        acknowledged = {unit for each, unit in submitted if each == slug}
        rows = Submission.objects.filter(round=ReportingRound.objects.get(slug=slug))
        duplicates = list(
            rows.values("org_unit_id")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .values_list("org_unit_id", flat=True)
        )
        if duplicates:
            problems.append(f"{slug}: units with more than one submission row: {duplicates[:10]}")
        sent = rows.exclude(first_submitted_at=None)
        sent_ids = set(sent.values_list("org_unit_id", flat=True))
        missing = sorted(acknowledged - sent_ids)
        if missing:
            problems.append(
                f"{slug}: {len(missing)} reports acknowledged but not in the database: "
                f"{missing[:10]}"
            )
        for submission in sent.filter(org_unit_id__in=acknowledged):
            if not SubmissionAnswer.objects.filter(submission=submission).exists():
                problems.append(f"submission {submission.pk} has no answers")
            if not SubmissionValue.objects.filter(submission=submission).exists():
                problems.append(f"submission {submission.pk} has no figures")
        totals["rows"] += rows.count()
        totals["sent"] += len(sent_ids)
        totals["duplicates"] += len(duplicates)
        totals["missing"] += len(missing)
        totals["unseen"] += len(sent_ids - acknowledged)
    print(
        f"database check ({len(slugs)} rounds): {len(submitted)} submissions acknowledged, "
        f"{totals['sent']} sent in the database, {totals['rows']} rows in the rounds, "
        f"duplicates {totals['duplicates']}, missing {totals['missing']}, sent but "
        f"unacknowledged (run stopped mid-request) {totals['unseen']}"
    )
    for problem in problems[:20]:
        print("  PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

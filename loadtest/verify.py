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
    submitted = summary["submitted_unit_ids"]
    reporting_round = ReportingRound.objects.get(slug="loadtest-deadline-day")
    rows = Submission.objects.filter(round=reporting_round)
    problems = []
    duplicates = list(
        rows.values("org_unit_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("org_unit_id", flat=True)
    )
    if duplicates:
        problems.append(f"units with more than one submission row: {duplicates[:10]}")
    sent = rows.exclude(first_submitted_at=None)
    sent_ids = set(sent.values_list("org_unit_id", flat=True))
    missing = sorted(set(submitted) - sent_ids)
    if missing:
        problems.append(
            f"{len(missing)} submissions acknowledged but not in the database: {missing[:10]}"
        )
    if len(submitted) != len(set(submitted)):
        problems.append("a unit was acknowledged as submitted twice")
    unseen = sorted(sent_ids - set(submitted))
    for submission in sent.filter(org_unit_id__in=submitted):
        if not SubmissionAnswer.objects.filter(submission=submission).exists():
            problems.append(f"submission {submission.pk} has no answers")
        if not SubmissionValue.objects.filter(submission=submission).exists():
            problems.append(f"submission {submission.pk} has no figures")
    print(
        f"database check: {len(submitted)} submissions acknowledged, {len(sent_ids)} sent in the "
        f"database, {rows.count()} rows in the round, duplicates {len(duplicates)}, "
        f"missing {len(missing)}, sent but unacknowledged (run stopped mid-request) {len(unseen)}"
    )
    for problem in problems[:20]:
        print("  PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

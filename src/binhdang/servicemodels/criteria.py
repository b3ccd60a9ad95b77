"""The shipped evaluation template: data/criteria.json, loaded into EvaluationCriterion.

Loading is idempotent: a criterion already present (by code) keeps an administrator's edits."""

import json
from pathlib import Path

CRITERIA_FILE = Path(__file__).parent / "data" / "criteria.json"


def shipped_criteria() -> list[dict]:
    return json.loads(CRITERIA_FILE.read_text(encoding="utf-8"))["criteria"]


def load_criteria(criterion_model) -> int:
    """Create the shipped criteria missing from the table; returns how many were created."""
    created = 0
    for order, row in enumerate(shipped_criteria(), start=1):
        _obj, new = criterion_model.objects.get_or_create(
            code=row["code"],
            defaults={"text": row["text"], "max_score": row["max_score"], "order": order * 10},
        )
        created += new
    return created

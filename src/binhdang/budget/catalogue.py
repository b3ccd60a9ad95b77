"""The spending lines shipped with the app (`data/spending_lines.json`)."""

import json
from pathlib import Path

DATA = Path(__file__).with_name("data") / "spending_lines.json"


def shipped_lines() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["lines"]


def load_spending_lines(model) -> int:
    """Create the shipped lines missing from `model`'s table (by code); lines already there
    keep what an administrator changed. Returns how many were created."""
    existing = set(model.objects.values_list("code", flat=True))
    new = [
        model(code=line["code"], name=line["name"], position=i)
        for i, line in enumerate(shipped_lines(), start=1)
        if line["code"] not in existing
    ]
    model.objects.bulk_create(new)
    return len(new)

"""Fill the letterhead table with the shipped rows (orgunits/data/letterheads.json).

Reversible: going back removes the rows the file ships (matched on kind, name and level), and
leaves rows an administrator added.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "letterheads.json"


def _rows():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for row in data["rows"]:
        values = {k: v for k, v in row.items() if k != "kinds"}
        for kind in row["kinds"]:
            yield {"kind": kind, **values}


def load(apps, schema_editor):
    rule = apps.get_model("orgunits", "LetterheadRule")
    for row in _rows():
        key = {k: row.pop(k, "") for k in ("kind", "name_starts", "level")}
        rule.objects.update_or_create(**key, defaults=row)


def unload(apps, schema_editor):
    rule = apps.get_model("orgunits", "LetterheadRule")
    for row in _rows():
        rule.objects.filter(
            kind=row["kind"], name_starts=row.get("name_starts", ""), level=row.get("level", "")
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("orgunits", "0002_letterhead_rules")]

    operations = [migrations.RunPython(load, unload)]

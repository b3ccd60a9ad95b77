"""Add to the fault-test world (after world_setup.py, same database): more form sections, an
accepted submission from every commune (so the round can be consolidated and documents
generated), and the indicator cells a commune may fill without breaking a rule. Prints JSON."""

import json
import os
import sys
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
django.setup()

from binhdang.accounts.models import User  # noqa: E402
from binhdang.documents.compilation import AREA_PARTS, REPORT_LEVEL  # noqa: E402
from binhdang.indicators.models import DataElement  # noqa: E402
from binhdang.indicators.validation import check_values  # noqa: E402
from binhdang.reporting import services  # noqa: E402
from binhdang.reporting.models import ReportingRound  # noqa: E402

SECTIONS = 8
VALUES = range(1, 7)  # each upload of a test carries one of these in every cell


def main() -> None:
    rnd = ReportingRound.objects.get(slug="faults")
    office = User.objects.get(username="office")
    for n in range(2, SECTIONS + 1):
        services.section_add(reporting_round=rnd, number=str(n), title=f"Nhiệm vụ {n}")
    sections = list(rnd.sections.all())
    units = []
    for unit in rnd.expected_units.order_by("pk"):
        reporter = User.objects.get(username=f"r{unit.pk}")
        sub = services.submission_start(actor=reporter, reporting_round=rnd, org_unit=unit)
        answers = {
            f"{s.pk}:{part}": f"{unit.name}: nội dung {s.number}/{part}. " * 20
            for s in sections
            for part, _label in s.part_list()
        }
        data = {"answers": answers, "values": {"participants": "120"}}
        sub = services.submission_save_draft(
            actor=reporter, submission=sub, data=data, expected_version=sub.version
        )
        sub = services.submission_submit(actor=reporter, submission=sub)
        services.submission_accept(actor=office, submission=sub)
        units.append({"unit_id": unit.pk, "username": reporter.username, "submission": sub.pk})
    year = date.today().year
    elements = {e.code: e for e in DataElement.objects.all()}
    keys = [(e.code, o) for e in elements.values() if e.is_active for o in e.options]
    first = rnd.expected_units.order_by("pk").first()
    safe = [
        key
        for key in keys
        if all(check_values(first, year, {key: str(v)}, elements=elements).ok for v in VALUES)
    ]
    # The keys must also hold together (cross-field rules); drop any a combined check rejects.
    for v in VALUES:
        result = check_values(first, year, {k: str(v) for k in safe}, elements=elements)
        safe = [k for k in safe if k not in result.errors]
    # A compiled report has a section per task area and part, and the report-level parts.
    area_parts = sum(1 for s in sections for part, _l in s.part_list() if part in AREA_PARTS)
    json.dump(
        {"round_id": rnd.pk, "parts": area_parts + len(REPORT_LEVEL), "area_parts": area_parts,
         "units": units, "year": year, "keys": safe},
        sys.stdout,
    )  # fmt: skip


if __name__ == "__main__":
    main()

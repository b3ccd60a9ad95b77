"""Permission cases of the DHIS2 import pages (added to permission_cases.CASES)."""

import json

from tests.permission_matrix import Case

ANY_ENTER = dict.fromkeys(["outsider", "reporter_a", "head_a", "reporter_b", "dept_reporter", "standing_office", "admin"], 200)  # fmt: skip


def _batch(w):
    """A file the district's standing office checked, with a refused row (unknown element)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from binhdang.indicators import dhis2_import

    payload = {
        "dataValues": [{"dataElement": "NOPE", "period": "2023", "orgUnit": "00706", "value": "1"}]
    }
    batch, _preview = dhis2_import.import_check(
        actor=w.standing_office,
        uploaded=SimpleUploadedFile("dvs.json", json.dumps(payload).encode()),
    )
    return {"pk": batch.pk}


def _unit_mapping_elsewhere(w):
    """Commune C (another district) mapped: only the administrator reaches it."""
    from binhdang.indicators.models import Dhis2OrgUnitMap

    row = Dhis2OrgUnitMap.objects.create(dhis2_id="YenPhuUID01", org_unit=w.commune_c)
    return {"kind": "unit", "pk": row.pk}


CASES = [
    Case("indicators:dhis2_import", allowed=ANY_ENTER),
    Case("indicators:dhis2_batch", kwargs=_batch, allowed={"standing_office": 200}),
    # The file has a refused row: applying is refused (400) and nothing is written.
    Case(
        "indicators:dhis2_apply",
        kwargs=_batch,
        method="post",
        allowed={"standing_office": 400},
    ),
    Case("indicators:dhis2_mappings", allowed={"standing_office": 200, "admin": 200}),
    # Nothing chosen: refused with a message (302).
    Case(
        "indicators:dhis2_mapping_add",
        kwargs=lambda w: {"kind": "element"},
        method="post",
        allowed={"standing_office": 302, "admin": 302},
    ),
    Case(
        "indicators:dhis2_mapping_remove",
        kwargs=_unit_mapping_elsewhere,
        method="post",
        allowed={"admin": 302},
    ),
]

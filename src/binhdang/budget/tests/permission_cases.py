from binhdang.budget.tests.factories import make_entry
from tests.permission_matrix import ApiCase, Case

# Every role reads the budget of its units; reporters, heads and the standing office record it.
READERS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "dept_reporter": 200,
    "standing_office": 200, "leader": 200, "viewer": 200, "admin": 200, "outsider": 200,
}  # fmt: skip
EDITORS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "dept_reporter": 200,
    "standing_office": 200, "admin": 200, "outsider": 200,
}  # fmt: skip
SEES_A = {
    "reporter_a": 200, "head_a": 200, "standing_office": 200, "leader": 200, "viewer": 200,
    "admin": 200,
}  # fmt: skip
EDITS_A = {"reporter_a": 200, "head_a": 200, "standing_office": 200, "admin": 200}


def _entry(w):
    return make_entry(w)


CASES = [
    Case("budget:list", allowed=READERS),
    Case("budget:summary", allowed=READERS),
    Case("budget:export", allowed=READERS),
    Case("budget:create", allowed=EDITORS),
    Case("budget:template", allowed=EDITORS),
    Case("budget:upload", allowed=EDITORS),
    Case("budget:detail", kwargs=lambda w: {"pk": _entry(w).pk}, allowed=SEES_A),
    Case("budget:edit", kwargs=lambda w: {"pk": _entry(w).pk}, allowed=EDITS_A),
    # Without the confirmation ticked nothing is deleted: the line stays for the next persona.
    Case(
        "budget:delete",
        method="post",
        kwargs=lambda w: {"pk": _entry(w).pk},
        allowed={"reporter_a": 302, "head_a": 302, "standing_office": 302, "admin": 302},
    ),
]

API_CASES = [
    ApiCase("get", "/api/v1/budget/lines", allowed=READERS),
    ApiCase("get", "/api/v1/budget/entries", allowed=READERS),
    ApiCase(
        "get",
        "/api/v1/budget/entries/{entry_id}",
        params=lambda w: {"entry_id": _entry(w).pk},
        allowed=SEES_A,
    ),
    # A line of a year the unit did not exist in is refused (400), so nothing is created.
    ApiCase(
        "post",
        "/api/v1/budget/entries",
        body=lambda w: {
            "org_unit_id": w.commune_a.pk,
            "year": 2023,
            "source": "commune",
            "spending_line_code": "NO-SUCH-LINE",
            "spent": "1.234.000",
        },
        allowed={"reporter_a": 400, "head_a": 400, "standing_office": 400, "admin": 400},
    ),  # fmt: skip
    ApiCase(
        "get",
        "/api/v1/budget/summary",
        query=lambda w: {"unit": w.commune_a.pk, "year": 2023},
        allowed=SEES_A,
    ),
]

from binhdang.mainstreaming.tests.factories import make_document
from tests.permission_matrix import ApiCase, Case

# Every role reads the drafted documents of its units; reporters, heads and the standing office
# record them.
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


def _document(w):
    return make_document(w)


CASES = [
    Case("mainstreaming:list", allowed=READERS),
    Case("mainstreaming:summary", allowed=READERS),
    Case("mainstreaming:export", allowed=READERS),
    Case("mainstreaming:create", allowed=EDITORS),
    Case("mainstreaming:template", allowed=EDITORS),
    Case("mainstreaming:upload", allowed=EDITORS),
    Case("mainstreaming:detail", kwargs=lambda w: {"pk": _document(w).pk}, allowed=SEES_A),
    Case("mainstreaming:edit", kwargs=lambda w: {"pk": _document(w).pk}, allowed=EDITS_A),
    # Without the confirmation ticked nothing is deleted: the document stays for the next persona.
    Case(
        "mainstreaming:delete",
        method="post",
        kwargs=lambda w: {"pk": _document(w).pk},
        allowed={"reporter_a": 302, "head_a": 302, "standing_office": 302, "admin": 302},
    ),
]

API_CASES = [
    ApiCase("get", "/api/v1/mainstreaming/documents", allowed=READERS),
    ApiCase(
        "get",
        "/api/v1/mainstreaming/documents/{document_id}",
        params=lambda w: {"document_id": _document(w).pk},
        allowed=SEES_A,
    ),
    # A title of blanks is refused (400), so nothing is created.
    ApiCase(
        "post",
        "/api/v1/mainstreaming/documents",
        body=lambda w: {"org_unit_id": w.commune_a.pk, "year": 2023, "kind": "plan", "title": "  "},
        allowed={"reporter_a": 400, "head_a": 400, "standing_office": 400, "admin": 400},
    ),
    ApiCase(
        "get",
        "/api/v1/mainstreaming/counts",
        query=lambda w: {"unit": w.commune_a.pk, "year": 2023},
        allowed=SEES_A,
    ),
]

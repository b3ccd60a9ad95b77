from binhdang.leadership.tests.factories import counted_post, make_leader, make_post
from tests.permission_matrix import ApiCase, Case, everyone

READERS = {p: 200 for p in everyone() if p != "nobody"}
RECORDERS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "dept_reporter": 200, "outsider": 200,
    "standing_office": 200, "admin": 200,
}  # fmt: skip
SEES_A = {
    "reporter_a": 200, "head_a": 200, "standing_office": 200, "leader": 200, "viewer": 200,
    "admin": 200,
}  # fmt: skip
KEEPS_A = {"reporter_a": 200, "head_a": 200, "admin": 200}
PERSONNEL_A = {"head_a": 200, "admin": 200}


def _kind(kind):
    return lambda w: {"kind": kind}


def _post(w):
    return {"kind": "posts", "pk": make_post(w).pk}


def _counted(w):
    return {"kind": "posts", "pk": counted_post(w).pk}


def _leader(w):
    return {"kind": "people", "pk": make_leader(w).pk}


CASES = [
    Case("leadership:index", allowed=READERS),
    Case("leadership:list", kwargs=_kind("posts"), allowed=READERS),
    Case("leadership:list", label="people", kwargs=_kind("people"), allowed=PERSONNEL_A),
    Case("leadership:list", label="deputies", kwargs=_kind("deputies"), allowed=READERS),
    Case("leadership:list", label="planning", kwargs=_kind("planning"), allowed=READERS),
    Case("leadership:list", label="training", kwargs=_kind("training"), allowed=READERS),
    Case("leadership:create", kwargs=_kind("posts"), allowed=RECORDERS),
    Case("leadership:create", label="people", kwargs=_kind("people"), allowed=PERSONNEL_A),
    Case("leadership:template", kwargs=_kind("posts"), allowed=RECORDERS),
    Case("leadership:upload", kwargs=_kind("training"), allowed=RECORDERS),
    Case("leadership:export", kwargs=_kind("posts"), allowed=READERS),
    Case("leadership:record", kwargs=_post, allowed=SEES_A),
    Case("leadership:record", label="people", kwargs=_leader, allowed=PERSONNEL_A),
    Case("leadership:edit", kwargs=_post, allowed=KEEPS_A),
    Case("leadership:edit", label="people", kwargs=_leader, allowed=PERSONNEL_A),
    # Counts computed from the list are not deleted by hand: the page says so and keeps them.
    Case(
        "leadership:delete",
        kwargs=_counted,
        method="post",
        allowed={"reporter_a": 302, "head_a": 302, "admin": 302},
    ),
]

API = "/api/v1/leadership"


def _post_id(w):
    return {"kind": "posts", "record_id": make_post(w).pk}


def _counted_id(w):
    return {"kind": "posts", "record_id": counted_post(w).pk}


API_CASES = [
    ApiCase("get", API + "/{kind}", params=lambda w: {"kind": "posts"}, allowed=READERS),
    ApiCase("get", API + "/{kind}/{record_id}", params=_post_id, allowed=SEES_A),
    # Values missing: refused (422) for those who record for commune A, nothing saved.
    ApiCase(
        "post",
        API + "/{kind}",
        params=lambda w: {"kind": "posts"},
        body=lambda w: {"unit_id": w.commune_a.pk, "values": {"total": "2", "women": "3"}},
        allowed={"reporter_a": 422, "head_a": 422, "admin": 422},
    ),  # fmt: skip
    ApiCase(
        "put",
        API + "/{kind}/{record_id}",
        params=_post_id,
        body=lambda w: {"unit_id": w.commune_a.pk, "values": {"total": "2", "women": "3"}},
        allowed={"reporter_a": 422, "head_a": 422, "admin": 422},
    ),  # fmt: skip
    ApiCase(
        "delete",
        API + "/{kind}/{record_id}",
        params=_counted_id,
        allowed={"reporter_a": 422, "head_a": 422, "admin": 422},
    ),  # fmt: skip
]

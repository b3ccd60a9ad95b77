from binhdang.training.tests.factories import make_course, make_participant
from tests.permission_matrix import (
    READS_A,
    RECORDS_A,
    RECORDS_SOME_UNIT,
    ApiCase,
    Case,
    everyone,
    personas,
)

SEES_A = personas(READS_A)
EDITS_A = personas(RECORDS_A)
EDITS_A_POST = personas(RECORDS_A, 302)
RECORDERS = personas(RECORDS_SOME_UNIT)


def _course(w):
    return make_course(w)


CASES = [
    Case("training:list", allowed=everyone()),
    Case("training:create", allowed=RECORDERS),
    Case("training:template", allowed=RECORDERS),
    Case("training:export", allowed=everyone()),
    Case("training:upload", allowed=RECORDERS),
    Case("training:detail", kwargs=lambda w: {"pk": _course(w).pk}, allowed=SEES_A),
    Case("training:edit", kwargs=lambda w: {"pk": _course(w).pk}, allowed=EDITS_A),
    Case(
        "training:delete",
        method="post",
        kwargs=lambda w: {"pk": _course(w).pk},
        allowed=EDITS_A_POST,
    ),
    # No name: the allowed are sent back to the course with a message, nothing added.
    Case(
        "training:participant_add",
        method="post",
        kwargs=lambda w: {"pk": _course(w).pk},
        allowed=EDITS_A_POST,
    ),
    Case(
        "training:participant_remove",
        method="post",
        kwargs=lambda w: {"pk": make_participant(_course(w)).pk},
        allowed=EDITS_A_POST,
    ),
]

API = "/api/v1/training"
API_CASES = [
    ApiCase("get", f"{API}/courses", allowed=everyone()),
    ApiCase(
        "get",
        f"{API}/courses/{{course_id}}",
        params=lambda w: {"course_id": _course(w).pk},
        allowed=SEES_A,
    ),
    ApiCase(
        "post",
        f"{API}/courses",
        body=lambda w: {
            "org_unit_id": w.commune_a.pk,
            "title": "Lớp tập huấn",
            "topic": "gbv",
            "starts_on": "2023-06-15",
            "participants_total": 10,
            "participants_women": "11",
        },  # fmt: skip
        allowed=dict.fromkeys(EDITS_A, 400),
    ),
]

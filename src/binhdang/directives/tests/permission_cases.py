from binhdang.directives.models import TaskAssignment
from binhdang.directives.tests.factories import make_attachment, make_directive
from tests.permission_matrix import ApiCase, Case, everyone

# A dispatch of district D addressed to commune A, which leads its task 1.1.
SEES_A = {
    "standing_office": 200,
    "leader": 200,
    "viewer": 200,
    "admin": 200,
    "reporter_a": 200,
    "head_a": 200,
}
MANAGERS = {"standing_office": 200, "admin": 200}
MANAGERS_POST = {"standing_office": 302, "admin": 302}


def _directive(w, **kw):
    return make_directive(w, **kw)


def _assignment(w):
    return TaskAssignment.objects.get(task__directive=_directive(w), org_unit=w.commune_a)


def _attachment(w):
    return make_attachment(w, _directive(w))


def _province_directive(w):
    return make_directive(
        w,
        number="961/UBND-VHXH",
        issuing_unit=w.province,
        recipients=[w.district],
        lead=[w.district],
    )


CASES = [
    Case("directives:list", allowed=everyone()),
    Case("directives:my_tasks", allowed=everyone()),
    Case("directives:create", allowed=MANAGERS),
    Case("directives:by_unit", allowed=MANAGERS),
    Case(
        "directives:by_unit_detail",
        kwargs=lambda w: {"unit_pk": _assignment(w).org_unit_id},
        allowed=MANAGERS,
    ),
    Case("directives:detail", kwargs=lambda w: {"pk": _directive(w).pk}, allowed=SEES_A),
    Case(
        "directives:detail",
        label="draft",
        kwargs=lambda w: {"pk": _directive(w, issue=False).pk},
        allowed={"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200},
    ),
    Case("directives:assignment", kwargs=lambda w: {"pk": _assignment(w).pk}, allowed=SEES_A),
    Case(
        "directives:attachment_download",
        kwargs=lambda w: {"pk": _attachment(w).pk},
        allowed=SEES_A,
    ),
    # Commune A has not closed: the issuing office re-addresses nothing and is sent back.
    Case(
        "directives:assignment_readdress",
        kwargs=lambda w: {"pk": _assignment(w).pk},
        method="post",
        allowed=MANAGERS_POST,
    ),
    Case("directives:edit", kwargs=lambda w: {"pk": _directive(w).pk}, allowed=MANAGERS),
    Case("directives:by_task", kwargs=lambda w: {"pk": _directive(w).pk}, allowed=MANAGERS),
    Case(
        "directives:issue",
        method="post",
        kwargs=lambda w: {"pk": _directive(w, issue=False).pk},
        allowed=MANAGERS_POST,
    ),
    Case(
        "directives:close",
        method="post",
        kwargs=lambda w: {"pk": _directive(w).pk},
        allowed=MANAGERS_POST,
    ),
    Case(
        "directives:attachment_upload",
        method="post",
        kwargs=lambda w: {"pk": _directive(w).pk},
        allowed=MANAGERS_POST,
    ),
    Case(
        "directives:carry_down",
        kwargs=lambda w: {"pk": _province_directive(w).pk},
        allowed=MANAGERS,
    ),
]

UPDATES_A = {"reporter_a": 400, "head_a": 400, "standing_office": 400, "admin": 400}


def _directive_id(w):
    return {"directive_id": _directive(w).pk}


API_CASES = [
    ApiCase("get", "/api/v1/directives/", allowed=everyone()),
    ApiCase("get", "/api/v1/directives/assignments", allowed=everyone()),
    ApiCase("get", "/api/v1/directives/{directive_id}", params=_directive_id, allowed=SEES_A),
    ApiCase(
        "get",
        "/api/v1/directives/{directive_id}",
        label="draft",
        params=lambda w: {"directive_id": _directive(w, issue=False).pk},
        allowed={"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200},
    ),
    ApiCase("get", "/api/v1/directives/{directive_id}/tasks", params=_directive_id, allowed=SEES_A),
    ApiCase(
        "get", "/api/v1/directives/{directive_id}/assignments", params=_directive_id, allowed=SEES_A
    ),
    # The same status without a note is refused (400): nothing changes for the next persona.
    ApiCase(
        "post",
        "/api/v1/directives/assignments/{assignment_id}/status",
        params=lambda w: {"assignment_id": _assignment(w).pk},
        body=lambda w: {"status": _assignment(w).status, "note": ""},
        allowed=UPDATES_A,
    ),
]

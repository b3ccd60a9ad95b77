from tests.permission_matrix import MARKER_ROUND, ApiCase, Case, everyone

from .factories import make_round, submitted

OVERSEE = {"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200}
MANAGE = {"standing_office": 200, "admin": 200}
UNIT_A = {**OVERSEE, "reporter_a": 200, "head_a": 200}


def _round(w):
    return {"slug": make_round(w).slug}


def _unit_a(w):
    submission = submitted(w)
    return {"slug": submission.round.slug, "unit_id": w.commune_a.pk}


def _attachment(w):
    submission = submitted(w)
    return {**_unit_a(w), "pk": submission.attachments.first().pk}


CASES = [
    Case("reporting:list", allowed=everyone()),
    Case(
        "reporting:detail",
        kwargs=_round,
        # Units expected in the round see it (their own part); the outsider does not.
        allowed={
            **OVERSEE,
            "reporter_a": 200,
            "head_a": 200,
            "reporter_b": 200,
            "dept_reporter": 200,
        },
    ),  # fmt: skip
    Case("reporting:round_create", allowed=MANAGE),
    # An empty form is refused with a message and a redirect back to the round.
    Case(
        "reporting:section_add",
        kwargs=_round,
        method="post",
        allowed={"standing_office": 302, "admin": 302},
    ),
    Case(
        "reporting:field_add",
        kwargs=_round,
        method="post",
        allowed={"standing_office": 302, "admin": 302},
    ),
    Case("reporting:export", kwargs=_round, allowed=OVERSEE),
    Case("reporting:open", kwargs=_round, allowed=MANAGE),
    # An empty form keeps the regime as it is and redirects back to the round.
    Case(
        "reporting:regime",
        kwargs=_round,
        method="post",
        allowed={"standing_office": 302, "admin": 302},
    ),
    Case("reporting:remind", kwargs=_round, allowed=MANAGE),
    # Commune A has not closed: its office re-addresses nothing and is sent back (302).
    Case(
        "reporting:readdress",
        kwargs=lambda w: {"slug": make_round(w).slug, "unit_id": w.commune_a.pk},
        method="post",
        allowed={"standing_office": 302, "admin": 302},
    ),
    Case("reporting:submission", kwargs=_unit_a, allowed=UNIT_A),
    Case("reporting:versions", kwargs=_unit_a, allowed=UNIT_A),
    Case("reporting:attachment", kwargs=_attachment, allowed=UNIT_A),
    Case(
        "reporting:autosave",
        kwargs=_unit_a,
        method="post",
        # The form's version is missing, so a permitted save is refused as stale (409).
        allowed={"reporter_a": 409, "head_a": 409, "admin": 409},
    ),
    Case(
        "reporting:attach",
        kwargs=_unit_a,
        method="post",
        allowed={"reporter_a": 302, "head_a": 302, "standing_office": 302, "admin": 302},
    ),
    Case("reporting:approve", kwargs=_unit_a, allowed={"head_a": 200, "admin": 200}),
    Case("reporting:review", kwargs=_unit_a, allowed=MANAGE),
    Case("reporting:reopen", kwargs=_unit_a, allowed=MANAGE),
    # No number posted: refused with a message and a redirect back to the review page.
    Case(
        "reporting:correct",
        kwargs=_unit_a,
        method="post",
        allowed={"standing_office": 302, "admin": 302},
    ),
    Case(
        "reporting:submission",
        label="commune B cannot post to A",
        kwargs=_unit_a,
        method="post",
        data=lambda w: {"action": "save", "version": "1"},
        allowed={"reporter_a": 302, "head_a": 302, "admin": 302},
    ),
]

# Commune A's unsent draft in the marker round (tests/permission_matrix.add_markers): the
# district's office, leader and viewer open the page and see that it exists, and the matrix
# checks they never receive its text.
CASES += [
    Case(
        "reporting:submission",
        label="unsent draft",
        kwargs=lambda w: {"slug": MARKER_ROUND, "unit_id": w.commune_a.pk},
        allowed=UNIT_A,
    ),
    Case(
        "reporting:versions",
        label="unsent draft",
        kwargs=lambda w: {"slug": MARKER_ROUND, "unit_id": w.commune_a.pk},
        allowed=UNIT_A,
    ),
    Case(
        "reporting:detail",
        label="markers",
        kwargs=lambda w: {"slug": MARKER_ROUND},
        allowed={
            **OVERSEE,
            "reporter_a": 200,
            "head_a": 200,
            "reporter_b": 200,
        },
    ),  # fmt: skip
]

UNIT_PATH = "/api/v1/reporting/rounds/{slug}/units/{unit_id}"
WRITERS = {"reporter_a": 409, "head_a": 409, "admin": 409}
REVIEWERS_409 = {"standing_office": 409, "admin": 409}
REVIEWERS_400 = {"standing_office": 400, "admin": 400}


def _unit_a_api(w):
    submission = submitted(w)
    return {"slug": submission.round.slug, "unit_id": w.commune_a.pk}


def _draft_a_api(w):
    return {"slug": MARKER_ROUND, "unit_id": w.commune_a.pk}


def _bad_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream")}


API_CASES = [
    ApiCase("get", "/api/v1/reporting/rounds", allowed=everyone()),
    ApiCase(
        "get",
        "/api/v1/reporting/rounds/{slug}",
        params=_round,
        allowed={**UNIT_A, "reporter_b": 200, "dept_reporter": 200},
    ),
    ApiCase("get", "/api/v1/reporting/rounds/{slug}/completeness", params=_round, allowed=OVERSEE),
    ApiCase(
        "get",
        "/api/v1/reporting/rounds/{slug}/completeness",
        label="markers",
        params=lambda w: {"slug": MARKER_ROUND},
        allowed=OVERSEE,
    ),
    ApiCase("get", UNIT_PATH, params=_unit_a_api, allowed=UNIT_A),
    ApiCase("get", UNIT_PATH, label="unsent draft", params=_draft_a_api, allowed=UNIT_A),
    ApiCase("get", UNIT_PATH + "/attachments", params=_unit_a_api, allowed=UNIT_A),
    ApiCase(
        "get", UNIT_PATH + "/attachments", label="unsent draft", params=_draft_a_api, allowed=UNIT_A
    ),
    # A permitted call is refused without changing anything: a stale version (409), a
    # report already sent (409), a return without a comment, an empty reason or a file of
    # the wrong kind (400).
    ApiCase(
        "put",
        UNIT_PATH + "/draft",
        params=_unit_a_api,
        body=lambda w: {"version": 0},
        allowed=WRITERS,
    ),
    ApiCase(
        "post",
        UNIT_PATH + "/submit",
        params=_unit_a_api,
        body=lambda w: {"version": 0},
        allowed=WRITERS,
    ),
    ApiCase(
        "post", UNIT_PATH + "/approve", params=_unit_a_api, allowed={"head_a": 409, "admin": 409}
    ),
    ApiCase(
        "post",
        UNIT_PATH + "/return",
        params=_unit_a_api,
        body=lambda w: {"version": 0},
        allowed=REVIEWERS_400,
    ),
    ApiCase(
        "post",
        UNIT_PATH + "/accept",
        params=_unit_a_api,
        query=lambda w: {"version": 0},
        allowed=REVIEWERS_409,
    ),
    ApiCase(
        "post",
        UNIT_PATH + "/reopen",
        params=_unit_a_api,
        body=lambda w: {"reason": ""},
        allowed={"standing_office": 400, "admin": 400},
    ),
    ApiCase(
        "post",
        UNIT_PATH + "/attachments",
        params=_unit_a_api,
        form=_bad_upload,
        allowed={"reporter_a": 400, "head_a": 400, "standing_office": 400, "admin": 400},
    ),
]

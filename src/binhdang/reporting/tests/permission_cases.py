from tests.permission_matrix import Case, everyone

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

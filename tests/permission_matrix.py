"""The permission matrix: every URL route and every API operation of the project, and what
each persona gets.

Each app declares its routes' cases in `<app>/tests/permission_cases.py` as a list `CASES` of
`Case`, and its API operations' cases as a list `API_CASES` of `ApiCase`.
`tests/test_permission_matrix.py` fails when a route (named or not) or an operation of the
OpenAPI schema has no case, so one added later cannot slip past the matrix.

A case names a URL pattern (or, for a pattern without a name, its route as written), builds
its kwargs from the `world` fixture (usually an object of commune A), and gives the expected
status for each persona; personas not listed must get a 404 (or a redirect to the login page,
for the anonymous visitor; 401 from the API).

Every page and API answer a persona gets is also read for the other commune's marker strings
(`MARKERS`): commune A's unsent draft, a unit only commune A has, and the same of commune B.
A persona must never receive a marker of what it may not see (`FORBIDDEN`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = [
    "anonymous",
    "nobody",
    "outsider",
    "reporter_a",
    "head_a",
    "reporter_b",
    "dept_reporter",
    "standing_office",
    "leader",
    "viewer",
    "admin",
]


@dataclass
class Case:
    url_name: str  # "namespace:name"; empty for a pattern without a name (see `route`)
    kwargs: Callable[[object], dict] | None = None  # world -> URL kwargs
    allowed: dict[str, int] = field(default_factory=dict)  # persona -> expected status
    method: str = "get"
    data: Callable[[object], dict] | None = None
    # Status for personas not in `allowed` (404: "does not exist for you").
    denied_status: int = 404
    # Extra cases for the same route (a second object) use distinct labels.
    label: str = ""
    # A pattern without a name: its full route as written ("rounds/<slug:slug>/feed/") and
    # a function of the world giving the URL to open.
    route: str = ""
    url: Callable[[object], str] | None = None

    @property
    def key(self) -> str:
        return self.url_name or f"route:{self.route}"

    def expected(self, persona: str) -> int:
        if persona in self.allowed:
            return self.allowed[persona]
        if persona == "anonymous":
            return 302
        return self.denied_status


@dataclass
class ApiCase:
    """One operation of the OpenAPI schema: `method` and `path` exactly as the schema writes
    them ("get", "/api/v1/reporting/rounds/{slug}"), path parameters from the world, and an
    optional JSON body or query. A permitted call must not change what the next persona
    finds (send a stale version, an empty reason, ...)."""

    method: str
    path: str
    params: Callable[[object], dict] | None = None
    allowed: dict[str, int] = field(default_factory=dict)
    body: Callable[[object], dict] | None = None
    query: Callable[[object], dict] | None = None
    # A multipart form (files), built afresh for each persona: () -> data.
    form: Callable[[], dict] | None = None
    denied_status: int = 404
    label: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    def expected(self, persona: str) -> int:
        if persona in self.allowed:
            return self.allowed[persona]
        if persona == "anonymous":
            return 401
        return self.denied_status


SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(SIGNED_IN, status)


# A programme record of commune A (`accounts.permissions.UNIT_RECORDERS` record it): who reads
# it, who changes it, and who records for some unit (and so gets the pages to add one).
READS_A = ("standing_office", "leader", "viewer", "admin", "reporter_a", "head_a")
RECORDS_A = ("standing_office", "admin", "reporter_a", "head_a")
RECORDS_SOME_UNIT = (*RECORDS_A, "reporter_b", "dept_reporter", "outsider")


def personas(names, status: int = 200) -> dict[str, int]:
    return dict.fromkeys(names, status)


# ---------------------------------------------------------------- markers

DRAFT_A = "MARKER-DRAFT-PHULINH-7731"
DRAFT_B = "MARKER-DRAFT-KIMTHACH-7732"
UNIT_A = "Thôn Marker Phú Linh 7733"
UNIT_B = "Thôn Marker Kim Thạch 7734"
OF_A = [DRAFT_A, UNIT_A]
OF_B = [DRAFT_B, UNIT_B]
DRAFTS = [DRAFT_A, DRAFT_B]

# What each persona must never receive: the other commune's draft and units; and everyone
# outside a commune never reads its unsent draft (the district's office, leader and viewer
# see that it exists, not its text).
FORBIDDEN = {
    "anonymous": OF_A + OF_B,
    "nobody": OF_A + OF_B,
    "outsider": OF_A + OF_B,
    "reporter_a": OF_B,
    "head_a": OF_B,
    "reporter_b": OF_A,
    "dept_reporter": OF_A + OF_B,
    "standing_office": DRAFTS,
    "leader": DRAFTS,
    "viewer": DRAFTS,
    "admin": [],
}

MARKER_ROUND = "marker-round"


def add_markers(world) -> None:
    """A round in which communes A and B each keep an unsent draft holding its marker, and a
    unit under each commune named with its marker (written directly: every case of the
    matrix starts with them)."""
    from datetime import date

    from binhdang.orgunits.models import Kind, OrgUnit
    from binhdang.reporting.models import (
        ExpectedUnit,
        FormSection,
        ReportingRound,
        RoundStatus,
        Submission,
        SubmissionAnswer,
    )

    OrgUnit(name=UNIT_A, kind=Kind.OTHER, parent=world.commune_a).save()
    OrgUnit(name=UNIT_B, kind=Kind.OTHER, parent=world.commune_b).save()
    reporting_round = ReportingRound.objects.create(
        title="Đợt báo cáo có dấu kiểm tra",
        slug=MARKER_ROUND,
        owner_unit=world.district,
        standing_office=world.labour_office,
        period_year=2023,
        opens_on=date(2023, 4, 14),
        deadline=date(2023, 12, 5),
        status=RoundStatus.OPEN,
    )
    section = FormSection.objects.create(
        round=reporting_round, number="1", title="Tuyên truyền", position=1
    )
    for unit, text in ((world.commune_a, DRAFT_A), (world.commune_b, DRAFT_B)):
        submission = Submission.objects.create(round=reporting_round, org_unit=unit)
        SubmissionAnswer.objects.create(
            submission=submission, section=section, part="done", text=text
        )
        ExpectedUnit.objects.create(round=reporting_round, org_unit=unit, submission=submission)


def leaked_markers(persona: str, text: str) -> list[str]:
    return [marker for marker in FORBIDDEN[persona] if marker in text]

"""The permission matrix: every URL route of the project, and what each persona gets.

Each app declares its routes' cases in `<app>/tests/permission_cases.py` as a list `CASES` of
`Case`. `tests/test_permission_matrix.py` fails when a route has no case, so a route added
later cannot slip past the matrix.

A case names a URL pattern, builds its kwargs from the `world` fixture (usually an object of
commune A), and gives the expected status for each persona; personas not listed must get
a 404 (or a redirect to the login page, for the anonymous visitor).
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
    url_name: str  # "namespace:name"
    kwargs: Callable[[object], dict] | None = None  # world -> URL kwargs
    allowed: dict[str, int] = field(default_factory=dict)  # persona -> expected status
    method: str = "get"
    data: Callable[[object], dict] | None = None
    # Status for personas not in `allowed` (404: "does not exist for you").
    denied_status: int = 404
    # Extra cases for the same route (a second object) use distinct labels.
    label: str = ""

    def expected(self, persona: str) -> int:
        if persona in self.allowed:
            return self.allowed[persona]
        if persona == "anonymous":
            return 302
        return self.denied_status


SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(SIGNED_IN, status)

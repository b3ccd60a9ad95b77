from tests.permission_matrix import ApiCase, Case, everyone

IN_DISTRICT = {"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200}
A_VIEW = {**IN_DISTRICT, "reporter_a": 200, "head_a": 200}
A_ENTER = {"standing_office": 200, "reporter_a": 200, "head_a": 200, "admin": 200}
ANY_VIEW = dict.fromkeys(["outsider", "reporter_a", "head_a", "reporter_b", "dept_reporter", "standing_office", "leader", "viewer", "admin"], 200)  # fmt: skip
ANY_ENTER = dict.fromkeys(["outsider", "reporter_a", "head_a", "reporter_b", "dept_reporter", "standing_office", "admin"], 200)  # fmt: skip


def _a(w):
    return {"pk": w.commune_a.pk}


def _with_catalogue(w):
    from binhdang.indicators.services import load_catalogue

    load_catalogue()
    return {"pk": w.commune_a.pk, "code": "NQ28-3.2"}


CASES = [
    Case("indicators:index", allowed={**dict.fromkeys(ANY_VIEW, 302)}),
    Case("indicators:catalogue", allowed=ANY_VIEW),
    Case("indicators:upload", allowed=ANY_ENTER),
    Case("indicators:dashboard", kwargs=_a, allowed=A_VIEW),
    Case(
        "indicators:dashboard",
        label="district",
        kwargs=lambda w: {"pk": w.district.pk},
        allowed=IN_DISTRICT,
    ),  # fmt: skip
    Case(
        "indicators:dashboard_export",
        kwargs=lambda w: {"pk": w.commune_a.pk, "fmt": "csv"},
        allowed=A_VIEW,
    ),  # fmt: skip
    Case(
        "indicators:dhis2", kwargs=lambda w: {"pk": w.commune_a.pk, "year": 2023}, allowed=A_VIEW
    ),  # fmt: skip
    Case(
        "indicators:history", kwargs=lambda w: {"pk": w.commune_a.pk, "year": 2023}, allowed=A_VIEW
    ),  # fmt: skip
    Case(
        "indicators:entry", kwargs=lambda w: {"pk": w.commune_a.pk, "year": 2023}, allowed=A_ENTER
    ),  # fmt: skip
    Case(
        "indicators:template",
        kwargs=lambda w: {"pk": w.commune_a.pk, "year": 2023},
        allowed=A_ENTER,
    ),  # fmt: skip
    Case("indicators:detail", kwargs=_with_catalogue, allowed=A_VIEW),
    Case(
        "indicators:children_export",
        kwargs=lambda w: {**_with_catalogue(w), "fmt": "xlsx"},
        allowed=A_VIEW,
    ),
    Case(
        "indicators:assess",
        kwargs=lambda w: {**_with_catalogue(w), "year": 2023},
        allowed=A_ENTER,
    ),
]


def _unit_a(w):
    return {"unit_id": w.commune_a.pk}


def _unit_a_code(w):
    return {"unit_id": _with_catalogue(w)["pk"], "code": "NQ28-3.2"}


YEAR = lambda w: {"year": 2023}  # noqa: E731

API_CASES = [
    ApiCase("get", "/api/v1/indicators/catalogue", allowed=everyone()),
    ApiCase(
        "get",
        "/api/v1/indicators/indicators/{code}",
        params=lambda w: {"code": _with_catalogue(w)["code"]},
        allowed=ANY_VIEW,
    ),
    ApiCase(
        "get",
        "/api/v1/indicators/units/{unit_id}/values",
        params=_unit_a,
        query=YEAR,
        allowed=A_VIEW,
    ),
    ApiCase(
        "get",
        "/api/v1/indicators/units/{unit_id}/rollup/{code}",
        params=_unit_a_code,
        query=YEAR,
        allowed=A_VIEW,
    ),
    ApiCase(
        "get",
        "/api/v1/indicators/units/{unit_id}/status",
        params=_unit_a,
        query=YEAR,
        allowed=A_VIEW,
    ),
]

from .dhis2_permission_cases import CASES as DHIS2_CASES  # noqa: E402

CASES += DHIS2_CASES

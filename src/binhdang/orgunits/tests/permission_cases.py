from tests.permission_matrix import ApiCase, Case, everyone

IN_DISTRICT = {"standing_office": 200, "leader": 200, "viewer": 200, "admin": 200}

CASES = [
    Case("orgunits:tree", allowed=everyone()),
    Case(
        "orgunits:detail",
        kwargs=lambda w: {"pk": w.commune_a.pk},
        allowed={**IN_DISTRICT, "reporter_a": 200, "head_a": 200},
    ),
    Case(
        "orgunits:detail",
        label="district",
        kwargs=lambda w: {"pk": w.district.pk},
        allowed=IN_DISTRICT,
    ),
]

A_SEEN = {**IN_DISTRICT, "reporter_a": 200, "head_a": 200}

API_CASES = [
    # Every persona lists the units it sees; the content check keeps the other commune out.
    ApiCase("get", "/api/v1/orgunits/", allowed=everyone()),
    ApiCase(
        "get",
        "/api/v1/orgunits/{unit_id}",
        params=lambda w: {"unit_id": w.commune_a.pk},
        allowed=A_SEEN,
    ),
    ApiCase(
        "get",
        "/api/v1/orgunits/{unit_id}/subtree",
        params=lambda w: {"unit_id": w.commune_a.pk},
        allowed=A_SEEN,
    ),
    ApiCase(
        "get",
        "/api/v1/orgunits/{unit_id}/subtree",
        label="district",
        params=lambda w: {"unit_id": w.district.pk},
        allowed=IN_DISTRICT,
    ),
]

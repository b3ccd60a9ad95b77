from tests.permission_matrix import Case, everyone

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

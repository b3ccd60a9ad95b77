from tests.permission_matrix import ApiCase, Case, everyone

from .factories import make_support

SEES_A = {
    "standing_office": 200,
    "leader": 200,
    "viewer": 200,
    "admin": 200,
    "reporter_a": 200,
    "head_a": 200,
}
RECORDS_A = {"standing_office": 200, "admin": 200, "reporter_a": 200, "head_a": 200}
RECORDERS = {**RECORDS_A, "reporter_b": 200, "dept_reporter": 200, "outsider": 200}


def _support(w):
    from binhdang.empowerment.models import Support

    return Support.objects.filter(org_unit=w.commune_a).first() or make_support(w)


CASES = [
    Case("empowerment:list", allowed=everyone()),
    Case("empowerment:create", allowed=RECORDERS),
    Case("empowerment:template", allowed=RECORDERS),
    Case("empowerment:upload", allowed=RECORDERS),
    Case("empowerment:export", allowed=everyone()),
    Case("empowerment:detail", kwargs=lambda w: {"pk": _support(w).pk}, allowed=SEES_A),
    Case("empowerment:edit", kwargs=lambda w: {"pk": _support(w).pk}, allowed=RECORDS_A),
    # Without the confirmation the form sends, nothing is deleted: back to the record.
    Case(
        "empowerment:delete",
        method="post",
        kwargs=lambda w: {"pk": _support(w).pk},
        allowed=dict.fromkeys(RECORDS_A, 302),
    ),
]

API_CASES = [
    ApiCase("get", "/api/v1/empowerment/", allowed=everyone()),
    ApiCase(
        "get",
        "/api/v1/empowerment/{support_id}",
        params=lambda w: {"support_id": _support(w).pk},
        allowed=SEES_A,
    ),
    # More women than beneficiaries is refused (400): nothing is recorded.
    ApiCase(
        "post",
        "/api/v1/empowerment/",
        body=lambda w: {
            "org_unit_id": w.commune_a.pk,
            "programme": "ntp_poverty",
            "kind": "credit",
            "title": "Vay vốn",
            "given_on": "2023-05-01",
            "beneficiaries_total": 10,
            "women": 11,
        },
        allowed=dict.fromkeys(RECORDS_A, 400),
    ),
]

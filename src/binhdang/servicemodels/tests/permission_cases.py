from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.servicemodels.services import evidence_add
from tests.permission_matrix import ApiCase, Case, everyone

from .factories import add_evaluation, add_period, make_model

# A trusted address of commune A.
SEES_A = {
    "standing_office": 200,
    "leader": 200,
    "viewer": 200,
    "admin": 200,
    "reporter_a": 200,
    "head_a": 200,
}
RECORDS_A = {"standing_office": 200, "admin": 200, "reporter_a": 200, "head_a": 200}
RECORDS_A_POST = dict.fromkeys(RECORDS_A, 302)
# Anyone who records service models for some unit.
RECORDERS = {
    **RECORDS_A,
    "reporter_b": 200,
    "dept_reporter": 200,
    "outsider": 200,
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _model(w):
    from binhdang.servicemodels.models import ServiceModel

    return ServiceModel.objects.filter(org_unit=w.commune_a).first() or make_model(w)


def _period(w):
    return _model(w).periods.first() or add_period(w, _model(w))


def _evaluation(w):
    return _model(w).evaluations.first() or add_evaluation(w, _model(w))


def _evidence(w):
    return evidence_add(
        actor=w.reporter_a,
        evaluation=_evaluation(w),
        uploaded=SimpleUploadedFile("Biên bản.pdf", PDF, content_type="application/pdf"),
    )


CASES = [
    Case("servicemodels:list", allowed=everyone()),
    Case("servicemodels:create", allowed=RECORDERS),
    Case("servicemodels:template", allowed=RECORDERS),
    Case("servicemodels:upload", allowed=RECORDERS),
    Case("servicemodels:export", allowed=everyone()),
    Case("servicemodels:period_template", allowed=RECORDERS),
    Case("servicemodels:period_upload", allowed=RECORDERS),
    Case("servicemodels:period_export", allowed=everyone()),
    Case("servicemodels:replication", allowed=everyone()),
    Case("servicemodels:replication_export", allowed=everyone()),
    Case(
        "servicemodels:commune_profile",
        kwargs=lambda w: {"pk": w.commune_a.pk},
        allowed={"standing_office": 200, "admin": 200},
    ),
    Case("servicemodels:detail", kwargs=lambda w: {"pk": _model(w).pk}, allowed=SEES_A),
    Case("servicemodels:edit", kwargs=lambda w: {"pk": _model(w).pk}, allowed=RECORDS_A),
    # The same status again is refused with a message: nothing changes for the next persona.
    Case(
        "servicemodels:status",
        method="post",
        kwargs=lambda w: {"pk": _model(w).pk},
        data=lambda w: {"status": "active", "on": "2023-06-01"},
        allowed=RECORDS_A_POST,
    ),
    Case("servicemodels:period_create", kwargs=lambda w: {"pk": _model(w).pk}, allowed=RECORDS_A),
    Case("servicemodels:period_edit", kwargs=lambda w: {"pk": _period(w).pk}, allowed=RECORDS_A),
    Case(
        "servicemodels:evaluation_create", kwargs=lambda w: {"pk": _model(w).pk}, allowed=RECORDS_A
    ),
    Case("servicemodels:evaluation", kwargs=lambda w: {"pk": _evaluation(w).pk}, allowed=SEES_A),
    Case(
        "servicemodels:evaluation_edit",
        kwargs=lambda w: {"pk": _evaluation(w).pk},
        allowed=RECORDS_A,
    ),
    # No file sent: refused with a message, nothing attached.
    Case(
        "servicemodels:evidence_upload",
        method="post",
        kwargs=lambda w: {"pk": _evaluation(w).pk},
        allowed=RECORDS_A_POST,
    ),
    Case(
        "servicemodels:evidence_download", kwargs=lambda w: {"pk": _evidence(w).pk}, allowed=SEES_A
    ),
]

API_CASES = [
    ApiCase("get", "/api/v1/servicemodels/", allowed=everyone()),
    ApiCase(
        "get",
        "/api/v1/servicemodels/replication",
        query=lambda w: {"year": 2023},
        allowed=everyone(),
    ),
    ApiCase(
        "get",
        "/api/v1/servicemodels/{model_id}",
        params=lambda w: {"model_id": _model(w).pk},
        allowed=SEES_A,
    ),
    # A commune outside commune A's area is refused (400): nothing is registered.
    ApiCase(
        "post",
        "/api/v1/servicemodels/",
        body=lambda w: {
            "org_unit_id": w.commune_a.pk,
            "commune_id": w.commune_b.pk,
            "name": "Địa chỉ tin cậy",
            "kind": "trusted_address",
        },
        allowed=dict.fromkeys(RECORDS_A, 400),
    ),
]

from binhdang.communication.tests.factories import (
    action_month,
    make_activity,
    make_file,
    make_role_model,
)
from tests.permission_matrix import (
    READS_A,
    RECORDS_A,
    RECORDS_SOME_UNIT,
    ApiCase,
    Case,
    everyone,
    personas,
)

# An activity and a role model of commune A.
SEES_A = personas(READS_A)
EDITS_A = personas(RECORDS_A)
EDITS_A_POST = personas(RECORDS_A, 302)
# Whoever records for some unit.
RECORDERS = personas(RECORDS_SOME_UNIT)
LAUNCHERS = {"standing_office": 200, "admin": 200}


def _activity(w):
    return make_activity(w)


def _role_model(w):
    return make_role_model(w)


def _bad_activity(w):
    # Women above the total: refused (200 with the form's error), nothing changes.
    return {"org_unit": w.commune_a.pk, "title": "Hội nghị", "starts_on": "2023-11-20",
            "channel": "meeting", "audience_total": "10", "audience_women": "12"}  # fmt: skip


CASES = [
    Case("communication:list", allowed=everyone()),
    Case("communication:create", allowed=RECORDERS),
    Case(
        "communication:create",
        label="refused",
        method="post",
        data=_bad_activity,
        allowed=RECORDERS,
    ),
    Case("communication:template", allowed=RECORDERS),
    Case("communication:export", allowed=everyone()),
    Case("communication:upload", allowed=RECORDERS),
    Case("communication:detail", kwargs=lambda w: {"pk": _activity(w).pk}, allowed=SEES_A),
    Case("communication:edit", kwargs=lambda w: {"pk": _activity(w).pk}, allowed=EDITS_A),
    Case(
        "communication:delete",
        method="post",
        kwargs=lambda w: {"pk": _activity(w).pk},
        allowed=EDITS_A_POST,
    ),
    # No file sent: the allowed are sent back to the activity with a message.
    Case(
        "communication:file_upload",
        method="post",
        kwargs=lambda w: {"pk": _activity(w).pk},
        allowed=EDITS_A_POST,
    ),
    Case(
        "communication:file_download",
        kwargs=lambda w: {"pk": make_file(_activity(w)).pk},
        allowed=SEES_A,
    ),
    Case(
        "communication:file_delete",
        method="post",
        kwargs=lambda w: {"pk": make_file(_activity(w)).pk},
        allowed=EDITS_A_POST,
    ),
    Case("communication:campaigns", allowed=everyone()),
    Case("communication:campaign_create", allowed=LAUNCHERS),
    Case(
        "communication:campaign",
        kwargs=lambda w: {"pk": action_month().pk},
        allowed=everyone(),
    ),
    Case("communication:role_models", allowed=everyone()),
    Case("communication:role_model_create", allowed=RECORDERS),
    Case("communication:role_model_template", allowed=RECORDERS),
    Case("communication:role_model_export", allowed=everyone()),
    Case("communication:role_model_upload", allowed=RECORDERS),
    Case("communication:role_model", kwargs=lambda w: {"pk": _role_model(w).pk}, allowed=SEES_A),
    Case(
        "communication:role_model_edit",
        kwargs=lambda w: {"pk": _role_model(w).pk},
        allowed=EDITS_A,
    ),
    Case(
        "communication:role_model_delete",
        method="post",
        kwargs=lambda w: {"pk": _role_model(w).pk},
        allowed=EDITS_A_POST,
    ),
]

API = "/api/v1/communication"
API_CASES = [
    ApiCase("get", f"{API}/activities", allowed=everyone()),
    ApiCase(
        "get",
        f"{API}/activities/{{activity_id}}",
        params=lambda w: {"activity_id": _activity(w).pk},
        allowed=SEES_A,
    ),
    # Women above the total: a 400 for those who record for commune A, nothing saved.
    ApiCase(
        "post",
        f"{API}/activities",
        body=lambda w: {
            "org_unit_id": w.commune_a.pk,
            "title": "Hội nghị",
            "starts_on": "2023-11-20",
            "channel": "meeting",
            "audience_total": 10,
            "audience_women": "12",
        },  # fmt: skip
        allowed=dict.fromkeys(EDITS_A, 400),
    ),
    ApiCase("get", f"{API}/campaigns", allowed=everyone()),
    ApiCase(
        "get",
        f"{API}/campaigns/{{campaign_id}}",
        params=lambda w: {"campaign_id": action_month().pk},
        allowed=everyone(),
    ),
    ApiCase("get", f"{API}/role-models", allowed=everyone()),
    ApiCase(
        "get",
        f"{API}/role-models/{{role_model_id}}",
        params=lambda w: {"role_model_id": _role_model(w).pk},
        allowed=SEES_A,
    ),
    ApiCase(
        "post",
        f"{API}/role-models",
        body=lambda w: {
            "org_unit_id": w.commune_a.pk,
            "kind": "person",
            "name": "  ",
            "role": "Vận động",
        },  # fmt: skip
        allowed=dict.fromkeys(EDITS_A, 400),
    ),
]

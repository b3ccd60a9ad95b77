from binhdang.inspections.tests.factories import (
    make_complaint,
    make_file,
    make_follow_up,
    make_inspection,
)
from tests.permission_matrix import ApiCase, Case

# Every role reads the inspections of its units; reporters, heads and the standing office
# record them.
READERS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "dept_reporter": 200,
    "standing_office": 200, "leader": 200, "viewer": 200, "admin": 200, "outsider": 200,
}  # fmt: skip
EDITORS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "dept_reporter": 200,
    "standing_office": 200, "admin": 200, "outsider": 200,
}  # fmt: skip
# The district's check of commune A: the district's readers and commune A itself.
SEES_A = {
    "reporter_a": 200, "head_a": 200, "standing_office": 200, "leader": 200, "viewer": 200,
    "admin": 200,
}  # fmt: skip
DISTRICT_EDITORS = {"standing_office": 200, "admin": 200}
# Complaints: never viewers.
COMPLAINT_READERS = {k: v for k, v in READERS.items() if k != "viewer"}
# A complaint received by commune A and handled by its reporter.
READS_COMPLAINT_A = {
    "reporter_a": 200, "head_a": 200, "standing_office": 200, "leader": 200, "admin": 200,
}  # fmt: skip
HANDLES_A = {"reporter_a": 200, "admin": 200}


def _inspection(w):
    return make_inspection(w)


def _follow_up(w):
    return make_follow_up(w, _inspection(w))


def _complaint(w):
    return make_complaint(w)


def _redirect(allowed):
    return dict.fromkeys(allowed, 302)


CASES = [
    Case("inspections:list", allowed=READERS),
    Case("inspections:export", allowed=READERS),
    Case("inspections:create", allowed=EDITORS),
    Case("inspections:template", allowed=EDITORS),
    Case("inspections:upload", allowed=EDITORS),
    Case("inspections:detail", kwargs=lambda w: {"pk": _inspection(w).pk}, allowed=SEES_A),
    Case("inspections:edit", kwargs=lambda w: {"pk": _inspection(w).pk}, allowed=DISTRICT_EDITORS),
    # Posts without the form's fields change nothing and send the user back to the page.
    Case("inspections:follow_up_add", method="post", kwargs=lambda w: {"pk": _inspection(w).pk},
         allowed=_redirect(DISTRICT_EDITORS)),
    Case("inspections:file_add", method="post", kwargs=lambda w: {"pk": _inspection(w).pk},
         allowed=_redirect(DISTRICT_EDITORS)),
    # The district's editors and the responsible unit (commune A) update a follow-up item.
    Case("inspections:follow_up_status", method="post", kwargs=lambda w: {"pk": _follow_up(w).pk},
         allowed=_redirect({"standing_office": 1, "admin": 1, "reporter_a": 1, "head_a": 1})),
    Case("inspections:file_download",
         kwargs=lambda w: {"pk": make_file(w, _inspection(w)).pk}, allowed=SEES_A),
    Case("inspections:complaint_list", allowed=COMPLAINT_READERS),
    Case("inspections:complaint_export", allowed=COMPLAINT_READERS),
    Case("inspections:complaint_create", allowed=EDITORS),
    Case("inspections:complaint_template", allowed=EDITORS),
    Case("inspections:complaint_upload", allowed=EDITORS),
    Case("inspections:complaint_detail", kwargs=lambda w: {"pk": _complaint(w).pk},
         allowed=READS_COMPLAINT_A),
    Case("inspections:complaint_edit", kwargs=lambda w: {"pk": _complaint(w).pk},
         allowed=HANDLES_A),
    Case("inspections:complaint_progress", kwargs=lambda w: {"pk": _complaint(w).pk},
         allowed=HANDLES_A),
    # Only the handlers read who complained; the standing office and the leader do not.
    Case("inspections:complaint_identity", kwargs=lambda w: {"pk": _complaint(w).pk},
         allowed=HANDLES_A),
    Case("inspections:handler_add", method="post", kwargs=lambda w: {"pk": _complaint(w).pk},
         allowed=_redirect(HANDLES_A)),
    # Removing the only handler is refused: nothing changes for the next persona.
    Case("inspections:handler_remove", method="post",
         kwargs=lambda w: {"pk": _complaint(w).pk, "user_pk": w.reporter_a.pk},
         allowed=_redirect(HANDLES_A)),
]  # fmt: skip

API_CASES = [
    ApiCase("get", "/api/v1/inspections/", allowed=READERS),
    ApiCase("get", "/api/v1/inspections/{inspection_id}",
            params=lambda w: {"inspection_id": _inspection(w).pk}, allowed=SEES_A),
    # No matter ticked: refused (400), nothing created.
    ApiCase("post", "/api/v1/inspections/",
            body=lambda w: {"org_unit_id": w.commune_a.pk, "title": "Kiểm tra",
                            "inspected_unit_ids": [w.commune_a.pk], "started_on": "2023-09-12"},
            allowed={"reporter_a": 400, "head_a": 400, "standing_office": 400, "admin": 400}),
    ApiCase("get", "/api/v1/inspections/complaints", allowed=COMPLAINT_READERS),
    ApiCase("get", "/api/v1/inspections/complaints/{complaint_id}",
            params=lambda w: {"complaint_id": _complaint(w).pk}, allowed=READS_COMPLAINT_A),
    ApiCase("get", "/api/v1/inspections/complaints/{complaint_id}/identity",
            params=lambda w: {"complaint_id": _complaint(w).pk}, allowed=HANDLES_A),
]  # fmt: skip

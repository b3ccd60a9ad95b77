from binhdang.cfaw.models import Member
from binhdang.cfaw.tests.factories import make_committee, make_decision, make_meeting
from tests.permission_matrix import ApiCase, Case, everyone

READERS = {p: 200 for p in everyone() if p != "nobody"}
RECORDERS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "dept_reporter": 200, "outsider": 200,
    "standing_office": 200, "admin": 200,
}  # fmt: skip
# Territorial units without a committee yet (the women's union sets none up).
FOUNDERS = {
    "reporter_a": 200, "head_a": 200, "reporter_b": 200, "outsider": 200,
    "standing_office": 200, "admin": 200,
}  # fmt: skip
SEES_A = {
    "reporter_a": 200, "head_a": 200, "standing_office": 200, "leader": 200, "viewer": 200,
    "admin": 200,
}  # fmt: skip
KEEPS_A = {"reporter_a": 200, "head_a": 200, "admin": 200}


def _committee(w):
    return {"pk": make_committee(w).pk}


def _kind(kind):
    return lambda w: {"kind": kind}


def _member(w):
    make_committee(w)
    return {
        "kind": "members",
        "pk": Member.objects.filter(committee__org_unit=w.commune_a).first().pk,
    }


def _decided_member(w):
    return {"kind": "members", "pk": make_decision(w).opened.first().pk}


CASES = [
    Case("cfaw:index", allowed=READERS),
    Case("cfaw:committee_create", allowed=FOUNDERS),
    Case("cfaw:detail", kwargs=_committee, allowed=SEES_A),
    Case("cfaw:committee_edit", kwargs=_committee, allowed=KEEPS_A),
    Case("cfaw:reconstitute", kwargs=_committee, allowed=KEEPS_A),
    Case("cfaw:decision_file", kwargs=lambda w: {"pk": make_decision(w).pk}, allowed=SEES_A),
    Case("cfaw:list", kwargs=_kind("members"), allowed=READERS),
    Case("cfaw:list", label="programme", kwargs=_kind("programme"), allowed=READERS),
    Case("cfaw:list", label="meetings", kwargs=_kind("meetings"), allowed=READERS),
    Case("cfaw:create", kwargs=_kind("programme"), allowed=RECORDERS),
    Case("cfaw:template", kwargs=_kind("members"), allowed=RECORDERS),
    Case("cfaw:upload", kwargs=_kind("members"), allowed=RECORDERS),
    Case("cfaw:export", kwargs=_kind("programme"), allowed=READERS),
    Case("cfaw:record", kwargs=_member, allowed=SEES_A),
    Case(
        "cfaw:file",
        kwargs=lambda w: {"kind": "meetings", "pk": make_meeting(w).pk},
        allowed=SEES_A,
    ),
    Case("cfaw:edit", kwargs=_member, allowed=KEEPS_A),
    # A membership a decision opened is changed by another decision: refused, kept.
    Case(
        "cfaw:delete",
        kwargs=_decided_member,
        method="post",
        allowed={"reporter_a": 302, "head_a": 302, "admin": 302},
    ),
]

API = "/api/v1/cfaw"
KEEPS_A_422 = {"reporter_a": 422, "head_a": 422, "admin": 422}


def _committee_id(w):
    return {"committee_id": make_committee(w).pk}


def _member_id(w):
    return {"kind": "members", "record_id": _member(w)["pk"]}


def _decided_id(w):
    return {"kind": "members", "record_id": _decided_member(w)["pk"]}


API_CASES = [
    ApiCase("get", API + "/committees", allowed=READERS),
    ApiCase("get", API + "/committees/{committee_id}", params=_committee_id, allowed=SEES_A),
    ApiCase(
        "post",
        API + "/committees/{committee_id}/decisions",
        params=_committee_id,
        body=lambda w: {"number": "", "signed_on": "2023-06-15"},
        allowed=KEEPS_A_422,
    ),  # fmt: skip
    ApiCase("get", API + "/{kind}", params=lambda w: {"kind": "members"}, allowed=READERS),
    ApiCase("get", API + "/{kind}/{record_id}", params=_member_id, allowed=SEES_A),
    ApiCase(
        "post",
        API + "/{kind}",
        params=lambda w: {"kind": "members"},
        body=lambda w: {"unit_id": (make_committee(w).org_unit_id), "values": {}},
        allowed=KEEPS_A_422,
    ),  # fmt: skip
    ApiCase(
        "put",
        API + "/{kind}/{record_id}",
        params=_member_id,
        body=lambda w: {"unit_id": w.commune_a.pk, "values": {}},
        allowed=KEEPS_A_422,
    ),  # fmt: skip
    ApiCase("delete", API + "/{kind}/{record_id}", params=_decided_id, allowed=KEEPS_A_422),
]

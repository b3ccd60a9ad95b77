"""The case work lists in "my work": assigned to me, referrals to me and from me pending,
orders about to end, follow-ups due, decisions and approvals."""

from datetime import timedelta

from django.utils import timezone

from binhdang.cases import services
from binhdang.cases.models import CLOSURE_CHECKLIST
from binhdang.cases.work import case_work


def _kinds(user):
    out = {}
    for item in case_work(user):
        out.setdefault(item.kind.key, []).append(item.title)
    return out


def test_each_role_finds_its_work(cw, open_case):
    today = timezone.localdate()
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    services.consent_record(actor=cw.worker_a, case=case, given_by="self", services=True,
                            reporting=True, referral_types=["trusted_address"], given_on=today)  # fmt: skip
    services.referral_create(actor=cw.worker_a, case=case, service_type="trusted_address",
                             recipient_unit=cw.trusted_address, shared_sections=[])  # fmt: skip
    services.court_order_record(actor=cw.worker_a, case=case, starts_on=today - timedelta(days=30),
                                ends_on=today + timedelta(days=2))  # fmt: skip
    services.follow_up_plan(actor=cw.worker_a, case=case, due_on=today)
    services.measure_request(actor=cw.worker_a, case=case, kind="no_contact_commune")
    worker = _kinds(cw.worker_a)
    assert worker["cases-assigned"] == [case.code] == worker["cases-recent"]
    assert worker["cases-referrals-from"] == [f"{case.code}: Địa chỉ tin cậy"]
    assert worker["cases-orders"] == [case.code]
    assert worker["cases-follow-ups"] == [case.code]
    assert _kinds(cw.keeper) == {"cases-referrals-to": [f"{case.code}: Địa chỉ tin cậy"]}
    assert _kinds(cw.chair_a) == {"cases-decisions": [case.code]}
    assert _kinds(cw.worker_b) == {} and _kinds(cw.world.admin) == {}


def test_a_closure_waits_in_the_supervisors_list(cw, open_case, approve_plan):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    approve_plan(case)
    services.closure_request(actor=cw.worker_a, case=case,
                             checklist=dict.fromkeys(CLOSURE_CHECKLIST, True))  # fmt: skip
    assert _kinds(cw.supervisor)["cases-approvals"] == [case.code]

"""Test 14: closure needs the checklist and a supervisor's approval; reopening is recorded."""

import pytest

from binhdang.audit.models import AuditEntry
from binhdang.cases import services
from binhdang.cases.models import CLOSURE_CHECKLIST, CaseState, Reopening

ALL = dict.fromkeys(CLOSURE_CHECKLIST, True)


@pytest.fixture
def case(cw, open_case, approve_plan):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    approve_plan(case)
    return case


def test_closure_without_the_whole_checklist_is_refused(cw, case):
    with pytest.raises(services.CaseError, match="danh mục"):
        services.closure_request(actor=cw.worker_a, case=case, checklist={**ALL, "followup": False})
    case.refresh_from_db()
    assert case.state == CaseState.OPEN


def test_closure_needs_the_supervisor_and_not_the_owner(cw, case):
    services.closure_request(actor=cw.worker_a, case=case, checklist=ALL)
    with pytest.raises(services.CaseError):
        services.closure_approve(actor=cw.worker_a, case=case)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSURE_REQUESTED
    services.closure_approve(actor=cw.supervisor, case=case)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.closed_by == cw.supervisor


def test_an_open_referral_blocks_closure(cw, case):
    services.consent_record(actor=cw.worker_a, case=case, given_by="self", services=True,
                            reporting=True, referral_types=["health"], given_on=case.created_at.date())  # fmt: skip
    services.referral_create(actor=cw.worker_a, case=case, service_type="health",
                             recipient_unit=cw.health_point, shared_sections=[])  # fmt: skip
    with pytest.raises(services.CaseError, match="chuyển tuyến đang mở"):
        services.closure_request(actor=cw.worker_a, case=case, checklist=ALL)


def test_a_closed_case_refuses_changes_and_reopening_is_recorded(cw, case):
    services.closure_request(actor=cw.worker_a, case=case, checklist=ALL)
    services.closure_approve(actor=cw.supervisor, case=case)
    case.refresh_from_db()
    with pytest.raises(services.CaseError, match="đã đóng"):
        services.note_add(actor=cw.worker_a, case=case, text="Gọi lại")
    with pytest.raises(services.CaseError):
        services.case_reopen(actor=cw.worker_a, case=case, reason="")
    services.case_reopen(actor=cw.worker_a, case=case, reason="Bạo lực tái diễn ngày 28/11")
    case.refresh_from_db()
    assert case.state == CaseState.OPEN
    assert Reopening.objects.get(case=case).reason == "Bạo lực tái diễn ngày 28/11"
    assert AuditEntry.objects.filter(action="case.reopen", object_id=str(case.pk)).exists()


def test_a_supervisor_can_return_a_closure_request(cw, case):
    services.closure_request(actor=cw.worker_a, case=case, checklist=ALL)
    services.closure_approve(actor=cw.supervisor, case=case, approve=False)
    case.refresh_from_db()
    assert case.state == CaseState.OPEN and case.closure_checklist == {}

"""Assessment, safety plan and action plan: the supervisor approves or returns the plan, an
approved version is frozen and a change starts the next one; the sections decide who reads
them, every read is logged; closure needs an approved plan; the work lists."""

import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdang.audit.models import AuditEntry
from binhdang.cases import services
from binhdang.cases.models import ActionPlan, Assessment, PlanGoal, PlanState, SafetyPlan
from binhdang.cases.work import case_work
from tests.html_forms import form

SAFE_PLACE = "Nhà chị gái ở thôn Nà Nghè, 0912 111 222"
ASSESSMENT_NOTE = "MARKER-ASSESSMENT lo sợ cho hai con"


@pytest.fixture
def case(cw, open_case):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    return case


def _today():
    return timezone.localdate()


def _goal(cw, case, goal="Có nơi ở an toàn", **kwargs):
    values = {"action": "Địa chỉ tin cậy thôn Nà Nghè", "responsible": "Hội Phụ nữ xã",
              "due_on": _today() + timedelta(days=3)}  # fmt: skip
    values.update(kwargs)
    return services.plan_goal_add(actor=cw.worker_a, case=case, goal=goal, **values)


def _submit(cw, case):
    return services.plan_submit(actor=cw.worker_a, case=case, review_on=_today() + timedelta(30))


def _press(client, case, what, button=None, **changes):
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    f = form(page, action=f"/do/{what}/")
    return client.post(f.action, f.data(button, **changes), follow=True)


# ---------------------------------------------------------------- the approval flow


def test_a_plan_is_submitted_returned_with_a_reason_and_approved(cw, case):
    _goal(cw, case)
    plan = _submit(cw, case)
    assert plan.state == PlanState.SUBMITTED and plan.version == 1
    with pytest.raises(services.CaseError, match="đang chờ"):
        _goal(cw, case, goal="Thêm")
    with pytest.raises(services.CaseError, match="Lý do trả lại"):
        services.plan_decide(actor=cw.supervisor, plan=plan, approve=False, reason="  ")
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    services.plan_decide(actor=cw.supervisor, plan=plan, approve=False,
                         reason="Thiếu mục tiêu về trợ giúp pháp lý")  # fmt: skip
    plan.refresh_from_db()
    assert plan.state == PlanState.RETURNED and plan.return_reason.startswith("Thiếu")
    _goal(cw, case, goal="Được trợ giúp pháp lý", action="Trợ giúp pháp lý tỉnh")
    assert ActionPlan.objects.filter(case=case).count() == 1  # a returned plan is reworked
    _submit(cw, case)
    with pytest.raises(services.CaseError, match="không phải cán bộ phụ trách"):
        services.plan_decide(actor=cw.worker_a, plan=plan, approve=True)
    services.plan_decide(actor=cw.supervisor, plan=plan, approve=True)
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.decided_by == cw.supervisor
    assert plan.goals.count() == 2
    actions = AuditEntry.objects.filter(object_id=str(case.pk), action__startswith="case.plan_")
    assert set(actions.values_list("action", flat=True)) >= {
        "case.plan_submit", "case.plan_return", "case.plan_approve"}  # fmt: skip


def test_an_approved_plan_is_frozen_and_a_change_makes_a_new_version(cw, case):
    first = _goal(cw, case)
    _submit(cw, case)
    v1 = services.plan_decide(actor=cw.supervisor, plan=case.action_plans.get(), approve=True)
    services.plan_goal_status(actor=cw.worker_a, case=case, goal=first, status="done")
    first.refresh_from_db()
    assert first.status == "planned"  # the approved version is as it was approved
    v2 = case.action_plans.first()
    assert v2.version == 2 and v2.state == PlanState.DRAFT
    assert list(v2.goals.values_list("goal", "status")) == [("Có nơi ở an toàn", "done")]
    with pytest.raises(services.CaseError, match="phiên bản hiện tại"):
        services.plan_goal_status(actor=cw.worker_a, case=case, goal=first, status="dropped")
    _goal(cw, case, goal="Học nghề may")
    assert case.action_plans.count() == 2 and v2.goals.count() == 2
    _submit(cw, case)
    assert services.approved_plan(case) == v1  # v1 stands while v2 waits
    services.plan_decide(actor=cw.supervisor, plan=v2, approve=True)
    v1.refresh_from_db()
    assert v1.state == PlanState.SUPERSEDED and services.approved_plan(case).pk == v2.pk


def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(cw, case, login):
    client = login(cw.worker_a)
    page = _press(client, case, "plan-goal", goal="", due_on="").content.decode()
    assert "Cần nhập Mục tiêu" in page or "Mục tiêu" in page
    page = _press(client, case, "plan-goal", goal="An toàn", action="Nhà tạm lánh",
                  responsible="Cán bộ", due_on="31/02/2026").content.decode()  # fmt: skip
    assert not PlanGoal.objects.exists() and not ActionPlan.objects.exists()
    page = _press(client, case, "plan-submit", review_on="01/12/2026").content.decode()
    assert "Không có bản nháp kế hoạch hành động" in page
    page = _press(client, case, "assessment", assessed_on="01/01/2099").content.decode()
    assert "Ngày đánh giá không thể ở tương lai" in page
    page = _press(client, case, "assessment",
                  assessed_on=_today().strftime("%d/%m/%Y")).content.decode()  # fmt: skip
    assert "ít nhất một nhu cầu" in page
    page = _press(client, case, "safety-plan", risks="Chồng say rượu", actions="Gọi 113",
                  review_on="01/01/2020").content.decode()  # fmt: skip
    assert "Ngày rà soát không thể ở quá khứ" in page
    assert not Assessment.objects.exists() and not SafetyPlan.objects.exists()


def test_the_forms_record_an_assessment_that_changes_the_risk_and_a_safety_plan(cw, case, login):
    client = login(cw.worker_a)
    day = _today().strftime("%d/%m/%Y")
    needs = unicodedata.normalize("NFD", "Cần chỗ ở an toàn ngay")
    _press(client, case, "assessment", assessed_on=day, need_safety=needs, risk="medium",
           need_economic="Hỗ trợ 1.500.000 đồng", notes=ASSESSMENT_NOTE)  # fmt: skip
    assessment = Assessment.objects.get(case=case)
    assert assessment.needs["safety"] == unicodedata.normalize("NFC", needs)
    assert (assessment.risk_before, assessment.risk) == ("high", "medium")
    case.refresh_from_db()
    assert case.risk == "medium"
    assert ASSESSMENT_NOTE not in assessment.notes_enc  # encrypted
    _press(client, case, "safety-plan", risks="Chồng say rượu cuối tuần", actions="Gọi 113",
           safe_place=SAFE_PLACE, review_on=day)  # fmt: skip
    plan = SafetyPlan.objects.get(case=case)
    assert SAFE_PLACE not in plan.safe_place_enc and plan.review_on == _today()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert SAFE_PLACE in page and ASSESSMENT_NOTE in page and "Hỗ trợ 1.500.000 đồng" in page


# ---------------------------------------------------------------- who reads what


@pytest.fixture
def planned(cw, case):
    services.assessment_record(actor=cw.worker_a, case=case, assessed_on=_today(), risk="high",
                               needs={"psychosocial": "MARKER-PSYCH tư vấn hằng tuần"},
                               notes=ASSESSMENT_NOTE)  # fmt: skip
    services.safety_plan_record(actor=cw.worker_a, case=case, risks="MARKER-RISK say rượu",
                                actions="Gọi 113", safe_place=SAFE_PLACE, review_on=_today())  # fmt: skip
    _goal(cw, case, goal="MARKER-GOAL nơi ở an toàn")
    return case


def _consent(cw, case):
    services.consent_record(actor=cw.worker_a, case=case, given_by="self", services=True,
                            reporting=True, referral_types=["trusted_address"], given_on=_today())  # fmt: skip


def _reads(case, user):
    return AuditEntry.objects.filter(action="case.read", object_id=str(case.pk), actor=user)


def test_a_referral_recipient_reads_the_plans_only_if_shared(cw, planned, login):
    case = planned
    _consent(cw, case)
    referral = services.referral_create(actor=cw.worker_a, case=case, service_type="trusted_address",
                                        recipient_unit=cw.trusted_address, shared_sections=["services"])  # fmt: skip
    keeper = login(cw.keeper)
    page = keeper.get(reverse("cases:referral", args=[referral.pk])).content.decode()
    for marker in ("MARKER-PSYCH", "MARKER-RISK", "MARKER-GOAL", "MARKER-ASSESSMENT", SAFE_PLACE):
        assert marker not in page
    assert "plans" not in _reads(case, cw.keeper).get().changes["sections"]
    services.referral_revoke(actor=cw.worker_a, referral=referral)
    shared = services.referral_create(actor=cw.worker_a, case=case, service_type="trusted_address",
                                      recipient_unit=cw.trusted_address, shared_sections=["plans"])  # fmt: skip
    page = keeper.get(reverse("cases:referral", args=[shared.pk])).content.decode()
    assert "MARKER-PSYCH" in page and "MARKER-GOAL" in page and "MARKER-RISK" in page
    # the assessment's notes and the safe place stay with their own sections
    assert "MARKER-ASSESSMENT" not in page and SAFE_PLACE not in page
    assert "plans" in _reads(case, cw.keeper).latest("id").changes["sections"]
    keeper.post(reverse("cases:act", args=[case.pk, "plan-goal"]), {"goal": "Của người nhận",
                "action": "x", "responsible": "y", "due_on": "01/12/2026"})  # fmt: skip
    assert not PlanGoal.objects.filter(goal="Của người nhận").exists()  # reads, never changes


def test_the_commune_police_do_not_read_the_counselling_parts(cw, planned, login):
    case = planned
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    police = login(cw.police_a)
    page = police.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert page.count("MARKER-") == 0 and SAFE_PLACE not in page and 'id="plans"' not in page
    assert "plans" not in _reads(case, cw.police_a).get().changes["sections"]
    for action in ("assessment", "safety-plan", "plan-goal", "plan-submit", "plan-decide"):
        assert police.post(reverse("cases:act", args=[case.pk, action]), {}).status_code == 404
    assert not AuditEntry.objects.filter(actor=cw.police_a, action__startswith="case.plan").exists()


def test_a_supervisor_reads_the_plan_to_approve_and_statistics_viewers_nothing(cw, planned, login):
    case = planned
    page = login(cw.supervisor).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "MARKER-GOAL" in page and "MARKER-RISK" in page
    assert login(cw.stats).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert not _reads(case, cw.stats).exists()


def test_a_case_team_of_commune_b_sees_nothing_of_commune_a(cw, planned, login):
    case = planned
    _submit(cw, case)
    other = login(cw.worker_b)
    assert other.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    for action in ("assessment", "plan-goal", "plan-decide"):
        assert other.post(reverse("cases:act", args=[case.pk, action]), {}).status_code == 404
    assert other.get(f"/api/v1/cases/{case.pk}").status_code == 404
    home = other.get("/").content.decode()
    assert case.code not in home and "MARKER-GOAL" not in home
    with pytest.raises(services.CaseError):
        services.plan_goal_add(actor=cw.worker_b, case=case, goal="x", action="y",
                               responsible="z", due_on=_today())  # fmt: skip
    assert case_work(cw.worker_b) == []


def test_every_read_of_the_plans_is_in_the_access_log(cw, planned, login):
    case = planned
    client = login(cw.worker_a)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.get(reverse("cases:detail", args=[case.pk]))
    login(cw.supervisor).get(reverse("cases:detail", args=[case.pk]))
    events = AuditEntry.objects.filter(action="case.read", object_id=str(case.pk))
    assert events.count() == 3
    assert all("plans" in e.changes["sections"] and e.sensitive_read for e in events)


# ---------------------------------------------------------------- closure and work lists


def test_closure_needs_an_approved_action_plan(cw, case, approve_plan):
    from binhdang.cases.models import CLOSURE_CHECKLIST, CaseState

    checklist = dict.fromkeys(CLOSURE_CHECKLIST, True)
    _goal(cw, case)
    _submit(cw, case)
    with pytest.raises(services.CaseError, match="kế hoạch hành động đã được người giám sát"):
        services.closure_request(actor=cw.worker_a, case=case, checklist=checklist)
    case.refresh_from_db()
    assert case.state == CaseState.OPEN
    services.plan_decide(actor=cw.supervisor, plan=case.action_plans.get(), approve=True)
    services.closure_request(actor=cw.worker_a, case=case, checklist=checklist)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSURE_REQUESTED


def _kinds(user):
    out = {}
    for item in case_work(user):
        out.setdefault(item.kind.key, []).append((item.title, item.detail))
    return out


def test_plans_to_approve_and_reviews_due_are_in_my_work(cw, case, login):
    _goal(cw, case)
    _submit(cw, case)
    assert _kinds(cw.supervisor)["cases-plan-approvals"] == [(case.code, "Phiên bản 1")]
    assert "cases-plan-approvals" not in _kinds(cw.worker_a)
    home = login(cw.supervisor).get("/").content.decode()
    assert "Kế hoạch hành động chờ phê duyệt" in home and case.code in home
    services.plan_decide(actor=cw.supervisor, plan=case.action_plans.get(), approve=True)
    assert "cases-plan-approvals" not in _kinds(cw.supervisor)
    assert "cases-plan-reviews" not in _kinds(cw.worker_a)  # review in 30 days
    services.safety_plan_record(actor=cw.worker_a, case=case, risks="Say rượu", actions="Gọi 113",
                                review_on=_today())  # fmt: skip
    ActionPlan.objects.filter(case=case).update(review_on=_today() - timedelta(days=1))
    assert sorted(_kinds(cw.worker_a)["cases-plan-reviews"]) == [
        (case.code, "Kế hoạch an toàn"), (case.code, "Kế hoạch hành động")]  # fmt: skip
    services.safety_plan_record(actor=cw.worker_a, case=case, risks="Say rượu", actions="Gọi 113",
                                review_on=_today() + timedelta(days=7))  # fmt: skip
    assert _kinds(cw.worker_a)["cases-plan-reviews"] == [(case.code, "Kế hoạch hành động")]
    assert "cases-plan-reviews" not in _kinds(cw.supervisor)


def test_the_supervisor_presses_return_and_approve_on_the_page(cw, case, login):
    _goal(cw, case)
    _submit(cw, case)
    client = login(cw.supervisor)
    page = _press(client, case, "plan-decide", "return", reason="").content.decode()
    assert "Lý do trả lại" in page and case.action_plans.get().state == PlanState.SUBMITTED
    _press(client, case, "plan-decide", "return", reason="Cần thêm hạn cụ thể")
    plan = case.action_plans.get()
    assert plan.state == PlanState.RETURNED and plan.return_reason == "Cần thêm hạn cụ thể"
    worker = login(cw.worker_a)
    _press(worker, case, "plan-submit", review_on=(_today() + timedelta(9)).strftime("%d/%m/%Y"))
    _press(login(cw.supervisor), case, "plan-decide", "approve")
    assert case.action_plans.get().state == PlanState.APPROVED
    _press(worker, case, "plan-goal-status", status="in_progress")
    assert list(case.action_plans.values_list("version", "state")) == [
        (2, PlanState.DRAFT), (1, PlanState.APPROVED)]  # fmt: skip

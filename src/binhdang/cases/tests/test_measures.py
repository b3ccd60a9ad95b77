"""Tests 9, 11 and 17: the commune no-contact decision, the contact notice (Mẫu 09), the
court's order and the reminder at its expiry (run by the periodic job)."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdang.cases import services
from binhdang.cases.models import Measure, MeasureState
from binhdang.core.periodic import PERIODIC
from binhdang.notifications.models import Notification

FOUR = ["perpetrator", "victim", "police_chief", "village_head"]


@pytest.fixture
def case(cw, open_case):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    return case


def _request(cw, case, **kwargs):
    return services.measure_request(
        actor=cw.worker_a, case=case, kind="no_contact_commune", **kwargs
    )


def test_a_commune_decision_longer_than_three_days_is_refused(cw, case, login):
    measure = _request(cw, case)
    client = login(cw.chair_a)
    client.post(reverse("cases:act", args=[case.pk, "decide"]), {
        "measure": str(measure.pk), "decision": "decide", "starts_on": "01/12/2026",
        "ends_on": "04/12/2026", "notified": FOUR})  # fmt: skip
    measure.refresh_from_db()
    assert measure.state == MeasureState.REQUESTED
    client.post(reverse("cases:act", args=[case.pk, "decide"]), {
        "measure": str(measure.pk), "decision": "decide", "starts_on": "01/12/2026",
        "ends_on": "03/12/2026", "notified": FOUR})  # fmt: skip
    measure.refresh_from_db()
    assert measure.state == MeasureState.IN_FORCE and measure.decided_by == cw.chair_a
    assert measure.ends_on == date(2026, 12, 3)


def test_an_agency_request_without_the_victims_consent_is_refused(cw, case):
    with pytest.raises(services.CaseError, match="13/2022"):
        _request(cw, case, requested_by_agency=True, victim_consent=False)
    assert not Measure.objects.exists()
    assert _request(cw, case, requested_by_agency=True, victim_consent=True).pk


def test_the_four_notifications_are_required(cw, case):
    measure = _request(cw, case)
    with pytest.raises(services.CaseError):
        services.no_contact_decide(actor=cw.chair_a, measure=measure, starts_on=date(2026, 12, 1),
                                   ends_on=date(2026, 12, 2), notified=FOUR[:3])  # fmt: skip
    measure.refresh_from_db()
    assert measure.state == MeasureState.REQUESTED


def test_only_the_chair_decides(cw, case):
    measure = _request(cw, case)
    with pytest.raises(services.CaseError):
        services.no_contact_decide(actor=cw.worker_a, measure=measure, starts_on=date(2026, 12, 1),
                                   ends_on=date(2026, 12, 2), notified=FOUR)  # fmt: skip


def test_a_refusal_needs_its_written_reason(cw, case):
    measure = _request(cw, case)
    with pytest.raises(services.CaseError):
        services.no_contact_refuse(actor=cw.chair_a, measure=measure, reason="")
    services.no_contact_refuse(actor=cw.chair_a, measure=measure, reason="Hai bên đã ở riêng")
    measure.refresh_from_db()
    assert measure.state == MeasureState.REFUSED


def _run_alerts():
    job = next(j for j in PERIODIC if j.name == "case-alerts")
    job.run()


def test_an_undecided_request_alerts_after_twelve_hours_once(cw, case):
    fresh = _request(cw, case, requested_at=timezone.now() - timedelta(hours=11))
    old = _request(cw, case, requested_at=timezone.now() - timedelta(hours=12, minutes=1))
    _run_alerts()
    _run_alerts()
    alerts = Notification.objects.filter(dedupe_key__startswith="case-measure-overdue")
    assert sorted(n.user.username for n in alerts) == ["chair_a", "worker_a"]
    assert {n.dedupe_key for n in alerts} == {f"case-measure-overdue-{old.pk}"}
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.overdue_alert_at and fresh.overdue_alert_at is None


def test_a_court_order_longer_than_four_months_is_refused(cw, case):
    with pytest.raises(services.CaseError, match="4"):
        services.court_order_record(actor=cw.worker_a, case=case, starts_on=date(2026, 8, 1),
                                    ends_on=date(2026, 12, 2))  # fmt: skip
    order = services.court_order_record(actor=cw.worker_a, case=case, starts_on=date(2026, 8, 1),
                                        ends_on=date(2026, 12, 1))  # fmt: skip
    assert order.state == MeasureState.IN_FORCE


def test_an_orders_expiry_sends_a_reminder_once(cw, case):
    today = timezone.localdate()
    order = services.court_order_record(actor=cw.worker_a, case=case,
                                        starts_on=today - timedelta(days=60), ends_on=today)  # fmt: skip
    later = services.court_order_record(actor=cw.worker_a, case=case,
                                        starts_on=today, ends_on=today + timedelta(days=30))  # fmt: skip
    _run_alerts()
    _run_alerts()
    reminders = Notification.objects.filter(dedupe_key__startswith="case-measure-expiry")
    assert sorted(n.user.username for n in reminders) == ["supervisor", "worker_a"]
    assert {n.dedupe_key for n in reminders} == {f"case-measure-expiry-{order.pk}"}
    later.refresh_from_db()
    assert later.expiry_reminder_at is None


def _ban(cw, case):
    return services.court_order_record(actor=cw.worker_a, case=case, starts_on=date(2026, 11, 1),
                                       ends_on=date(2027, 1, 31))  # fmt: skip


def _at(hour, minute=0):
    return timezone.make_aware(datetime(2026, 12, 5, hour, minute))


def test_a_contact_notice_over_four_hours_is_refused(cw, case):
    ban = _ban(cw, case)
    with pytest.raises(services.CaseError, match="4"):
        services.contact_exception_record(actor=cw.worker_a, measure=ban, reason="child_care",
                                          starts_at=_at(8), ends_at=_at(12, 1),
                                          countersigned_by=cw.supervisor)  # fmt: skip
    assert not ban.exceptions.exists()


def test_a_contact_notice_for_another_reason_is_refused(cw, case):
    ban = _ban(cw, case)
    with pytest.raises(services.CaseError):
        services.contact_exception_record(actor=cw.worker_a, measure=ban, reason="reconcile",
                                          starts_at=_at(8), ends_at=_at(9),
                                          countersigned_by=cw.supervisor)  # fmt: skip


def test_a_contact_notice_not_countersigned_by_the_supervisor_is_refused(cw, case):
    ban = _ban(cw, case)
    for signer in (None, cw.worker2_a):
        with pytest.raises(services.CaseError):
            services.contact_exception_record(actor=cw.worker_a, measure=ban, reason="child_care",
                                              starts_at=_at(8), ends_at=_at(9),
                                              countersigned_by=signer)  # fmt: skip
    assert not ban.exceptions.exists()


def test_a_valid_contact_notice_is_recorded_from_the_page(cw, case, login):
    ban = _ban(cw, case)
    login(cw.worker_a).post(reverse("cases:act", args=[case.pk, "contact"]), {
        "measure": str(ban.pk), "reason": "child_care", "starts_date": "05/12/2026",
        "starts_time": "08:00", "ends_date": "05/12/2026", "ends_time": "12:00",
        "countersigned_by": str(cw.supervisor.pk)})  # fmt: skip
    assert ban.exceptions.get().countersigned_by == cw.supervisor


def test_the_measures_are_the_eleven_of_article_22_of_the_2022_law():
    """Luật 13/2022/QH15, Art. 22(1), points a) to k) as the law letters them (no f or j):
    point c) is one measure decided by the commune chair or a court, point k) holds two."""
    from django.utils import translation

    from binhdang.cases.models import MeasureKind

    with translation.override("vi"):
        labels = [str(label) for _value, label in MeasureKind.choices]
    assert [label.split(")")[0] for label in labels] == [
        "a", "b", "c", "c", "d", "đ", "e", "g", "h", "i", "k", "k"]  # fmt: skip
    assert len({label.split(")")[0] for label in labels}) == 10
    assert len(labels) - 1 == 11  # the two kinds of point c) are one measure
    assert labels == [
        "a) Buộc chấm dứt hành vi bạo lực gia đình",
        "b) Yêu cầu người có hành vi bạo lực gia đình đến trụ sở Công an xã nơi xảy ra hành vi "
        "bạo lực gia đình",
        "c) Cấm tiếp xúc theo quyết định của Chủ tịch Ủy ban nhân dân cấp xã",
        "c) Cấm tiếp xúc theo quyết định của Tòa án",
        "d) Bố trí nơi tạm lánh và hỗ trợ nhu cầu thiết yếu",
        "đ) Chăm sóc, điều trị người bị bạo lực gia đình",
        "e) Trợ giúp pháp lý và tư vấn tâm lý, kỹ năng để ứng phó với hành vi bạo lực gia đình",
        "g) Giáo dục, hỗ trợ chuyển đổi hành vi bạo lực gia đình",
        "h) Góp ý, phê bình người có hành vi bạo lực gia đình trong cộng đồng dân cư",
        "i) Thực hiện công việc phục vụ cộng đồng",
        "k) Các biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính theo quy định của pháp "
        "luật về xử lý vi phạm hành chính",
        "k) Các biện pháp ngăn chặn, bảo vệ người bị hại theo quy định của pháp luật về tố tụng "
        "hình sự",
    ]

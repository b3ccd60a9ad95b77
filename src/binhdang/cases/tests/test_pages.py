"""Every form of the case page pressed as it is rendered (tests/html_forms.py), its effect
checked in the database; bad input refused with a Vietnamese message and nothing changed."""

import pytest
from django.urls import reverse

from binhdang.cases import services
from binhdang.cases.models import Case, CaseState, FollowUp, Incident, Measure, ServiceRecord
from tests.html_forms import form

from .conftest import incident_values


@pytest.fixture
def case(cw, open_case):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    return case


def _page(client, case):
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def _press(client, case, action, button=None, **changes):
    page = _page(client, case)
    f = form(page, action=f"/do/{action}/")
    return client.post(f.action, f.data(button, **changes), follow=True)


def test_the_incident_form_classifies_in_order(cw, case, login):
    client = login(cw.worker_a)
    response = _press(client, case, "incident", penetration="1", physical_assault="1",
                      incident_date="20/11/2026", first_report_date="26/11/2026")  # fmt: skip
    incident = Incident.objects.get(case=case)
    assert incident.core_type == "rape" and incident.delay_bucket == "6-14"
    assert "Hiếp dâm" in response.content.decode()


def test_the_incident_form_refuses_two_survivors_and_a_bad_date(cw, case, login):
    client = login(cw.worker_a)
    response = _press(client, case, "incident", survivors="2", physical_assault="1",
                      incident_date="20/11/2026", first_report_date="21/11/2026")  # fmt: skip
    assert "tách vụ việc" in response.content.decode()
    response = _press(client, case, "incident", incident_date="31/02/2026",
                      first_report_date="21/11/2026")  # fmt: skip
    assert "dd/mm/yyyy" in response.content.decode() and response.status_code == 200
    assert not Incident.objects.exists()


def test_the_service_follow_up_and_note_forms(cw, case, login):
    client = login(cw.worker_a)
    _press(client, case, "service", service_type="health", status="provided", on="25/11/2026")
    assert ServiceRecord.objects.get(case=case).status == "provided"
    _press(client, case, "follow-up", due_on="05/12/2026")
    follow_up = FollowUp.objects.get(case=case)
    _press(client, case, "follow-up-done")
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    _press(client, case, "note", text="Chị Hoa đã về nhà mẹ đẻ")
    assert "Chị Hoa đã về nhà mẹ đẻ" in _page(client, case)


def test_the_team_form_adds_a_worker(cw, case, login):
    client = login(cw.worker_a)
    _press(client, case, "team", worker=str(cw.worker2_a.pk))
    assert case.team.filter(user=cw.worker2_a).exists()
    assert login(cw.worker2_a).get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_the_court_order_form_refuses_more_than_four_months(cw, case, login):
    client = login(cw.worker_a)
    response = _press(client, case, "court-order", starts_on="01/08/2026", ends_on="02/12/2026")
    assert "tối đa 4 tháng" in response.content.decode()
    assert not Measure.objects.exists()
    _press(client, case, "court-order", starts_on="01/08/2026", ends_on="01/12/2026")
    assert Measure.objects.get().kind == "no_contact_court"


def test_the_chair_refuses_in_writing_from_the_page(cw, case, login):
    services.measure_request(actor=cw.worker_a, case=case, kind="no_contact_commune")
    client = login(cw.chair_a)
    _press(client, case, "decide", "refuse", reason="Hai bên đã ở riêng")
    assert Measure.objects.get().state == "refused"


def test_the_trafficking_forms_fill_the_ledger(cw, open_case, login):
    case = open_case(legal_frame="trafficking")
    client = login(cw.worker_a)
    _press(client, case, "trafficking", status="being_identified", place="abroad")
    assert sorted(case.trafficking_support.values_list("point", flat=True)) == ["a", "b", "c", "d"]
    _press(client, case, "support", status="provided", provided_on="28/11/2026",
           provided_by="Đồn Biên phòng Thanh Thủy")  # fmt: skip
    assert case.trafficking_support.filter(status="provided").count() == 1


def test_reopening_from_the_page_needs_a_reason(cw, case, login, approve_plan):
    from binhdang.cases.models import CLOSURE_CHECKLIST

    approve_plan(case)
    services.closure_request(actor=cw.worker_a, case=case,
                             checklist=dict.fromkeys(CLOSURE_CHECKLIST, True))  # fmt: skip
    services.closure_approve(actor=cw.supervisor, case=case)
    client = login(cw.worker_a)
    _press(client, case, "reopen", reason="")
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED
    _press(client, case, "reopen", reason="Bạo lực tái diễn")
    assert Case.objects.get(pk=case.pk).state == CaseState.OPEN


def test_the_report_form_refuses_a_bad_date_and_keeps_nothing(cw, login):
    from binhdang.cases.models import Report

    client = login(cw.worker_a)
    page = client.get(reverse("cases:report_new")).content.decode()
    f = form(page, has="channel")
    response = client.post(reverse("cases:report_new"), f.data(received_date="hôm qua"))
    assert "dd/mm/yyyy" in response.content.decode() and not Report.objects.exists()


def test_an_unknown_action_or_a_section_not_read_is_404(cw, case, login):
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    assert login(cw.worker_a).post(reverse("cases:act", args=[case.pk, "nope"])).status_code == 404
    police = login(cw.police_a)
    assert (
        police.post(reverse("cases:act", args=[case.pk, "note"]), {"text": "x"}).status_code == 404
    )


def test_a_police_officer_gets_no_form_to_change_the_case(cw, case, login):
    services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    page = _page(login(cw.police_a), case)
    assert "/do/" not in page

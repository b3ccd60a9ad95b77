"""Tests 6, 7, 8 and 16: masked lists and audited unmasking, the access log, break-the-glass,
and scoping (another commune, system administrators, the API and the admin)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from binhdang.audit.models import AuditEntry
from binhdang.cases import services
from binhdang.cases.models import BreakGlass

from .conftest import incident_values

NAME = "Nguyễn Thị Hoa"


@pytest.fixture
def case(cw, open_case):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    services.note_add(actor=cw.worker_a, case=case, text="MARKER-NOTE tư vấn")
    return case


def _reads(case, action="case.read"):
    return AuditEntry.objects.filter(action=action, object_id=str(case.pk))


# ---------------------------------------------------------------- test 6


def test_the_list_and_its_export_show_codes_and_masked_names(cw, case, login):
    client = login(cw.worker_a)
    page = client.get(reverse("cases:index")).content.decode()
    assert case.code in page and "N***** T** H**" in page and NAME not in page
    export = client.get(reverse("cases:export"))
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(export.content)).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert case.code in values and "N***** T** H**" in values and NAME not in values


def test_unmasking_needs_the_permission_and_is_audited(cw, case, login):
    client = login(cw.worker_a)
    response = client.post(reverse("cases:unmask", args=[case.pk]))
    assert NAME in response.content.decode()
    assert _reads(case, "case.unmask").filter(actor=cw.worker_a).count() == 1
    police = login(cw.police_a)
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    assert police.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert police.post(reverse("cases:unmask", args=[case.pk])).status_code == 404
    assert not _reads(case, "case.unmask").filter(actor=cw.police_a).exists()


# ---------------------------------------------------------------- test 7


def test_every_read_writes_an_access_event_with_its_sections(cw, case, login):
    client = login(cw.worker_a)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.get(f"/api/v1/cases/{case.pk}")
    events = list(_reads(case).filter(actor=cw.worker_a).order_by("id"))
    assert [e.changes["why"] for e in events] == ["view", "api"]
    assert "notes" in events[0].changes["sections"] and events[0].sensitive_read


def test_the_police_read_is_logged_without_the_notes(cw, case, login):
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    page = login(cw.police_a).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Trần Văn Nam" in page and "MARKER-NOTE" not in page
    event = _reads(case).get(actor=cw.police_a)
    assert "notes" not in event.changes["sections"] and "perpetrator" in event.changes["sections"]


def test_auditors_query_the_log_and_nobody_edits_it(cw, case, login):
    login(cw.worker_a).get(reverse("cases:detail", args=[case.pk]))
    page = login(cw.supervisor).get(reverse("cases:access_log", args=[case.pk])).content.decode()
    assert "worker_a" in page and "Xem hồ sơ" in page and "Ghi chép tư vấn" in page
    assert login(cw.worker_a).get(reverse("cases:access_log", args=[case.pk])).status_code == 404
    event = _reads(case).first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        _reads(case).update(action="x")
    with pytest.raises(Exception), connection.cursor() as cursor:  # noqa: B017 - trigger
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [event.pk])


# ---------------------------------------------------------------- test 8


def test_break_the_glass_without_a_reason_is_refused(cw, case, login):
    client = login(cw.worker2_a)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    response = client.post(reverse("cases:break_glass"),
                           {"code": case.code, "reason": "", "sections": ["identity"]}, follow=True)  # fmt: skip
    assert "Cần nhập Lý do" in response.content.decode()
    assert not BreakGlass.objects.exists()


def test_break_the_glass_opens_for_three_hours_and_creates_a_review(cw, case, login):
    client = login(cw.worker2_a)
    response = client.post(reverse("cases:break_glass"),
                           {"code": case.code, "reason": "Đêm 28/11, chồng quay lại đe dọa",
                            "sections": ["identity", "measures"]})  # fmt: skip
    assert response.status_code == 302
    glass = BreakGlass.objects.get()
    assert glass.expires_at - glass.opened_at == timedelta(hours=3)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="identity"' in page and "MARKER-NOTE" not in page
    from binhdang.cases.work import case_work

    reviews = [i for i in case_work(cw.supervisor) if i.kind.key == "cases-reviews"]
    assert [i.title for i in reviews] == [case.code]
    login(cw.supervisor).post(reverse("cases:break_glass_review", args=[glass.pk]))
    glass.refresh_from_db()
    assert glass.reviewed_by == cw.supervisor
    BreakGlass.objects.filter(pk=glass.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert login(cw.worker2_a).get(reverse("cases:detail", args=[case.pk])).status_code == 404


@pytest.mark.parametrize("section", ["trafficking", "child_abuse"])
def test_break_the_glass_never_opens_closed_sections(cw, case, section):
    with pytest.raises(services.CaseError):
        services.break_glass_open(
            actor=cw.worker2_a, case=case, reason="Khẩn cấp", sections=[section]
        )
    assert not BreakGlass.objects.exists()


def test_break_the_glass_never_opens_a_child_abuse_incident(cw, open_case):
    child = open_case(age=14, birth_year=2012)
    services.incident_record(actor=cw.worker_a, case=child,
                             **incident_values(answers={"penetration": True}))  # fmt: skip
    with pytest.raises(services.CaseError):
        services.break_glass_open(actor=cw.worker2_a, case=child, reason="Khẩn cấp",
                                  sections=["incident"])  # fmt: skip


# ---------------------------------------------------------------- test 16


def test_commune_b_sees_nothing_of_commune_a(cw, case, login):
    client = login(cw.worker_b)
    assert case.code not in client.get(reverse("cases:index")).content.decode()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:unmask", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert case.code not in client.get("/api/v1/cases").content.decode()
    with pytest.raises(services.CaseError):
        services.break_glass_open(actor=cw.worker_b, case=case, reason="x", sections=[])


def test_an_administrator_sees_no_case_data(cw, case, login):
    client = login(cw.world.admin)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:index")).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.get("/api/v1/cases").json() == []
    assert client.get("/admin/").status_code == 200
    admin_page = client.get("/admin/").content.decode()
    assert "/admin/cases/" not in admin_page
    assert client.get("/admin/cases/case/").status_code == 404


def test_statistics_viewers_see_no_case(cw, case, login):
    client = login(cw.stats)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:statistics")).status_code == 200


def test_an_unjustified_emergency_access_is_raised_as_a_breach(cw, case, login):
    from binhdang.notifications.models import Notification

    glass = services.break_glass_open(actor=cw.worker2_a, case=case, reason="Tò mò",
                                      sections=["identity"])  # fmt: skip
    login(cw.supervisor).post(reverse("cases:break_glass_review", args=[glass.pk]),
                              {"justified": "0"})  # fmt: skip
    glass.refresh_from_db()
    assert glass.justified is False and glass.reviewed_by == cw.supervisor
    assert AuditEntry.objects.filter(action="case.access_breach", object_id=str(case.pk)).exists()
    breach = Notification.objects.get(dedupe_key=f"case-breach-{glass.pk}")
    assert breach.user == cw.supervisor and case.code in breach.title
    with pytest.raises(services.CaseError):
        services.break_glass_review(actor=cw.supervisor, glass=glass, justified=True)


def test_withdrawn_consent_stops_referrals(cw, case, login):
    from datetime import date

    consent = services.consent_record(actor=cw.worker_a, case=case, given_by="self",
                                      services=True, reporting=True, referral_types=["health"],
                                      given_on=date(2026, 11, 21))  # fmt: skip
    login(cw.worker_a).post(reverse("cases:act", args=[case.pk, "consent-withdraw"]),
                            {"consent": str(consent.pk)})  # fmt: skip
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    with pytest.raises(services.CaseError):
        services.referral_create(actor=cw.worker_a, case=case, service_type="health",
                                 recipient_unit=cw.health_point, shared_sections=[])  # fmt: skip


def test_the_list_masks_names_only_for_readers_of_the_identity(cw, case, open_case, login):
    from binhdang.cases import selectors

    services.consent_record(actor=cw.worker_a, case=case, given_by="self", services=True,
                            reporting=True, referral_types=["trusted_address"],
                            given_on=case.created_at.date())  # fmt: skip
    services.referral_create(actor=cw.worker_a, case=case, service_type="trusted_address",
                             recipient_unit=cw.trusted_address, shared_sections=["identity"])  # fmt: skip
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    assert [r["masked_name"] for r in selectors.case_rows(cw.keeper)] == ["N***** T** H**"]
    assert [r["masked_name"] for r in selectors.case_rows(cw.police_a)] == [""]


def test_the_list_reads_a_commune_in_a_bounded_number_of_queries(
    cw, open_case, django_assert_max_num_queries
):
    from binhdang.cases import selectors

    for i in range(30):
        open_case(name=f"Người {i}", phone="", id_number="")
    with django_assert_max_num_queries(20):
        rows = selectors.case_rows(cw.worker_a)
    assert len(rows) == 30


def test_the_auditor_reads_every_access_of_the_communes(cw, case, open_case, login):
    other = open_case(actor=cw.worker_b, unit=cw.world.commune_b)
    login(cw.worker_a).get(reverse("cases:detail", args=[case.pk]))
    login(cw.worker_b).get(reverse("cases:detail", args=[other.pk]))
    page = login(cw.supervisor).get(reverse("cases:access_log_all")).content.decode()
    assert case.code in page and other.code in page and "worker_b" in page
    assert login(cw.worker_a).get(reverse("cases:access_log_all")).status_code == 404

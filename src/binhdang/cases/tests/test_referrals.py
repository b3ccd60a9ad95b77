"""Tests 4 and 5: consent-gated referral with an override, and what a referral's recipient
sees while the referral is active (pages pressed as a user would)."""

from datetime import date

import pytest
from django.urls import reverse

from binhdang.cases import services
from binhdang.cases.models import Referral, ReferralState

from .conftest import incident_values


@pytest.fixture
def case(cw, open_case):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    services.note_add(actor=cw.worker_a, case=case, text="Chị Hoa sợ về nhà, MARKER-NOTE")
    services.consent_record(
        actor=cw.worker_a, case=case, given_by="self", services=True, reporting=True,
        referral_types=["trusted_address"], given_on=date(2026, 11, 21),
    )  # fmt: skip
    return case


def test_a_referral_to_health_without_consent_is_refused(cw, case, login):
    client = login(cw.worker_a)
    response = client.post(
        reverse("cases:act", args=[case.pk, "refer"]),
        {"service_type": "health", "recipient": str(cw.health_point.pk)},
        follow=True,
    )
    assert "chưa đồng ý" in response.content.decode()
    assert not Referral.objects.filter(case=case).exists()


def test_a_case_worker_cannot_override_consent_even_with_a_reason(cw, case):
    with pytest.raises(services.CaseError):
        services.referral_create(actor=cw.worker_a, case=case, service_type="health",
                                 recipient_unit=cw.health_point, shared_sections=[],
                                 override_reason="Chấn thương nặng")  # fmt: skip
    assert not Referral.objects.filter(case=case).exists()


def test_the_override_permission_refers_and_records_the_reason(cw, case):
    referral = services.referral_create(
        actor=cw.supervisor, case=case, service_type="health", recipient_unit=cw.health_point,
        shared_sections=[], override_reason="Chấn thương cần khám ngay",
    )  # fmt: skip
    referral.refresh_from_db()
    assert referral.consent_override_reason == "Chấn thương cần khám ngay"
    from binhdang.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="case.referral_create", object_id=str(case.pk))
    assert entry.changes["consent_override"] is True
    assert "Chấn thương" not in str(entry.changes)


def _refer(cw, case, login):
    client = login(cw.worker_a)
    client.post(
        reverse("cases:act", args=[case.pk, "refer"]),
        {"service_type": "trusted_address", "recipient": str(cw.trusted_address.pk),
         "shared_sections": ["identity", "services"]},
    )  # fmt: skip
    return Referral.objects.get(case=case)


def test_the_recipient_sees_only_the_shared_sections_while_active(cw, case, login, client):
    referral = _refer(cw, case, login)
    assert referral.shared_sections == ["identity", "services"]
    keeper = login(cw.keeper)
    page = keeper.get(reverse("cases:referral", args=[referral.pk])).content.decode()
    assert "N*****" in page  # masked name
    assert "Trần Văn Nam" not in page and "MARKER-NOTE" not in page
    detail = keeper.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Trần Văn Nam" not in detail and "MARKER-NOTE" not in detail
    assert 'id="incidents"' not in detail and 'id="notes"' not in detail
    keeper.post(reverse("cases:referral", args=[referral.pk]), {"decision": "accept"})
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    keeper.post(reverse("cases:referral", args=[referral.pk]), {"decision": "done"})
    referral.refresh_from_db()
    assert referral.state == ReferralState.DONE
    assert keeper.get(reverse("cases:referral", args=[referral.pk])).status_code == 404
    assert keeper.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_a_revoked_referral_ends_the_recipients_access(cw, case, login):
    referral = _refer(cw, case, login)
    keeper = login(cw.keeper)
    assert keeper.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    supervisor = login(cw.supervisor)
    supervisor.post(reverse("cases:act", args=[case.pk, "revoke"]), {"referral": str(referral.pk)})
    referral.refresh_from_db()
    assert referral.state == ReferralState.REVOKED
    keeper = login(cw.keeper)
    assert keeper.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert keeper.get(reverse("cases:referral", args=[referral.pk])).status_code == 404


def test_a_referral_cannot_share_the_perpetrator_or_the_notes(cw, case):
    with pytest.raises(services.CaseError):
        services.referral_create(actor=cw.worker_a, case=case, service_type="trusted_address",
                                 recipient_unit=cw.trusted_address,
                                 shared_sections=["perpetrator", "notes"])  # fmt: skip

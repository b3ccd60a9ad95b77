"""Every case route and API operation: none of the shared personas is on a case team, so
every case record is a 404 for all of them, the system administrator included; the standing
office and the leader read the anonymised statistics."""

from datetime import date

from tests.permission_matrix import ApiCase, Case, everyone


def _case(world):
    """A case of commune A owned by a case worker who is none of the personas."""
    cached = getattr(world, "_matrix_case", None)
    if cached is not None:
        return cached
    from binhdang.accounts.models import Membership, User
    from binhdang.cases import services

    worker = User.objects.create_user(username="matrix_worker", full_name="Lò Thị Xuân")
    Membership.objects.create(user=worker, org_unit=world.commune_a, role="case_worker")
    case = services.case_open(
        actor=worker, org_unit=world.commune_a, legal_frame="domestic_violence", risk="high",
        sex="female", age=30, name="Hoàng Thị Lan", phone="0987 654 321",
    )  # fmt: skip
    services.consent_record(actor=worker, case=case, given_by="self", services=True,
                            reporting=True, referral_types=["trusted_address"],
                            given_on=date(2026, 11, 1))  # fmt: skip
    world._matrix_case = case
    return case


def _pk(world):
    return {"pk": _case(world).pk}


def _referral(world):
    from binhdang.cases.models import Referral

    case = _case(world)
    referral = Referral.objects.create(case=case, service_type="trusted_address",
                                       recipient_unit=world.womens_union, created_by=case.owner)  # fmt: skip
    return {"pk": referral.pk}


def _glass(world):
    from datetime import timedelta

    from django.utils import timezone

    from binhdang.cases.models import BreakGlass

    case = _case(world)
    now = timezone.now()
    glass = BreakGlass.objects.create(case=case, user=case.owner, reason="Khẩn cấp",
                                      opened_at=now, expires_at=now + timedelta(hours=3))  # fmt: skip
    return {"pk": glass.pk}


STATISTICS = {"standing_office": 200, "leader": 200}

CASES = [
    Case("cases:index"),
    Case("cases:export"),
    Case("cases:report_new"),
    Case(
        "cases:report_new",
        method="post",
        label="post",
        data=lambda w: {
            "org_unit": str(w.commune_a.pk),
            "channel": "hotline",
            "received_date": "01/12/2026",
        },
    ),  # fmt: skip
    Case("cases:new"),
    Case(
        "cases:new",
        method="post",
        label="post",
        data=lambda w: {"org_unit": str(w.commune_a.pk), "step": "search", "phone": "0987654321"},
    ),  # fmt: skip
    Case("cases:detail", kwargs=_pk),
    Case("cases:unmask", kwargs=_pk, method="post"),
    Case(
        "cases:act",
        kwargs=lambda w: {**_pk(w), "action": "note"},
        method="post",
        data=lambda w: {"text": "Ghi chú"},
    ),  # fmt: skip
    Case(
        "cases:act",
        kwargs=lambda w: {**_pk(w), "action": "refer"},
        method="post",
        label="refer",
        data=lambda w: {"service_type": "trusted_address", "recipient": str(w.womens_union.pk)},
    ),  # fmt: skip
    Case("cases:access_log", kwargs=_pk),
    Case("cases:access_log_all"),
    Case(
        "cases:identifiable_export",
        kwargs=_pk,
        method="post",
        data=lambda w: {"passphrase": "một cụm mật khẩu dài", "reason": "Yêu cầu"},
    ),  # fmt: skip
    Case("cases:referral", kwargs=_referral),
    Case(
        "cases:referral",
        kwargs=_referral,
        method="post",
        label="post",
        data=lambda w: {"decision": "accept"},
    ),  # fmt: skip
    Case("cases:break_glass"),
    Case(
        "cases:break_glass",
        method="post",
        label="post",
        data=lambda w: {"code": _case(w).code, "reason": "Khẩn cấp"},
    ),  # fmt: skip
    Case("cases:break_glass_review", kwargs=_glass),
    Case("cases:statistics", allowed=STATISTICS),
    Case("cases:statistics_export", allowed=STATISTICS),
    Case("cases:processing"),
    Case("cases:report_forms", allowed=STATISTICS),
    Case(
        "cases:report_form_fill",
        allowed=STATISTICS,
        data=lambda w: {"unit": str(w.district.pk), "year": "2026"},
    ),  # fmt: skip
    Case(
        "cases:report_form_template",
        kwargs=lambda w: {"form": "xa"},
        allowed={"standing_office": 200},
        data=lambda w: {"unit": str(w.district.pk)},
    ),  # fmt: skip
    # without a file nothing is stored: the office is sent back with the message
    Case(
        "cases:report_form_upload",
        kwargs=lambda w: {"form": "xa"},
        method="post",
        allowed={"standing_office": 302},
        data=lambda w: {"unit": str(w.district.pk)},
    ),  # fmt: skip
    Case(
        "cases:report_form_reset",
        kwargs=lambda w: {"form": "xa"},
        method="post",
        allowed={"standing_office": 302},
        data=lambda w: {"unit": str(w.district.pk)},
    ),  # fmt: skip
]

API_CASES = [
    ApiCase("get", "/api/v1/cases", allowed=everyone()),
    ApiCase("get", "/api/v1/cases/{case_id}", params=lambda w: {"case_id": _case(w).pk}),
]

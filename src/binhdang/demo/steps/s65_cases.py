"""Case coordination in today's Vị Xuyên communes (after s60 built them): a handful of
fictional cases across the workflow, and the people who work them: a case worker in Xã Phú
Linh and one in Xã Việt Lâm, the commune police officer and chair of Phú Linh, the keeper of a
trusted address, the province's case supervisor and a statistics viewer.

Every name, phone and story here is invented. Idempotent: a second run adds nothing."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from binhdang.accounts.models import Membership, User
from binhdang.accounts.permissions import Role, Scope
from binhdang.cases import services
from binhdang.cases.models import CLOSURE_CHECKLIST, Case
from binhdang.demo.steps.s10_units import DEMO_PASSWORD, district_units
from binhdang.demo.steps.s60_current import PHU_LINH, RETURNED, province_and_communes
from binhdang.orgunits.models import Kind, OrgUnit

TRUSTED_ADDRESS = "demo:cases:dctc-na-nghe"

# (username, full name, unit key, role, scope)
USERS = [
    ("hotro.phulinh", "Hoàng Thị Nhung", "phulinh", Role.CASE_WORKER, Scope.UNIT),
    ("hotro.vietlam", "Triệu Thị Mai", "vietlam", Role.CASE_WORKER, Scope.UNIT),
    ("congan.phulinh", "Vàng Văn Dũng", "phulinh", Role.COMMUNE_POLICE, Scope.UNIT),
    ("chutich.phulinh", "Nông Văn Quý", "phulinh", Role.COMMUNE_CHAIR, Scope.UNIT),
    ("dctc.phulinh", "Lò Thị Hương", "trusted", Role.SERVICE_PROVIDER, Scope.UNIT),
    ("giamsat.tuyenquang", "Phạm Thị Lan", "province", Role.CASE_SUPERVISOR, Scope.SUBTREE),
    ("thongke.tuyenquang", "Trịnh Văn Hải", "province", Role.STATISTICS_VIEWER, Scope.SUBTREE),
]


def _users(units: dict) -> dict[str, User]:
    people = {}
    for username, full_name, key, role, scope in USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, org_unit=units[key], role=role, defaults={"scope": scope}
        )
        people[username] = user
    return people


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _incident(worker, case, day: date, **kwargs):
    values = {
        "survivors": 1, "answers": {"physical_assault": True}, "violence_form": "physical",
        "incident_date": day, "first_report_date": day + timedelta(days=1),
        "perpetrator_sex": "male", "perpetrator_age": "26-40",
        "perpetrator_relationship": "partner", "perpetrator_identity": "",
    }  # fmt: skip
    values.update(kwargs)
    return services.incident_record(actor=worker, case=case, **values)


def _consent(worker, case, day: date, types):
    services.consent_record(actor=worker, case=case, given_by="self", services=True,
                            reporting=True, referral_types=types, given_on=day)  # fmt: skip


def _plan(worker, supervisor, case, today: date, goals, *, approve: bool) -> None:
    """An assessment, a safety plan and an action plan sent for approval (and approved)."""
    services.assessment_record(
        actor=worker, case=case, assessed_on=today - timedelta(days=1), risk=case.risk,
        needs={"safety": "Cần nơi ở an toàn trong những ngày tới",
               "psychosocial": "Tư vấn tâm lý hằng tuần"},
        notes="Chị lo lắng cho hai con nhỏ.",
    )  # fmt: skip
    services.safety_plan_record(
        actor=worker, case=case, risks="Người gây bạo lực uống rượu vào cuối tuần.",
        actions="Gọi trưởng thôn hoặc 113 khi bị đe dọa; để sẵn giấy tờ ở nhà mẹ đẻ.",
        safe_place="Nhà mẹ đẻ, thôn Nà Nghè (hư cấu)", review_on=today + timedelta(days=7),
    )  # fmt: skip
    for goal, action, responsible, days in goals:
        services.plan_goal_add(actor=worker, case=case, goal=goal, action=action,
                               responsible=responsible, due_on=today + timedelta(days=days))  # fmt: skip
    services.plan_submit(actor=worker, case=case, review_on=today + timedelta(days=30))
    if approve:
        services.plan_decide(actor=supervisor, plan=case.action_plans.first(), approve=True)


def run(stdout) -> None:
    legacy = district_units()
    province, communes = province_and_communes(legacy)
    by_code = {c.code: c for c in communes}
    phulinh, vietlam = by_code[PHU_LINH], by_code[RETURNED]
    trusted = OrgUnit.objects.filter(external_id=TRUSTED_ADDRESS).first()
    if trusted is None:
        trusted = OrgUnit(
            external_id=TRUSTED_ADDRESS, name="Địa chỉ tin cậy thôn Nà Nghè", kind=Kind.OTHER,
            parent=phulinh, admin_set=phulinh.admin_set, valid_from=phulinh.valid_from,
        )  # fmt: skip
        trusted.save()
    people = _users({"phulinh": phulinh, "vietlam": vietlam, "trusted": trusted,
                     "province": province})  # fmt: skip
    worker, supervisor = people["hotro.phulinh"], people["giamsat.tuyenquang"]
    if Case.objects.filter(owner=worker).exists():
        return
    today = timezone.localdate()
    women = OrgUnit.objects.filter(parent=phulinh, name__startswith="Hội Liên hiệp Phụ nữ").first()

    # 1. A woman beaten by her husband: a no-contact request waiting for the chair, a referral
    #    to the trusted address accepted.
    report = services.report_receive(
        actor=worker, org_unit=phulinh, channel="village_head",
        received_at=_at(today - timedelta(days=2), 9), reporter_contact="Trưởng thôn Nà Nghè",
    )  # fmt: skip
    case = services.case_open(
        actor=worker, org_unit=phulinh, legal_frame="domestic_violence", risk="high",
        sex="female", age=31, birth_year=today.year - 31, ethnicity="Tày",
        name="Ma Thị Hồng (hư cấu)", phone="0912 000 101", address="Thôn Nà Nghè, xã Phú Linh",
        report=report,
    )  # fmt: skip
    services.supervisor_assign(actor=worker, case=case, supervisor=supervisor)
    _incident(worker, case, today - timedelta(days=3),
              perpetrator_identity="Chồng, tên hư cấu")  # fmt: skip
    _consent(worker, case, today - timedelta(days=2), ["trusted_address", "health"])
    services.measure_request(actor=worker, case=case, kind="no_contact_commune",
                             requested_at=_at(today, 8))  # fmt: skip
    referral = services.referral_create(
        actor=worker, case=case, service_type="trusted_address", recipient_unit=trusted,
        shared_sections=["identity", "services"],
    )  # fmt: skip
    services.referral_answer(actor=people["dctc.phulinh"], referral=referral, accept=True)
    services.note_add(actor=worker, case=case, text="Chị đang ở tạm nhà mẹ đẻ; hẹn gọi lại.")
    services.follow_up_plan(actor=worker, case=case, due_on=today)
    _plan(worker, supervisor, case, today, [
        ("Chị và con ở nơi an toàn", "Địa chỉ tin cậy thôn Nà Nghè", "Hội Phụ nữ xã", 3),
        ("Được trợ giúp pháp lý", "Trợ giúp pháp lý của tỉnh", "Cán bộ hỗ trợ", 14),
    ], approve=False)  # fmt: skip

    # 2. A court's no-contact order ending in two days (a reminder is due).
    case = services.case_open(
        actor=worker, org_unit=phulinh, legal_frame="domestic_violence", risk="medium",
        sex="female", age=45, birth_year=today.year - 45, ethnicity="Dao",
        name="Bàn Thị Liên (hư cấu)", phone="0912 000 102",
    )  # fmt: skip
    services.supervisor_assign(actor=worker, case=case, supervisor=supervisor)
    _incident(worker, case, today - timedelta(days=120), violence_form="psychological",
              answers={"psychological": True})  # fmt: skip
    services.court_order_record(actor=worker, case=case, starts_on=today - timedelta(days=100),
                                ends_on=today + timedelta(days=2))  # fmt: skip
    services.service_record(actor=worker, case=case, service_type="legal_aid",
                            status="provided", on=today - timedelta(days=90))  # fmt: skip
    _plan(worker, supervisor, case, today, [
        ("Lệnh cấm tiếp xúc được tuân thủ", "Công an xã theo dõi", "Công an xã", 2),
    ], approve=True)  # fmt: skip

    # 3. A girl of 15, sexually assaulted: child sexual abuse, referred and served.
    case = services.case_open(
        actor=worker, org_unit=phulinh, legal_frame="child", risk="high", sex="female", age=15,
        birth_year=today.year - 15, ethnicity="Mông", name="Giàng Thị Pà (hư cấu)",
    )  # fmt: skip
    services.supervisor_assign(actor=worker, case=case, supervisor=supervisor)
    _incident(worker, case, today - timedelta(days=20), violence_form="sexual",
              answers={"sexual_contact": True}, perpetrator_relationship="acquaintance",
              perpetrator_age="18-25")  # fmt: skip
    _consent(worker, case, today - timedelta(days=19), ["psychosocial"])
    if women is not None:
        services.referral_create(
            actor=worker, case=case, service_type="psychosocial", recipient_unit=women,
            shared_sections=["services"],
        )  # fmt: skip
    services.service_record(actor=worker, case=case, service_type="psychosocial",
                            status="provided", on=today - timedelta(days=15))  # fmt: skip

    # 4. A woman returned from abroad, being identified as a trafficking victim.
    case = services.case_open(
        actor=worker, org_unit=phulinh, legal_frame="trafficking", risk="high", sex="female",
        age=22, birth_year=today.year - 22, ethnicity="Mông", name="Vàng Thị Súa (hư cấu)",
    )  # fmt: skip
    services.supervisor_assign(actor=worker, case=case, supervisor=supervisor)
    services.trafficking_identify(actor=worker, case=case, status="being_identified",
                                  place="abroad")  # fmt: skip
    line = case.trafficking_support.get(point="a")
    services.trafficking_support_mark(actor=worker, line=line, status="provided",
                                      provided_on=today - timedelta(days=5),
                                      provided_by="Đồn Biên phòng Thanh Thủy")  # fmt: skip

    # 5. A case closed with the supervisor's approval.
    case = services.case_open(
        actor=worker, org_unit=phulinh, legal_frame="domestic_violence", risk="low", sex="male",
        age=68, birth_year=today.year - 68, ethnicity="Tày", name="Nông Văn Pấu (hư cấu)",
    )  # fmt: skip
    services.supervisor_assign(actor=worker, case=case, supervisor=supervisor)
    _incident(worker, case, today - timedelta(days=60), violence_form="economic",
              answers={"denial": True}, perpetrator_relationship="family")  # fmt: skip
    services.service_record(actor=worker, case=case, service_type="legal_aid",
                            status="already_received", on=today - timedelta(days=50))  # fmt: skip
    _plan(worker, supervisor, case, today, [
        ("Nhận lại lương hưu đúng hạn", "Trợ giúp pháp lý", "Cán bộ tư pháp xã", 0),
    ], approve=True)  # fmt: skip
    services.closure_request(
        actor=worker, case=case, checklist=dict.fromkeys(CLOSURE_CHECKLIST, True)
    )
    services.closure_approve(actor=supervisor, case=case)

    # 6. Xã Việt Lâm: another commune's case, with a follow-up due.
    other = people["hotro.vietlam"]
    case = services.case_open(
        actor=other, org_unit=vietlam, legal_frame="other_gbv", risk="medium", sex="female",
        age=27, birth_year=today.year - 27, ethnicity="Kinh", name="Lê Thị Thu (hư cấu)",
        phone="0912 000 106",
    )  # fmt: skip
    _incident(other, case, today - timedelta(days=8), violence_form="psychological",
              answers={"psychological": True}, perpetrator_relationship="acquaintance")  # fmt: skip
    services.follow_up_plan(actor=other, case=case, due_on=today - timedelta(days=1))

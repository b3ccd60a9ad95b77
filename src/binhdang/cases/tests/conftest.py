"""Case personas on the shared world: a case worker, a second worker and a supervisor of
commune A, a worker of commune B, commune A's police and chair, a trusted-address keeper, a
statistics viewer; and a helper that opens a case of commune A."""

from dataclasses import dataclass
from datetime import date

import pytest


@dataclass
class CaseWorld:
    world: object
    worker_a: object
    worker2_a: object
    worker_b: object
    supervisor: object
    police_a: object
    chair_a: object
    keeper: object
    stats: object
    trusted_address: object
    health_point: object


def _member(username, unit, role, scope="unit"):
    from binhdang.accounts.models import Membership, User

    user = User.objects.create_user(
        username=username, password="pw-" + username, full_name=username.replace("_", " ").title()
    )
    Membership.objects.create(user=user, org_unit=unit, role=role, scope=scope)
    return user


@pytest.fixture
def cw(world) -> CaseWorld:
    from binhdang.orgunits.models import Kind, OrgUnit

    trusted = OrgUnit(name="Địa chỉ tin cậy thôn Nà Nghè", kind=Kind.OTHER, parent=world.commune_a)
    trusted.save()
    health = OrgUnit(name="Trạm Y tế xã Phú Linh", kind=Kind.OTHER, parent=world.commune_a)
    health.save()
    return CaseWorld(
        world=world,
        worker_a=_member("worker_a", world.commune_a, "case_worker"),
        worker2_a=_member("worker2_a", world.commune_a, "case_worker"),
        worker_b=_member("worker_b", world.commune_b, "case_worker"),
        supervisor=_member("supervisor", world.district, "case_supervisor", "subtree"),
        police_a=_member("police_a", world.commune_a, "commune_police"),
        chair_a=_member("chair_a", world.commune_a, "commune_chair"),
        keeper=_member("keeper", trusted, "service_provider"),
        stats=_member("stats", world.district, "statistics_viewer", "subtree"),
        trusted_address=trusted,
        health_point=health,
    )


@pytest.fixture
def open_case(cw):
    from binhdang.cases import services

    def _open(actor=None, unit=None, **kwargs):
        values = {
            "legal_frame": "domestic_violence",
            "risk": "high",
            "sex": "female",
            "age": 34,
            "birth_year": 1992,
            "name": "Nguyễn Thị Hoa",
            "phone": "0912 345 678",
            "address": "Thôn Nà Nghè, xã Phú Linh",
            "id_number": "002192000123",
        }
        values.update(kwargs)
        return services.case_open(
            actor=actor or cw.worker_a, org_unit=unit or cw.world.commune_a, **values
        )

    return _open


def incident_values(**kwargs):
    values = {
        "survivors": 1,
        "answers": {"physical_assault": True},
        "violence_form": "physical",
        "incident_date": date(2026, 11, 20),
        "first_report_date": date(2026, 11, 21),
        "perpetrator_sex": "male",
        "perpetrator_age": "26-40",
        "perpetrator_relationship": "partner",
        "perpetrator_identity": "Trần Văn Nam, chồng",
    }
    values.update(kwargs)
    return values


@pytest.fixture
def approve_plan(cw):
    """Gives a case (with its supervisor assigned) an action plan approved by the supervisor,
    as closure needs."""
    from binhdang.cases import services

    def _approve(case, actor=None):
        actor = actor or case.owner
        today = date.today()
        services.plan_goal_add(actor=actor, case=case, goal="An toàn tại nhà mẹ đẻ",
                               action="Địa chỉ tin cậy thôn Nà Nghè", responsible="Hội Phụ nữ xã",
                               due_on=today)  # fmt: skip
        services.plan_submit(actor=actor, case=case, review_on=today)
        plan = case.action_plans.first()
        return services.plan_decide(actor=cw.supervisor, plan=plan, approve=True)

    return _approve

"""Service models on the `world` fixture: commune A's trusted address (with a contact) and
commune B's club, each with a period record and a 2023 evaluation."""

from datetime import date

from binhdang.servicemodels import services
from binhdang.servicemodels.criteria import load_criteria
from binhdang.servicemodels.models import Conclusion, EvaluationCriterion

PHONE_A = "0912 345 678"


def ensure_criteria() -> None:
    """The shipped template (a data migration; emptied by a transactional test's flush)."""
    load_criteria(EvaluationCriterion)


def make_model(world, *, unit=None, commune=None, name="Địa chỉ tin cậy thôn Nà Pồng", **extra):
    unit = unit or world.commune_a
    commune = commune or (unit if unit.kind == "commune" else world.commune_a)
    actor = extra.pop("actor", None) or (
        world.reporter_a if unit == world.commune_a else world.standing_office
    )
    data = services.ServiceModelData(
        org_unit=unit,
        commune=commune,
        name=name,
        kind=extra.pop("kind", "trusted_address"),
        village=extra.pop("village", "Thôn Nà Pồng"),
        contact_person=extra.pop("contact_person", "Hoàng Thị Mỷ"),
        contact_phone=extra.pop("contact_phone", PHONE_A),
        contact_address=extra.pop("contact_address", "Nhà văn hóa thôn Nà Pồng"),
        established_on=extra.pop("established_on", date(2021, 3, 8)),
        decision_number=extra.pop("decision_number", "25/QĐ-UBND"),
        decision_date=extra.pop("decision_date", date(2021, 3, 1)),
        members_women=extra.pop("members_women", 9),
        members_men=extra.pop("members_men", 3),
        capacity=extra.pop("capacity", 4),
    )
    return services.service_model_create(actor=actor, data=data)


def add_period(
    world, model, *, year=2023, kind="month", number=11, total=12, women=10, ethnic=8, actor=None
):
    actor = actor or (
        world.reporter_a if model.org_unit == world.commune_a else world.standing_office
    )
    return services.period_record_save(
        actor=actor,
        service_model=model,
        data=services.PeriodData(
            year=year, period_kind=kind, period_number=number, activities=2,
            supported_total=total, supported_women=women, supported_ethnic=ethnic, referrals=1,
        ),
    )  # fmt: skip


def add_evaluation(
    world, model, *, year=2023, conclusion=Conclusion.EFFECTIVE, actor=None, proposals=""
):
    actor = actor or (
        world.reporter_a if model.org_unit == world.commune_a else world.standing_office
    )
    ensure_criteria()
    scores = {c.pk: c.max_score - 1 for c in EvaluationCriterion.objects.filter(is_active=True)}
    return services.evaluation_save(
        actor=actor,
        service_model=model,
        data=services.EvaluationData(
            year=year, evaluated_on=date(year, 12, 1), conclusion=conclusion, scores=scores,
            evaluated_by="Phòng LĐ-TB&XH huyện", findings="Duy trì sinh hoạt đều.",
            proposals=proposals,
        ),
    )  # fmt: skip

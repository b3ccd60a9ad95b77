"""Every read of the service-model register, given the user and scoped (out of scope: 404)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from binhdang.accounts.scoping import has_permission, units_for, visible
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, TERRITORIAL_KINDS, OrgUnit

from .models import (
    Evaluation,
    EvaluationEvidence,
    ModelKind,
    ModelStatus,
    PeriodRecord,
    ServiceModel,
)
from .permissions import (
    SERVICEMODEL_CONTACT_VIEW,
    SERVICEMODEL_MANAGE,
    SERVICEMODEL_RECORD,
    SERVICEMODEL_VIEW,
)

MASK = "••••••"


def visible_models(user) -> QuerySet[ServiceModel]:
    """The models of the units whose register the user reads."""
    return visible(
        user, SERVICEMODEL_VIEW, ServiceModel.objects.select_related("org_unit", "commune")
    )


def model_for(user, pk: int) -> ServiceModel:
    model = visible_models(user).filter(pk=pk).first()
    if model is None:
        raise Http404
    return model


def may_record(user, model: ServiceModel) -> bool:
    return has_permission(user, SERVICEMODEL_RECORD, model.org_unit)


def recordable_model_for(user, pk: int) -> ServiceModel:
    """A model the user may change (its managing unit is one they record for); 404 otherwise."""
    model = model_for(user, pk)
    if not may_record(user, model):
        raise Http404
    return model


def may_see_contact(user, model: ServiceModel) -> bool:
    """The standing office over the managing unit and the managing unit's own staff."""
    return has_permission(user, SERVICEMODEL_CONTACT_VIEW, model.org_unit)


def contact_of(user, model: ServiceModel) -> dict:
    """The contact fields as the user may read them: masked for everyone else."""
    shown = may_see_contact(user, model)
    return {
        field: (getattr(model, field) if shown else (MASK if getattr(model, field) else ""))
        for field in ("contact_person", "contact_phone", "contact_address")
    }


def recording_units(user) -> QuerySet[OrgUnit]:
    """Units the user records service models for, that may be chosen today."""
    return units_for(user, SERVICEMODEL_RECORD).current().order_by("path")


def area_of(unit: OrgUnit) -> OrgUnit:
    """The territorial unit a unit works in: itself, or the nearest territorial unit above."""
    current = unit
    while current is not None and current.kind not in TERRITORIAL_KINDS:
        current = current.parent
    return current or unit


def commune_choices(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """Communes where a model of `unit` may stand: the communes of its area."""
    area = area_of(unit)
    return OrgUnit.objects.filter(
        path__startswith=area.path, kind__in=COMMUNE_LEVEL_KINDS
    ).order_by("name")


def commune_options(user) -> QuerySet[OrgUnit]:
    """Every commune where a model of one of the user's recording units may stand."""
    paths = {area_of(u).path for u in recording_units(user)}
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return (
        OrgUnit.objects.filter(condition, kind__in=COMMUNE_LEVEL_KINDS).current().order_by("name")
    )


@dataclass
class ModelFilters:
    unit: int | None = None
    commune: int | None = None
    kind: str = ""
    status: str = ""
    text: str = ""


def search_models(user, filters: ModelFilters) -> QuerySet[ServiceModel]:
    qs = visible_models(user)
    if filters.unit:
        qs = qs.filter(org_unit_id=filters.unit)
    if filters.commune:
        qs = qs.filter(commune_id=filters.commune)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.text:
        qs = qs.filter(Q(name__icontains=filters.text) | Q(village__icontains=filters.text))
    return qs.order_by("commune__name", "name", "pk")


def filter_units(user) -> QuerySet[OrgUnit]:
    """Managing units offered in the list's filter: those with a model the user sees."""
    return OrgUnit.objects.filter(pk__in=visible_models(user).values("org_unit_id")).order_by(
        "name"
    )


def filter_communes(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(pk__in=visible_models(user).values("commune_id")).order_by("name")


def model_periods(user, model: ServiceModel) -> QuerySet[PeriodRecord]:
    model_for(user, model.pk)
    return model.periods.order_by("-period_start", "-pk")


def period_for(user, pk: int) -> PeriodRecord:
    """A period record the user may correct; 404 otherwise."""
    period = PeriodRecord.objects.select_related("service_model__org_unit").filter(pk=pk).first()
    if period is None:
        raise Http404
    recordable_model_for(user, period.service_model_id)
    return period


def model_evaluations(user, model: ServiceModel) -> QuerySet[Evaluation]:
    model_for(user, model.pk)
    return model.evaluations.order_by("-evaluated_on", "-pk")


def evaluation_for(user, pk: int) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_related("service_model__org_unit", "service_model__commune")
        .filter(pk=pk, service_model__in=visible_models(user))
        .first()
    )
    if evaluation is None:
        raise Http404
    return evaluation


def evaluation_scores(evaluation: Evaluation) -> list:
    return list(evaluation.scores.select_related("criterion"))


def evidence_for(user, pk: int) -> EvaluationEvidence:
    evidence = (
        EvaluationEvidence.objects.select_related("evaluation")
        .filter(pk=pk, evaluation__service_model__in=visible_models(user))
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def models_by_commune(user) -> list[tuple[str, int]]:
    """(commune, active models) of the models the user sees, most first: the chart."""
    rows = (
        visible_models(user)
        .filter(status=ModelStatus.ACTIVE)
        .values("commune__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__name")
    )
    return [(r["commune__name"], r["n"]) for r in rows]


# ---------------------------------------------------------------- replication

GBV_ELEMENT = "GBV_DETECTED"
DEFAULT_THRESHOLD = Decimal("1.0")  # victims detected per 1,000 people


@dataclass
class CommuneRisk:
    commune: OrgUnit
    population: int | None
    ethnic_minority_area: bool
    gbv_detected: Decimal | None
    rate: Decimal | None  # per 1,000 people
    models: int = 0  # active models the user sees
    kinds: list[str] = field(default_factory=list)
    has_trusted_address: bool = False
    high_risk: bool = False

    @property
    def needs_model(self) -> bool:
        return self.high_risk and self.models == 0

    @property
    def signals(self) -> list[str]:
        from django.utils.translation import gettext as _

        out = []
        if self.high_risk:
            out.append(_("high rate of GBV victims"))
        if not self.has_trusted_address:
            out.append(_("no trusted address"))
        if self.ethnic_minority_area:
            out.append(_("ethnic-minority area"))
        return out


SORTS = {
    "name": lambda r: r.commune.name,
    "rate": lambda r: r.rate,
    "models": lambda r: r.models,
    "population": lambda r: r.population,
    "gbv": lambda r: r.gbv_detected,
}


def sort_rows(rows: list[CommuneRisk], sort: str) -> list[CommuneRisk]:
    """Rows by `sort` ("rate", "-rate" for highest first, ...); rows without the value last,
    by name."""
    key = SORTS.get(sort.lstrip("-"), SORTS["rate"])
    known = [r for r in rows if key(r) is not None]
    unknown = [r for r in rows if key(r) is None]
    known.sort(key=lambda r: r.commune.name)
    known.sort(key=key, reverse=sort.startswith("-"))
    return known + sorted(unknown, key=lambda r: r.commune.name)


def latest_risk_year(user) -> int | None:
    """The latest year with GBV victims recorded for a commune of the user's scope."""
    from django.db.models import Max

    from binhdang.indicators.models import DataValue

    communes = units_for(user, SERVICEMODEL_VIEW).filter(kind__in=COMMUNE_LEVEL_KINDS)
    return DataValue.objects.filter(
        element__code=GBV_ELEMENT, sub_period="", org_unit__in=communes
    ).aggregate(year=Max("year"))["year"]


def replication_rows(
    user, year: int, *, threshold: Decimal = DEFAULT_THRESHOLD, sort: str = "-rate"
) -> list[CommuneRisk]:
    """Each commune of the user's scope with the models it has beside its risk signals: GBV
    victims detected in `year` (indicators, GBV_DETECTED total) per 1,000 people (the
    commune profile's population), whether it has an active trusted address, whether it is
    an ethnic-minority area. High risk: a rate at or above `threshold`."""
    from binhdang.indicators.models import DataValue

    communes = list(
        units_for(user, SERVICEMODEL_VIEW)
        .filter(kind__in=COMMUNE_LEVEL_KINDS)
        .select_related("service_profile")
        .order_by("name")
    )
    ids = [c.pk for c in communes]
    detected = dict(
        DataValue.objects.filter(
            element__code=GBV_ELEMENT,
            year=year,
            sub_period="",
            disaggregation="total",
            org_unit_id__in=ids,
        ).values_list("org_unit_id", "value")
    )
    models: dict[int, list[str]] = {}
    for commune_id, kind in (
        visible_models(user)
        .filter(status=ModelStatus.ACTIVE, commune_id__in=ids)
        .values_list("commune_id", "kind")
    ):
        models.setdefault(commune_id, []).append(kind)
    rows = []
    for commune in communes:
        profile = getattr(commune, "service_profile", None)
        population = profile.population if profile else None
        gbv = detected.get(commune.pk)
        rate = None
        if gbv is not None and population:
            rate = (gbv * 1000 / population).quantize(Decimal("0.01"))
        kinds = models.get(commune.pk, [])
        rows.append(
            CommuneRisk(
                commune=commune,
                population=population,
                ethnic_minority_area=bool(profile and profile.ethnic_minority_area),
                gbv_detected=gbv,
                rate=rate,
                models=len(kinds),
                kinds=sorted({str(ModelKind(k).label) for k in kinds}),
                has_trusted_address=ModelKind.TRUSTED_ADDRESS in kinds,
                high_risk=rate is not None and rate >= threshold,
            )
        )
    return sort_rows(rows, sort)


def commune_by_id(pk: int) -> OrgUnit | None:
    """The unit a client names as a commune (checked against the recording unit's area by the
    service)."""
    return OrgUnit.objects.filter(pk=pk).first()


def may_manage_profiles(user) -> bool:
    return has_permission(user, SERVICEMODEL_MANAGE)


def profile_commune_for(user, pk: int) -> OrgUnit:
    """A commune whose profile (population, ethnic-minority area) the user keeps: the
    standing office over it; 404 otherwise."""
    commune = (
        units_for(user, SERVICEMODEL_MANAGE)
        .filter(pk=pk, kind__in=COMMUNE_LEVEL_KINDS)
        .select_related("service_profile")
        .first()
    )
    if commune is None:
        raise Http404
    return commune

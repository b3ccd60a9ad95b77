"""Every change to the service-model register: each in one transaction, each audited.

Errors a user can act on are raised as `ServiceModelError` with a translated message."""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, OrgUnit

from .models import (
    EVIDENCE_EXTENSIONS,
    CommuneProfile,
    Conclusion,
    Evaluation,
    EvaluationCriterion,
    EvaluationEvidence,
    EvaluationScore,
    ModelKind,
    ModelStatus,
    PeriodKind,
    PeriodRecord,
    ServiceModel,
    StatusChange,
    period_bounds,
)
from .permissions import SERVICEMODEL_MANAGE, SERVICEMODEL_RECORD
from .selectors import commune_choices

MAX_COUNT = 10_000_000
FIRST_YEAR = 2000


class ServiceModelError(Exception):
    """A change that cannot be made; `str(exc)` is the message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _text(value, label, *, max_length: int, required: bool = False) -> str:
    try:
        text = clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise ServiceModelError(f"{label}: {exc.message}") from exc
    if required and not text:
        raise ServiceModelError(_("%(field)s: this field is required.") % {"field": label})
    return text


def _count(value, label) -> int:
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > MAX_COUNT:
        raise ServiceModelError(
            _("%(field)s: enter a whole number from 0 to 10.000.000.") % {"field": label}
        )
    return value


def _check_recorder(actor, unit: OrgUnit) -> None:
    if not has_permission(actor, SERVICEMODEL_RECORD, unit):
        raise ServiceModelError(_("You may not record service models for this unit."))


@dataclass
class ServiceModelData:
    org_unit: OrgUnit
    commune: OrgUnit
    name: str
    kind: str
    village: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    established_on: date | None = None
    decision_number: str = ""
    decision_date: date | None = None
    members_women: int = 0
    members_men: int = 0
    capacity: int | None = None
    note: str = ""


def _cleaned(actor, data: ServiceModelData) -> dict:
    _check_recorder(actor, data.org_unit)
    if data.kind not in ModelKind.values:
        raise ServiceModelError(_("Choose a kind of model from the list."))
    if (
        data.commune.kind not in COMMUNE_LEVEL_KINDS
        or not commune_choices(data.org_unit).filter(pk=data.commune.pk).exists()
    ):
        raise ServiceModelError(
            _("%(commune)s is not a commune of the managing unit's area.")
            % {"commune": data.commune.name}
        )
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    values["name"] = _text(data.name, _("Name"), max_length=300, required=True)
    for field, label, length in (
        ("village", _("Village"), 120),
        ("contact_person", _("Contact person"), 120),
        ("contact_phone", _("Phone"), 40),
        ("contact_address", _("Contact address"), 300),
        ("decision_number", _("Decision number"), 80),
    ):
        values[field] = _text(getattr(data, field), label, max_length=length)
    values["note"] = _text(data.note, _("Note"), max_length=4000)
    values["members_women"] = _count(data.members_women, _("Women members"))
    values["members_men"] = _count(data.members_men, _("Men members"))
    if data.capacity is not None:
        values["capacity"] = _count(data.capacity, _("Capacity"))
    today = timezone.localdate()
    for field, label in (
        ("established_on", _("Established on")),
        ("decision_date", _("Date of the decision")),
    ):
        day = getattr(data, field)
        if day is not None and (day.year < FIRST_YEAR or day > today):
            raise ServiceModelError(
                _("%(field)s: enter a date from 2000 up to today.") % {"field": label}
            )
    if data.decision_date and data.established_on and data.decision_date > data.established_on:
        raise ServiceModelError(
            _("The decision cannot be dated after the day the model was established.")
        )
    return values


def service_model_create(*, actor, data: ServiceModelData) -> ServiceModel:
    """Register a model of `data.org_unit`; it starts active on its establishment date."""
    values = _cleaned(actor, data)
    with transaction.atomic():
        model = ServiceModel.objects.create(
            **values,
            status=ModelStatus.ACTIVE,
            status_since=values["established_on"],
            created_by=actor,
        )
        StatusChange.objects.create(
            service_model=model,
            status=ModelStatus.ACTIVE,
            on=values["established_on"] or timezone.localdate(),
            reason=_("Registered"),
            changed_by=actor,
        )
        record(
            actor=actor,
            action="servicemodel.create",
            obj=model,
            org_unit=model.org_unit,
            changes={k: v for k, v in values.items() if v not in ("", None)},
        )
    return model


def service_model_update(
    *, actor, service_model: ServiceModel, data: ServiceModelData
) -> ServiceModel:
    """Change a model's register entry (not its status: `service_model_set_status`)."""
    _check_recorder(actor, service_model.org_unit)
    values = _cleaned(actor, data)
    with transaction.atomic():
        changes = diff(service_model, values)
        for field, value in values.items():
            setattr(service_model, field, value)
        service_model.save()
        record(
            actor=actor,
            action="servicemodel.update",
            obj=service_model,
            org_unit=service_model.org_unit,
            changes=changes,
        )
    return service_model


def service_model_set_status(
    *, actor, service_model: ServiceModel, status: str, on: date | None, reason: str = ""
) -> StatusChange:
    """Suspend, close or reactivate a model from date `on`; kept in its status history."""
    _check_recorder(actor, service_model.org_unit)
    if status not in ModelStatus.values:
        raise ServiceModelError(_("Choose a status from the list."))
    if on is None:
        raise ServiceModelError(_("Give the date of the change."))
    if on > timezone.localdate() or on.year < FIRST_YEAR:
        raise ServiceModelError(_("The date of the change cannot be in the future."))
    if service_model.established_on and on < service_model.established_on:
        raise ServiceModelError(_("The date of the change is before the model was established."))
    if status == service_model.status:
        raise ServiceModelError(_("The model already has this status."))
    reason = _text(reason, _("Reason"), max_length=300)
    if status != ModelStatus.ACTIVE and not reason:
        raise ServiceModelError(_("Give the reason for suspending or closing the model."))
    with transaction.atomic():
        old = service_model.status
        service_model.status, service_model.status_since = status, on
        service_model.save(update_fields=["status", "status_since", "updated_at"])
        change = StatusChange.objects.create(
            service_model=service_model, status=status, on=on, reason=reason, changed_by=actor
        )
        record(
            actor=actor,
            action="servicemodel.status",
            obj=service_model,
            org_unit=service_model.org_unit,
            changes={"status": [old, status], "on": on, "reason": reason},
        )
    return change


# ---------------------------------------------------------------- period records


@dataclass
class PeriodData:
    year: int
    period_kind: str
    period_number: int
    activities: int = 0
    supported_total: int = 0
    supported_women: int = 0
    supported_ethnic: int = 0
    referrals: int = 0
    note: str = ""


def period_record_save(
    *, actor, service_model: ServiceModel, data: PeriodData, period: PeriodRecord | None = None
) -> PeriodRecord:
    """Record (or correct) what happened in a model in one month or quarter. A month and a
    quarter that overlap cannot both be recorded: the people supported would count twice."""
    _check_recorder(actor, service_model.org_unit)
    if data.period_kind not in PeriodKind.values:
        raise ServiceModelError(_("Choose month or quarter."))
    top = 4 if data.period_kind == PeriodKind.QUARTER else 12
    if not isinstance(data.period_number, int) or not 1 <= data.period_number <= top:
        raise ServiceModelError(
            _("Choose a quarter from 1 to 4.") if top == 4 else _("Choose a month from 1 to 12.")
        )
    if not isinstance(data.year, int) or not FIRST_YEAR <= data.year <= timezone.localdate().year:
        raise ServiceModelError(_("Choose a year from 2000 up to this year."))
    start, end = period_bounds(data.year, data.period_kind, data.period_number)
    if start > timezone.localdate():
        raise ServiceModelError(_("This period has not begun yet."))
    counts = {
        "activities": _count(data.activities, _("Activities held")),
        "supported_total": _count(data.supported_total, _("People supported")),
        "supported_women": _count(data.supported_women, _("Of whom women")),
        "supported_ethnic": _count(data.supported_ethnic, _("Of whom ethnic minority")),
        "referrals": _count(data.referrals, _("Referrals received")),
    }
    for part, label in (
        ("supported_women", _("Of whom women")),
        ("supported_ethnic", _("Of whom ethnic minority")),
    ):
        if counts[part] > counts["supported_total"]:
            raise ServiceModelError(
                _("%(field)s cannot be more than the people supported.") % {"field": label}
            )
    note = _text(data.note, _("Note"), max_length=2000)
    overlapping = service_model.periods.filter(period_start__lte=end, period_end__gte=start)
    if period is not None:
        overlapping = overlapping.exclude(pk=period.pk)
    if overlapping.exists():
        raise ServiceModelError(
            _("%(period)s overlaps a period already recorded for this model.")
            % {"period": PeriodRecord(year=data.year, period_kind=data.period_kind,
                                      period_number=data.period_number).period_label}
        )  # fmt: skip
    values = {
        "year": data.year,
        "period_kind": data.period_kind,
        "period_number": data.period_number,
        "period_start": start,
        "period_end": end,
        **counts,
        "note": note,
    }
    with transaction.atomic():
        if period is None:
            period = PeriodRecord.objects.create(
                service_model=service_model, updated_by=actor, **values
            )
            changes = {k: v for k, v in values.items() if k not in ("period_start", "period_end")}
            action = "servicemodel.period_create"
        else:
            changes = diff(period, values)
            for field, value in values.items():
                setattr(period, field, value)
            period.updated_by = actor
            period.save()
            action = "servicemodel.period_update"
        record(
            actor=actor,
            action=action,
            obj=service_model,
            org_unit=service_model.org_unit,
            changes={"period": period.period_label, **changes},
        )
    return period


# ---------------------------------------------------------------- evaluations


@dataclass
class EvaluationData:
    year: int
    evaluated_on: date
    conclusion: str
    scores: dict  # criterion id -> Decimal | None
    evaluated_by: str = ""
    findings: str = ""
    proposals: str = ""


def evaluation_save(
    *,
    actor,
    service_model: ServiceModel,
    data: EvaluationData,
    evaluation: Evaluation | None = None,
) -> Evaluation:
    """Record (or correct) an evaluation with a score for each active criterion given."""
    _check_recorder(actor, service_model.org_unit)
    if data.conclusion not in Conclusion.values:
        raise ServiceModelError(_("Choose a conclusion from the list."))
    if data.evaluated_on is None or data.evaluated_on > timezone.localdate():
        raise ServiceModelError(_("Give the date of the evaluation (not in the future)."))
    if not isinstance(data.year, int) or not FIRST_YEAR <= data.year <= data.evaluated_on.year:
        raise ServiceModelError(
            _("The year evaluated must be from 2000 up to the year of the evaluation.")
        )
    criteria = {c.pk: c for c in EvaluationCriterion.objects.filter(is_active=True)}
    scores = {}
    for criterion_id, score in data.scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ServiceModelError(_("A criterion scored is not in the template."))
        if score is None:
            continue
        if score < 0 or score > criterion.max_score:
            raise ServiceModelError(
                _("%(code)s: the score must be from 0 to %(max)s.")
                % {"code": criterion.code, "max": criterion.max_score}
            )
        scores[criterion_id] = Decimal(score).quantize(Decimal("0.1"))
    values = {
        "year": data.year,
        "evaluated_on": data.evaluated_on,
        "conclusion": data.conclusion,
        "evaluated_by": _text(data.evaluated_by, _("Evaluated by"), max_length=200),
        "findings": _text(data.findings, _("Findings"), max_length=8000),
        "proposals": _text(data.proposals, _("Proposals"), max_length=8000),
    }
    with transaction.atomic():
        if evaluation is None:
            evaluation = Evaluation.objects.create(
                service_model=service_model, created_by=actor, **values
            )
            changes = dict(values)
            action = "servicemodel.evaluation_create"
        else:
            changes = diff(evaluation, values)
            for field, value in values.items():
                setattr(evaluation, field, value)
            evaluation.save()
            action = "servicemodel.evaluation_update"
        old_scores = dict(evaluation.scores.values_list("criterion_id", "score"))
        evaluation.scores.all().delete()
        EvaluationScore.objects.bulk_create(
            EvaluationScore(evaluation=evaluation, criterion_id=cid, score=score)
            for cid, score in scores.items()
        )
        changed_scores = {
            criteria[cid].code: [old_scores.get(cid), scores.get(cid)]
            for cid in set(old_scores) | set(scores)
            if old_scores.get(cid) != scores.get(cid)
        }
        if changed_scores:
            changes["scores"] = changed_scores
        record(
            actor=actor,
            action=action,
            obj=evaluation,
            org_unit=service_model.org_unit,
            changes=changes,
        )
    return evaluation


def evidence_add(*, actor, evaluation: Evaluation, uploaded) -> EvaluationEvidence:
    """Check and store an evidence file (minutes, photos, a scoring sheet) of an evaluation.
    The row is written only after the file is saved, and the file is deleted again if the
    row cannot be written."""
    _check_recorder(actor, evaluation.service_model.org_unit)
    try:
        checked = check_upload(uploaded, EVIDENCE_EXTENSIONS)
    except UploadRejected as exc:
        raise ServiceModelError(str(exc)) from exc
    evidence = EvaluationEvidence(
        evaluation=evaluation, original_name=checked.name, size=checked.size, uploaded_by=actor
    )
    with transaction.atomic():
        evidence.file.save(checked.name, uploaded, save=False)
        try:
            evidence.save()
            record(
                actor=actor,
                action="servicemodel.evidence_add",
                obj=evaluation,
                org_unit=evaluation.service_model.org_unit,
                changes={"file": checked.name, "size": checked.size},
            )
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def commune_profile_save(
    *, actor, commune: OrgUnit, population: int | None, ethnic_minority_area: bool, source: str = ""
) -> CommuneProfile:
    """Set what the replication page reads beside the indicators for `commune`."""
    if not has_permission(actor, SERVICEMODEL_MANAGE, commune):
        raise ServiceModelError(_("You may not change the profile of this commune."))
    if population is not None:
        population = _count(population, _("Population"))
    values = {
        "population": population,
        "ethnic_minority_area": bool(ethnic_minority_area),
        "source": _text(source, _("Source"), max_length=200),
    }
    with transaction.atomic():
        profile, created = CommuneProfile.objects.get_or_create(commune=commune, defaults=values)
        changes = values if created else diff(profile, values)
        if not created:
            for field, value in values.items():
                setattr(profile, field, value)
            profile.save()
        record(
            actor=actor,
            action="servicemodel.commune_profile",
            obj=profile,
            org_unit=commune,
            changes=changes,
        )
    return profile

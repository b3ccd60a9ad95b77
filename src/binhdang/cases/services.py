"""Every change to case records: in a transaction, with an audit entry, refusing with a
Vietnamese message (CaseError) and changing nothing when a rule of the law or of case work is
not met. Callers have already found the case through a selector (out of scope: 404)."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.accounts.permissions import Role
from binhdang.accounts.scoping import members_of
from binhdang.audit.services import record, record_access
from binhdang.formats.dates import format_date
from binhdang.formats.text import TextError, clean_text
from binhdang.notifications.services import notify

from . import classification, crypto
from .models import (
    ACTIVE_REFERRAL_STATES,
    CLOSED_SECTIONS,
    CLOSURE_CHECKLIST,
    EDITABLE_PLAN_STATES,
    NEED_AREAS,
    SHAREABLE_SECTIONS,
    ActionPlan,
    Assessment,
    BreakGlass,
    Case,
    CaseExport,
    CaseNote,
    CaseState,
    CaseTeamMember,
    Channel,
    Consent,
    ContactException,
    ContactReason,
    FollowUp,
    GivenBy,
    GoalStatus,
    Incident,
    LegalFrame,
    Measure,
    MeasureKind,
    MeasureState,
    PlanGoal,
    PlanState,
    Referral,
    ReferralState,
    Reopening,
    Report,
    Risk,
    SafetyPlan,
    Section,
    ServiceRecord,
    ServiceStatus,
    ServiceType,
    SupportStatus,
    TraffickingProfile,
    TraffickingSupport,
)
from .permissions import (
    CASE_BREAK_GLASS,
    CASE_CONSENT_OVERRIDE,
    CASE_DECIDE_MEASURE,
    CASE_RECEIVE,
    CASE_SUPERVISE,
    CASE_WORK,
)
from .rules import active_referrals_to, holds, is_team

BREAK_GLASS_HOURS = 3


class CaseError(Exception):
    """A refused change, with a message the user can read."""


def _text(value: str, field: str, *, required: bool = False, max_length: int = 500) -> str:
    try:
        text = clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise CaseError(f"{field}: {exc}") from exc
    if required and not text:
        raise CaseError(_("%(field)s is required.") % {"field": field})
    return text


def _require_team(actor, case: Case) -> None:
    if not is_team(actor, case):
        raise CaseError(_("Only the case's owner and team may change this case."))
    if case.state == CaseState.CLOSED:
        raise CaseError(_("The case is closed: reopen it first."))


def _choice(value: str, choices, field: str) -> str:
    if value not in {c for c, _label in choices}:
        raise CaseError(_("Choose a valid value for %(field)s.") % {"field": field})
    return value


# ---------------------------------------------------------------- reports and cases


@transaction.atomic
def report_receive(
    *,
    actor,
    org_unit,
    channel: str,
    received_at: datetime,
    reporter_contact: str = "",
    child_victim: bool = False,
    crime_suspected: bool = False,
) -> Report:
    """Record a report received at a commune."""
    if not holds(actor, CASE_RECEIVE, org_unit):
        raise CaseError(_("You may not receive reports for this unit."))
    _choice(channel, Channel.choices, _("channel"))
    contact = _text(reporter_contact, _("Reporter contact"), max_length=200)
    report = Report.objects.create(
        org_unit=org_unit,
        channel=channel,
        received_at=received_at,
        received_by=actor,
        reporter_contact_enc=crypto.encrypt(contact),
        child_victim=child_victim,
        crime_suspected=crime_suspected,
    )
    record(actor=actor, action="case.report_receive", obj=report, org_unit=org_unit)
    return report


def duplicate_matches(*, actor, org_unit, phone="", id_number="", name="", birth_year=None):
    """Possible earlier cases of the same person, found by the blind indexes only: for each
    match, what matched and who owns it; never the case, its code or its data."""
    if not holds(actor, CASE_RECEIVE, org_unit):
        raise CaseError(_("You may not receive reports for this unit."))
    found = []
    probes = (
        ("phone", "phone_index", crypto.phone_index(phone)),
        ("id_number", "id_number_index", crypto.id_number_index(id_number)),
        ("name_year", "name_year_index", crypto.name_year_index(name, birth_year)),
    )
    for kind, field, value in probes:
        if not value:
            continue
        for owner in Case.objects.filter(**{field: value}).select_related("owner"):
            found.append({"matched_on": kind, "owner": owner.owner.get_full_name()})
    record(
        actor=actor,
        action="case.duplicate_search",
        org_unit=org_unit,
        changes={"matches": len(found)},
    )
    return found


def _new_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "NN-" + "".join(secrets.choice(alphabet) for _i in range(6))
        if not Case.objects.filter(code=code).exists():
            return code


@transaction.atomic
def case_open(
    *,
    actor,
    org_unit,
    legal_frame: str,
    risk: str,
    sex: str,
    age: int | None = None,
    birth_year: int | None = None,
    disability: bool = False,
    ethnicity: str = "",
    name: str = "",
    phone: str = "",
    address: str = "",
    id_number: str = "",
    report: Report | None = None,
) -> Case:
    """Open a case, its owner the actor; the identity is stored encrypted."""
    if not holds(actor, CASE_RECEIVE, org_unit):
        raise CaseError(_("You may not open cases for this unit."))
    _choice(legal_frame, LegalFrame.choices, _("legal frame"))
    _choice(risk, (("high", ""), ("medium", ""), ("low", "")), _("risk level"))
    _choice(sex, (("female", ""), ("male", ""), ("other", "")), _("sex"))
    if age is not None and not 0 <= age <= 120:
        raise CaseError(_("The age must be between 0 and 120."))
    if report is not None and (report.org_unit_id != org_unit.pk or report.case_id):
        raise CaseError(_("This report already has a case or belongs to another commune."))
    name = _text(name, _("Name"), max_length=200)
    phone = _text(phone, _("Phone"), max_length=40)
    address = _text(address, _("Address"), max_length=300)
    id_number = _text(id_number, _("ID number"), max_length=40)
    case = Case.objects.create(
        code=_new_code(),
        org_unit=org_unit,
        legal_frame=legal_frame,
        risk=risk,
        sex=sex,
        age=age,
        birth_year=birth_year,
        disability=disability,
        ethnicity=_text(ethnicity, _("Ethnicity"), max_length=40),
        name_enc=crypto.encrypt(name),
        phone_enc=crypto.encrypt(phone),
        address_enc=crypto.encrypt(address),
        id_number_enc=crypto.encrypt(id_number),
        phone_index=crypto.phone_index(phone),
        id_number_index=crypto.id_number_index(id_number),
        name_year_index=crypto.name_year_index(name, birth_year),
        owner=actor,
        assigned_at=timezone.now(),
    )
    if report is not None:
        Report.objects.filter(pk=report.pk).update(case=case)
    record(actor=actor, action="case.open", obj=case, org_unit=org_unit)
    return case


@transaction.atomic
def team_add(*, actor, case: Case, user) -> CaseTeamMember:
    _require_team(actor, case)
    if not holds(user, CASE_WORK, case.org_unit):
        raise CaseError(_("Only a case worker of the case's commune may join its team."))
    member, _created = CaseTeamMember.objects.get_or_create(case=case, user=user)
    record(actor=actor, action="case.team_add", obj=case, changes={"user": user.get_username()})
    return member


@transaction.atomic
def supervisor_assign(*, actor, case: Case, supervisor) -> Case:
    _require_team(actor, case)
    if not holds(supervisor, CASE_SUPERVISE, case.org_unit):
        raise CaseError(_("The supervisor must be a case supervisor over the case's commune."))
    case.supervisor = supervisor
    case.save(update_fields=["supervisor"])
    record(actor=actor, action="case.supervisor_assign", obj=case)
    return case


# ---------------------------------------------------------------- consent


@transaction.atomic
def consent_record(
    *,
    actor,
    case: Case,
    given_by: str,
    services: bool,
    reporting: bool,
    referral_types: list[str],
    withheld_from: str = "",
    given_on: date,
) -> Consent:
    _require_team(actor, case)
    _choice(given_by, GivenBy.choices, _("given by"))
    for service_type in referral_types:
        _choice(service_type, ServiceType.choices, _("referral to"))
    consent = Consent.objects.create(
        case=case,
        given_by=given_by,
        services=services,
        reporting=reporting,
        referral_types=sorted(set(referral_types)),
        withheld_from=_text(withheld_from, _("Withheld from"), max_length=200),
        given_on=given_on,
        recorded_by=actor,
    )
    record(actor=actor, action="case.consent_record", obj=case)
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    _require_team(actor, consent.case)
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    record(actor=actor, action="case.consent_withdraw", obj=consent.case)
    return consent


def current_consent(case: Case) -> Consent | None:
    return case.consents.filter(withdrawn_at__isnull=True).first()


# ---------------------------------------------------------------- incidents and notes


@transaction.atomic
def incident_record(
    *,
    actor,
    case: Case,
    survivors: int,
    answers: dict[str, bool],
    violence_form: str,
    incident_date: date,
    first_report_date: date,
    perpetrator_sex: str,
    perpetrator_age: str,
    perpetrator_relationship: str,
    perpetrator_identity: str = "",
) -> Incident:
    """One incident of one survivor: its GBVIMS type from the classification questions in
    order, the derived flags and the reporting-delay bucket."""
    _require_team(actor, case)
    if survivors != 1:
        raise CaseError(
            _(
                "An incident has exactly one survivor. Record one incident for each survivor: "
                "split this incident, opening a case for each other survivor."
            )
        )
    if first_report_date < incident_date:
        raise CaseError(_("The first report cannot be before the incident."))
    if incident_date > timezone.localdate():
        raise CaseError(_("The incident date cannot be in the future."))
    from .models import PerpetratorAge, Relationship, Sex, ViolenceForm

    _choice(violence_form, ViolenceForm.choices, _("form of violence"))
    _choice(perpetrator_sex, Sex.choices, _("perpetrator sex"))
    _choice(perpetrator_age, PerpetratorAge.choices, _("perpetrator age group"))
    _choice(perpetrator_relationship, Relationship.choices, _("relationship"))
    answers = {
        key: bool(answers.get(key)) for key, _q, _t in classification.CLASSIFICATION_QUESTIONS
    }
    core_type = classification.classify(answers)
    flags = classification.context_flags(core_type, case.age, perpetrator_relationship)
    incident = Incident.objects.create(
        case=case,
        answers=answers,
        core_type=core_type,
        violence_form=violence_form,
        incident_date=incident_date,
        first_report_date=first_report_date,
        delay_bucket=classification.delay_bucket(incident_date, first_report_date),
        perpetrator_sex=perpetrator_sex,
        perpetrator_age=perpetrator_age,
        perpetrator_relationship=perpetrator_relationship,
        perpetrator_identity_enc=crypto.encrypt(
            _text(perpetrator_identity, _("Perpetrator identity"), max_length=300)
        ),
        recorded_by=actor,
        **flags,
    )
    record(actor=actor, action="case.incident_record", obj=case, changes={"type": core_type})
    return incident


@transaction.atomic
def note_add(*, actor, case: Case, text: str) -> CaseNote:
    _require_team(actor, case)
    text = _text(text, _("Note"), required=True, max_length=5000)
    note = CaseNote.objects.create(case=case, text_enc=crypto.encrypt(text), written_by=actor)
    record(actor=actor, action="case.note_add", obj=case)
    return note


# ---------------------------------------------------------------- protective measures


def _chairs(case: Case) -> list:
    return list(members_of([case.org_unit_id], [Role.COMMUNE_CHAIR]))


@transaction.atomic
def measure_request(
    *,
    actor,
    case: Case,
    kind: str,
    requested_by_agency: bool = False,
    victim_consent: bool = False,
    requested_at: datetime | None = None,
) -> Measure:
    """A measure of Luật 13/2022/QH15 Art. 22(1) requested for the case. A no-contact decision
    asked of the commune chair by an agency needs the victim's consent (Art. 25(1))."""
    _require_team(actor, case)
    _choice(kind, MeasureKind.choices, _("measure"))
    if kind == MeasureKind.NO_CONTACT_COURT:
        raise CaseError(_("Record a court's no-contact order with its dates."))
    if kind == MeasureKind.NO_CONTACT_COMMUNE and requested_by_agency and not victim_consent:
        raise CaseError(
            _(
                "A no-contact decision requested by an agency or organisation needs the "
                "victim's consent (Luật 13/2022/QH15, Art. 25)."
            )
        )
    measure = Measure.objects.create(
        case=case,
        kind=kind,
        requested_at=requested_at or timezone.now(),
        requested_by_agency=requested_by_agency,
        victim_consent=victim_consent,
        recorded_by=actor,
        state=MeasureState.REQUESTED
        if kind == MeasureKind.NO_CONTACT_COMMUNE
        else MeasureState.IN_FORCE,
    )
    record(actor=actor, action="case.measure_request", obj=case, changes={"kind": kind})
    return measure


NOTIFICATIONS = ("perpetrator", "victim", "police_chief", "village_head")


@transaction.atomic
def no_contact_decide(
    *, actor, measure: Measure, starts_on: date, ends_on: date, notified: list[str]
) -> Measure:
    """The commune chair's no-contact decision: at most 3 days (Art. 25(3)), notified to the
    perpetrator, the victim, the commune police chief and the village head (Art. 25(4))."""
    case = measure.case
    if not holds(actor, CASE_DECIDE_MEASURE, case.org_unit):
        raise CaseError(_("Only the commune chair decides a no-contact request."))
    if measure.kind != MeasureKind.NO_CONTACT_COMMUNE or measure.state != MeasureState.REQUESTED:
        raise CaseError(_("This request has already been decided."))
    if ends_on < starts_on:
        raise CaseError(_("The end date cannot be before the start date."))
    days = classification.no_contact_days(starts_on, ends_on)
    if days > classification.COMMUNE_NO_CONTACT_MAX_DAYS:
        raise CaseError(
            _(
                "A commune no-contact decision lasts at most 3 days (Luật 13/2022/QH15, "
                "Art. 25); this one covers %(days)s days."
            )
            % {"days": days}
        )
    missing = [n for n in NOTIFICATIONS if n not in notified]
    if missing:
        raise CaseError(
            _(
                "The decision must be sent to the perpetrator, the victim, the commune police "
                "chief and the village head: confirm all four."
            )
        )
    measure.state = MeasureState.IN_FORCE
    measure.decided_at = timezone.now()
    measure.decided_by = actor
    measure.starts_on, measure.ends_on = starts_on, ends_on
    measure.notified_perpetrator = measure.notified_victim = True
    measure.notified_police_chief = measure.notified_village_head = True
    measure.save()
    record(actor=actor, action="case.no_contact_decide", obj=case, changes={"days": days})
    return measure


@transaction.atomic
def no_contact_refuse(*, actor, measure: Measure, reason: str) -> Measure:
    """Refusal in writing, with its reason (Art. 25(2))."""
    if not holds(actor, CASE_DECIDE_MEASURE, measure.case.org_unit):
        raise CaseError(_("Only the commune chair decides a no-contact request."))
    if measure.state != MeasureState.REQUESTED:
        raise CaseError(_("This request has already been decided."))
    measure.refusal_reason = _text(reason, _("Reason"), required=True)
    measure.state = MeasureState.REFUSED
    measure.decided_at = timezone.now()
    measure.decided_by = actor
    measure.save()
    record(actor=actor, action="case.no_contact_refuse", obj=measure.case)
    return measure


@transaction.atomic
def court_order_record(*, actor, case: Case, starts_on: date, ends_on: date) -> Measure:
    """A court's no-contact order: at most 4 months (Luật 13/2022/QH15, Art. 26)."""
    _require_team(actor, case)
    if ends_on < starts_on:
        raise CaseError(_("The end date cannot be before the start date."))
    limit = classification.add_months(starts_on, classification.COURT_NO_CONTACT_MAX_MONTHS)
    if ends_on > limit:
        raise CaseError(
            _("A court's no-contact order lasts at most 4 months (Luật 13/2022/QH15, Art. 26).")
        )
    measure = Measure.objects.create(
        case=case,
        kind=MeasureKind.NO_CONTACT_COURT,
        state=MeasureState.IN_FORCE,
        requested_at=timezone.now(),
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=actor,
    )
    record(actor=actor, action="case.court_order_record", obj=case)
    return measure


@transaction.atomic
def contact_exception_record(
    *,
    actor,
    measure: Measure,
    reason: str,
    starts_at: datetime,
    ends_at: datetime,
    countersigned_by,
) -> ContactException:
    """A contact during a ban by written notice (Mẫu 09, Nghị định 76/2023/NĐ-CP, Art. 18):
    for an allowed reason, at most 4 hours, countersigned by the case's assigned supervisor."""
    case = measure.case
    _require_team(actor, case)
    if measure.kind not in (MeasureKind.NO_CONTACT_COMMUNE, MeasureKind.NO_CONTACT_COURT) or (
        measure.state != MeasureState.IN_FORCE
    ):
        raise CaseError(_("A contact notice is only for a no-contact ban in force."))
    if reason not in ContactReason.values:
        raise CaseError(
            _("Contact during a ban is allowed only for the reasons of Nghị định 76/2023/NĐ-CP.")
        )
    if ends_at <= starts_at or ends_at - starts_at > classification.CONTACT_EXCEPTION_MAX:
        raise CaseError(_("A contact during a ban lasts at most 4 hours."))
    if countersigned_by is None or countersigned_by.pk != case.supervisor_id:
        raise CaseError(_("The notice must be countersigned by the case's assigned supervisor."))
    exception = ContactException.objects.create(
        measure=measure,
        reason=reason,
        starts_at=starts_at,
        ends_at=ends_at,
        countersigned_by=countersigned_by,
        recorded_by=actor,
    )
    record(actor=actor, action="case.contact_exception", obj=case)
    return exception


def run_alerts(now: datetime | None = None) -> dict[str, int]:
    """Periodic: an undecided commune no-contact request 12 hours old alerts the commune chair
    and the case's owner; an order ending within a day (or ended) reminds the owner and the
    supervisor. Each alert goes once (stamped on the measure)."""
    now = now or timezone.now()
    counts = {"overdue": 0, "expiring": 0}
    overdue = Measure.objects.filter(
        kind=MeasureKind.NO_CONTACT_COMMUNE,
        state=MeasureState.REQUESTED,
        requested_at__lte=now - classification.COMMUNE_DECISION_WITHIN,
        overdue_alert_at__isnull=True,
    ).select_related("case__owner")
    for measure in overdue:
        with transaction.atomic():
            if not Measure.objects.filter(pk=measure.pk, overdue_alert_at__isnull=True).update(
                overdue_alert_at=now
            ):
                continue
            users = [measure.case.owner, *_chairs(measure.case)]
            notify(
                users=users,
                title=_("No-contact request undecided after 12 hours: case %(code)s")
                % {"code": measure.case.code},
                body=_("Luật 13/2022/QH15, Art. 25: decide within 12 hours or refuse in writing."),
                url=f"/cases/{measure.case_id}/",
                dedupe_key=f"case-measure-overdue-{measure.pk}",
            )
            record(actor=None, action="case.measure_overdue_alert", obj=measure.case)
            counts["overdue"] += 1
    expiring = Measure.objects.filter(
        kind__in=(MeasureKind.NO_CONTACT_COMMUNE, MeasureKind.NO_CONTACT_COURT),
        state=MeasureState.IN_FORCE,
        ends_on__lte=(now + classification.EXPIRY_REMINDER_BEFORE).date(),
        expiry_reminder_at__isnull=True,
    ).select_related("case__owner", "case__supervisor")
    for measure in expiring:
        with transaction.atomic():
            if not Measure.objects.filter(pk=measure.pk, expiry_reminder_at__isnull=True).update(
                expiry_reminder_at=now
            ):
                continue
            users = [u for u in (measure.case.owner, measure.case.supervisor) if u is not None]
            notify(
                users=users,
                title=_("A no-contact order ends on %(date)s: case %(code)s")
                % {"date": format_date(measure.ends_on), "code": measure.case.code},
                body=_("Review the survivor's safety and whether a new measure is needed."),
                url=f"/cases/{measure.case_id}/",
                dedupe_key=f"case-measure-expiry-{measure.pk}",
            )
            record(actor=None, action="case.measure_expiry_reminder", obj=measure.case)
            counts["expiring"] += 1
    return counts


# ---------------------------------------------------------------- referrals and services


@transaction.atomic
def referral_create(
    *,
    actor,
    case: Case,
    service_type: str,
    recipient_unit,
    shared_sections: list[str],
    override_reason: str = "",
) -> Referral:
    """Refer the case to a service point. The survivor's consent must cover that kind of
    service; without it only a holder of the override permission refers, with a reason."""
    _require_team(actor, case)
    _choice(service_type, ServiceType.choices, _("service"))
    shared = sorted(set(shared_sections))
    if any(s not in SHAREABLE_SECTIONS for s in shared):
        raise CaseError(
            _("Only the identity, the incident, the services and the plans can be shared.")
        )
    consent = current_consent(case)
    consented = consent is not None and service_type in consent.referral_types
    reason = _text(override_reason, _("Reason"))
    if not consented:
        if not reason:
            raise CaseError(
                _(
                    "The survivor has not consented to a referral of this kind: record consent first."
                )
            )
        if not holds(actor, CASE_CONSENT_OVERRIDE, case.org_unit):
            raise CaseError(_("You may not refer without the survivor's consent."))
    referral = Referral.objects.create(
        case=case,
        service_type=service_type,
        recipient_unit=recipient_unit,
        shared_sections=shared,
        consent_override_reason="" if consented else reason,
        created_by=actor,
    )
    record(
        actor=actor,
        action="case.referral_create",
        obj=case,
        changes={"service": service_type, "consent_override": not consented},
    )
    return referral


def _answerable(actor, referral: Referral) -> bool:
    return active_referrals_to(actor, referral.case).filter(pk=referral.pk).exists()


@transaction.atomic
def referral_answer(*, actor, referral: Referral, accept: bool) -> Referral:
    if not _answerable(actor, referral) or referral.state != ReferralState.IN_PROGRESS:
        raise CaseError(_("This referral is not waiting for your answer."))
    referral.state = ReferralState.ACCEPTED if accept else ReferralState.REJECTED
    referral.answered_at = timezone.now()
    referral.save(update_fields=["state", "answered_at"])
    record(actor=actor, action="case.referral_answer", obj=referral.case,
           changes={"state": referral.state})  # fmt: skip
    return referral


@transaction.atomic
def referral_done(*, actor, referral: Referral) -> Referral:
    """The service was given: the recipient's access ends."""
    if referral.state != ReferralState.ACCEPTED or not (
        _answerable(actor, referral) or is_team(actor, referral.case)
    ):
        raise CaseError(_("Only an accepted referral can be marked done."))
    referral.state = ReferralState.DONE
    referral.closed_at = timezone.now()
    referral.save(update_fields=["state", "closed_at"])
    ServiceRecord.objects.create(
        case=referral.case,
        service_type=referral.service_type,
        status=ServiceStatus.PROVIDED,
        on=timezone.localdate(),
        recorded_by=actor,
    )
    record(actor=actor, action="case.referral_done", obj=referral.case)
    return referral


@transaction.atomic
def referral_revoke(*, actor, referral: Referral) -> Referral:
    """A supervisor (or the case's team) takes a referral back: the recipient's access ends."""
    case = referral.case
    if not (holds(actor, CASE_SUPERVISE, case.org_unit) or is_team(actor, case)):
        raise CaseError(_("Only a supervisor or the case's team may revoke a referral."))
    if referral.state not in ACTIVE_REFERRAL_STATES:
        raise CaseError(_("Only a referral in progress or accepted can be revoked."))
    referral.state = ReferralState.REVOKED
    referral.closed_at = timezone.now()
    referral.save(update_fields=["state", "closed_at"])
    record(actor=actor, action="case.referral_revoke", obj=case)
    return referral


@transaction.atomic
def service_record(*, actor, case: Case, service_type: str, status: str, on: date) -> ServiceRecord:
    _require_team(actor, case)
    _choice(service_type, ServiceType.choices, _("service"))
    _choice(status, ServiceStatus.choices, _("status"))
    service = ServiceRecord.objects.create(
        case=case, service_type=service_type, status=status, on=on, recorded_by=actor
    )
    record(actor=actor, action="case.service_record", obj=case, changes={"status": status})
    return service


@transaction.atomic
def follow_up_plan(*, actor, case: Case, due_on: date) -> FollowUp:
    _require_team(actor, case)
    follow_up = FollowUp.objects.create(case=case, due_on=due_on, created_by=actor)
    record(actor=actor, action="case.follow_up_plan", obj=case)
    return follow_up


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp) -> FollowUp:
    _require_team(actor, follow_up.case)
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])
    record(actor=actor, action="case.follow_up_done", obj=follow_up.case)
    return follow_up


# ---------------------------------------------------------------- assessment and plans


@transaction.atomic
def assessment_record(
    *,
    actor,
    case: Case,
    assessed_on: date,
    needs: dict[str, str],
    risk: str,
    notes: str = "",
) -> Assessment:
    """The survivor's immediate safety, health, psychosocial, legal and economic needs on a
    day, and the risk level it confirms or changes (the case takes it); the free-text notes
    are encrypted with the counselling notes."""
    _require_team(actor, case)
    if assessed_on is None or assessed_on > timezone.localdate():
        raise CaseError(_("The assessment date cannot be in the future."))
    _choice(risk, Risk.choices, _("risk level"))
    cleaned = {}
    for key, label in NEED_AREAS.items():
        text = _text(needs.get(key, ""), str(label), max_length=1000)
        if text:
            cleaned[key] = text
    if not cleaned:
        raise CaseError(_("Describe at least one of the survivor's needs."))
    notes = _text(notes, _("Notes"), max_length=5000)
    assessment = Assessment.objects.create(
        case=case,
        assessed_on=assessed_on,
        assessed_by=actor,
        needs=cleaned,
        risk_before=case.risk,
        risk=risk,
        notes_enc=crypto.encrypt(notes) if notes else "",
    )
    if risk != case.risk:
        case.risk = risk
        case.save(update_fields=["risk"])
    record(actor=actor, action="case.assessment_record", obj=case,
           changes={"risk_before": assessment.risk_before, "risk": risk})  # fmt: skip
    return assessment


@transaction.atomic
def safety_plan_record(
    *, actor, case: Case, risks: str, actions: str, safe_place: str = "", review_on: date
) -> SafetyPlan:
    """A new safety plan (the latest is in force): the risks, the actions the survivor and
    the worker agree, a safe place and contacts (encrypted, in the identity section) and
    the date it is reviewed."""
    _require_team(actor, case)
    risks = _text(risks, _("Risks identified"), required=True, max_length=2000)
    actions = _text(actions, _("Actions agreed"), required=True, max_length=2000)
    safe_place = _text(safe_place, _("Safe place and contacts"), max_length=500)
    if review_on is None or review_on < timezone.localdate():
        raise CaseError(_("The review date cannot be in the past."))
    plan = SafetyPlan.objects.create(
        case=case,
        risks=risks,
        actions=actions,
        safe_place_enc=crypto.encrypt(safe_place) if safe_place else "",
        review_on=review_on,
        created_by=actor,
    )
    record(actor=actor, action="case.safety_plan_record", obj=case)
    return plan


def _working_plan(actor, case: Case) -> ActionPlan:
    """The version of the action plan the team may change: the draft or returned one, or a
    new version started from the approved one's goals (the approved one is never edited)."""
    latest = case.action_plans.select_for_update().first()
    if latest is not None and latest.state in EDITABLE_PLAN_STATES:
        return latest
    if latest is not None and latest.state == PlanState.SUBMITTED:
        raise CaseError(
            _("The action plan is waiting for the supervisor's approval: it cannot change now.")
        )
    plan = ActionPlan.objects.create(
        case=case,
        version=(latest.version + 1) if latest else 1,
        review_on=latest.review_on if latest else None,
        created_by=actor,
    )
    if latest is not None:
        PlanGoal.objects.bulk_create(
            PlanGoal(plan=plan, goal=g.goal, action=g.action, responsible=g.responsible,
                     due_on=g.due_on, status=g.status)
            for g in latest.goals.all()
        )  # fmt: skip
    return plan


@transaction.atomic
def plan_goal_add(
    *, actor, case: Case, goal: str, action: str, responsible: str, due_on: date
) -> PlanGoal:
    """A goal of the action plan: the service or action, who is responsible, by when."""
    _require_team(actor, case)
    goal = _text(goal, _("Goal"), required=True, max_length=300)
    action = _text(action, _("Service or action"), required=True, max_length=300)
    responsible = _text(responsible, _("Responsible"), required=True, max_length=200)
    if due_on is None:
        raise CaseError(_("Enter the date (dd/mm/yyyy)."))
    plan = _working_plan(actor, case)
    item = PlanGoal.objects.create(
        plan=plan, goal=goal, action=action, responsible=responsible, due_on=due_on
    )
    record(actor=actor, action="case.plan_goal_add", obj=case, changes={"version": plan.version})
    return item


@transaction.atomic
def plan_goal_status(*, actor, case: Case, goal: PlanGoal, status: str) -> PlanGoal:
    """A goal's status changes. On an approved plan the change goes into a new version."""
    _require_team(actor, case)
    _choice(status, GoalStatus.choices, _("status"))
    latest = case.action_plans.first()
    if latest is None or goal.plan_id != latest.pk:
        raise CaseError(_("Choose a goal of the current version of the action plan."))
    position = list(latest.goals.values_list("pk", flat=True)).index(goal.pk)
    plan = _working_plan(actor, case)
    if plan.pk != latest.pk:
        goal = list(plan.goals.all())[position]  # its copy in the new version
    goal.status = status
    goal.save(update_fields=["status"])
    record(actor=actor, action="case.plan_goal_status", obj=case,
           changes={"version": plan.version, "status": status})  # fmt: skip
    return goal


@transaction.atomic
def plan_submit(*, actor, case: Case, review_on: date | None) -> ActionPlan:
    """The case worker sends the working version to the supervisor for approval."""
    _require_team(actor, case)
    plan = case.action_plans.select_for_update().first()
    if plan is None or plan.state not in EDITABLE_PLAN_STATES:
        raise CaseError(_("There is no draft of the action plan to submit."))
    if not plan.goals.exists():
        raise CaseError(_("Add at least one goal to the action plan before submitting it."))
    if case.supervisor_id is None:
        raise CaseError(_("Assign a supervisor to approve the action plan."))
    if review_on is None or review_on < timezone.localdate():
        raise CaseError(_("Enter a review date for the plan that is not in the past."))
    plan.state = PlanState.SUBMITTED
    plan.review_on = review_on
    plan.submitted_at = timezone.now()
    plan.return_reason = ""
    plan.save(update_fields=["state", "review_on", "submitted_at", "return_reason"])
    record(actor=actor, action="case.plan_submit", obj=case, changes={"version": plan.version})
    return plan


@transaction.atomic
def plan_decide(*, actor, plan: ActionPlan, approve: bool, reason: str = "") -> ActionPlan:
    """A supervisor other than the owner approves the submitted version (the approved one
    before it is superseded) or returns it with a reason."""
    case = plan.case
    if not holds(actor, CASE_SUPERVISE, case.org_unit) or actor.pk == case.owner_id:
        raise CaseError(_("Only a supervisor other than the owner approves the action plan."))
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.SUBMITTED:
        raise CaseError(_("This action plan is not waiting for approval."))
    now = timezone.now()
    if approve:
        case.action_plans.filter(state=PlanState.APPROVED).update(state=PlanState.SUPERSEDED)
        plan.state = PlanState.APPROVED
    else:
        plan.return_reason = _text(reason, _("Reason for return"), required=True)
        plan.state = PlanState.RETURNED
    plan.decided_by, plan.decided_at = actor, now
    plan.save(update_fields=["state", "decided_by", "decided_at", "return_reason"])
    record(actor=actor, action="case.plan_approve" if approve else "case.plan_return", obj=case,
           changes={"version": plan.version})  # fmt: skip
    return plan


def approved_plan(case: Case) -> ActionPlan | None:
    return case.action_plans.filter(state=PlanState.APPROVED).first()


# ---------------------------------------------------------------- closure


@transaction.atomic
def closure_request(*, actor, case: Case, checklist: dict[str, bool]) -> Case:
    _require_team(actor, case)
    if case.state != CaseState.OPEN:
        raise CaseError(_("The case is already waiting for approval."))
    missing = [str(label) for key, label in CLOSURE_CHECKLIST.items() if not checklist.get(key)]
    if missing:
        raise CaseError(_("Confirm every item of the closure checklist: %(items)s.")
                        % {"items": "; ".join(missing)})  # fmt: skip
    if case.referrals.filter(state__in=ACTIVE_REFERRAL_STATES).exists():
        raise CaseError(_("A referral is still open: close or revoke it first."))
    if case.supervisor_id is None:
        raise CaseError(_("Assign a supervisor to approve the closure."))
    if approved_plan(case) is None:
        raise CaseError(_("The case needs an action plan approved by the supervisor to close."))
    case.state = CaseState.CLOSURE_REQUESTED
    case.closure_checklist = dict.fromkeys(CLOSURE_CHECKLIST, True)
    case.closure_requested_at = timezone.now()
    case.save(update_fields=["state", "closure_checklist", "closure_requested_at"])
    record(actor=actor, action="case.closure_request", obj=case)
    return case


@transaction.atomic
def closure_approve(*, actor, case: Case, approve: bool = True) -> Case:
    """The supervisor approves (closes) or returns a closure request."""
    if not holds(actor, CASE_SUPERVISE, case.org_unit) or actor.pk == case.owner_id:
        raise CaseError(_("Only a supervisor other than the owner approves the closure."))
    if case.state != CaseState.CLOSURE_REQUESTED:
        raise CaseError(_("The case is not waiting for closure approval."))
    if approve:
        case.state = CaseState.CLOSED
        case.closed_at = timezone.now()
        case.closed_by = actor
    else:
        case.state = CaseState.OPEN
        case.closure_checklist = {}
    case.save(update_fields=["state", "closed_at", "closed_by", "closure_checklist"])
    record(
        actor=actor, action="case.closure_approve" if approve else "case.closure_return", obj=case
    )
    return case


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str) -> Reopening:
    if not is_team(actor, case) and not holds(actor, CASE_SUPERVISE, case.org_unit):
        raise CaseError(_("Only the case's team or a supervisor may reopen it."))
    if case.state != CaseState.CLOSED:
        raise CaseError(_("Only a closed case can be reopened."))
    reason = _text(reason, _("Reason"), required=True)
    case.state = CaseState.OPEN
    case.closed_at = None
    case.closure_checklist = {}
    case.save(update_fields=["state", "closed_at", "closure_checklist"])
    reopening = Reopening.objects.create(case=case, reason=reason, by=actor)
    record(actor=actor, action="case.reopen", obj=case, changes={"reopening": reopening.pk})
    return reopening


# ---------------------------------------------------------------- break-the-glass


@transaction.atomic
def break_glass_open(*, actor, case: Case, reason: str, sections: list[str], request=None):
    """Emergency access for an on-call case worker of the case's commune: a reason, the
    sections asked for (never trafficking identity or child sexual abuse), 3 hours, and a
    review by a supervisor."""
    if not holds(actor, CASE_BREAK_GLASS, case.org_unit):
        raise CaseError(_("You may not use emergency access for this commune."))
    reason = _text(reason, _("Reason"), required=True)
    wanted = set(sections) or {Section.BASIC}
    if wanted & CLOSED_SECTIONS:
        raise CaseError(
            _("Emergency access never opens the trafficking identity or child sexual abuse.")
        )
    if any(s not in Section.values for s in wanted):
        raise CaseError(_("Choose the sections to open."))
    if Section.INCIDENT in wanted and case.incidents.filter(child_sexual_abuse=True).exists():
        raise CaseError(
            _("Emergency access never opens the trafficking identity or child sexual abuse.")
        )
    now = timezone.now()
    glass = BreakGlass.objects.create(
        case=case,
        user=actor,
        reason=reason,
        sections=sorted(wanted | {Section.BASIC}),
        opened_at=now,
        expires_at=now + timedelta(hours=BREAK_GLASS_HOURS),
    )
    record_access(
        actor=actor,
        obj=case,
        org_unit=case.org_unit,
        request=request,
        action="case.break_glass",
        details={"sections": glass.sections, "why": "break_glass", "break_glass": glass.pk},
    )
    return glass


@transaction.atomic
def break_glass_review(*, actor, glass: BreakGlass, justified: bool = True) -> BreakGlass:
    """A supervisor's review of an emergency access. An access found unjustified is a read
    outside the rules: it is raised to the data-protection contacts (the auditors of the
    case's commune) as a breach of access."""
    if not holds(actor, CASE_SUPERVISE, glass.case.org_unit) or actor.pk == glass.user_id:
        raise CaseError(_("Only a supervisor reviews emergency access."))
    if glass.reviewed_at is not None:
        raise CaseError(_("This emergency access has already been reviewed."))
    glass.reviewed_by = actor
    glass.reviewed_at = timezone.now()
    glass.justified = justified
    glass.save(update_fields=["reviewed_by", "reviewed_at", "justified"])
    record(actor=actor, action="case.break_glass_review", obj=glass.case,
           changes={"justified": justified})  # fmt: skip
    if not justified:
        from .permissions import CASE_AUDIT
        from .selectors import _people_with

        contacts = [u for u in _people_with(glass.case, CASE_AUDIT) if u.pk != glass.user_id]
        notify(
            users=contacts,
            title=_("Breach of access to case data: case %(code)s") % {"code": glass.case.code},
            body=_("An emergency access by %(user)s was found unjustified on review.")
            % {"user": glass.user.get_full_name()},
            url=f"/cases/{glass.case_id}/access-log/",
            dedupe_key=f"case-breach-{glass.pk}",
        )
        record(actor=actor, action="case.access_breach", obj=glass.case,
               changes={"break_glass": glass.pk})  # fmt: skip
    return glass


# ---------------------------------------------------------------- trafficking


@transaction.atomic
def trafficking_identify(
    *, actor, case: Case, status: str, place: str, accompanying_minor: bool = False
) -> TraffickingProfile:
    """Set the identification status; the Art. 37 ledger gains a line for every support the
    person is now entitled to (lines already provided or declined stay)."""
    _require_team(actor, case)
    from .models import TraffickingPlace, TraffickingStatus

    _choice(status, TraffickingStatus.choices, _("identification"))
    _choice(place, TraffickingPlace.choices, _("where"))
    profile, _created = TraffickingProfile.objects.update_or_create(
        case=case,
        defaults={"status": status, "place": place, "accompanying_minor": accompanying_minor},
    )
    entitled = classification.trafficking_entitlements(status, place, accompanying_minor)
    for point in entitled:
        TraffickingSupport.objects.get_or_create(case=case, point=point)
    case.trafficking_support.filter(status=SupportStatus.ENTITLED).exclude(
        point__in=entitled
    ).delete()
    record(actor=actor, action="case.trafficking_identify", obj=case,
           changes={"status": status, "place": place, "points": entitled})  # fmt: skip
    return profile


@transaction.atomic
def trafficking_support_mark(
    *, actor, line: TraffickingSupport, status: str, provided_on: date | None, provided_by: str
) -> TraffickingSupport:
    _require_team(actor, line.case)
    _choice(status, SupportStatus.choices, _("status"))
    if status == SupportStatus.PROVIDED and provided_on is None:
        raise CaseError(_("Give the date the support was provided."))
    line.status = status
    line.provided_on = provided_on if status == SupportStatus.PROVIDED else None
    line.provided_by = _text(provided_by, _("Provided by"), max_length=200)
    line.save(update_fields=["status", "provided_on", "provided_by"])
    record(actor=actor, action="case.trafficking_support", obj=line.case,
           changes={"point": line.point, "status": status})  # fmt: skip
    return line


# ---------------------------------------------------------------- identity


def unmask_identity(*, actor, case: Case, request=None) -> dict[str, str]:
    """The survivor's identity in full, for a holder of the unmask permission who reads the
    identity section; written to the access log."""
    from .permissions import CASE_UNMASK
    from .rules import sections_for

    if Section.IDENTITY not in sections_for(actor, case) or not holds(actor, CASE_UNMASK):
        raise CaseError(_("You may not see this survivor's name."))
    record_access(
        actor=actor,
        obj=case,
        org_unit=case.org_unit,
        request=request,
        action="case.unmask",
        details={"sections": [Section.IDENTITY], "why": "unmask"},
    )
    return {
        "name": crypto.decrypt(case.name_enc),
        "phone": crypto.decrypt(case.phone_enc),
        "address": crypto.decrypt(case.address_enc),
        "id_number": crypto.decrypt(case.id_number_enc),
    }


def rotate_keys() -> int:
    """Re-encrypt every stored token under the first key and recompute the blind indexes;
    returns the number of rows rewritten."""
    count = 0
    with transaction.atomic():
        for case in Case.objects.select_for_update().iterator():
            name = crypto.decrypt(case.name_enc)
            case.name_enc = crypto.rotate(case.name_enc)
            case.phone_enc = crypto.rotate(case.phone_enc)
            case.address_enc = crypto.rotate(case.address_enc)
            case.id_number_enc = crypto.rotate(case.id_number_enc)
            case.phone_index = crypto.phone_index(crypto.decrypt(case.phone_enc))
            case.id_number_index = crypto.id_number_index(crypto.decrypt(case.id_number_enc))
            case.name_year_index = crypto.name_year_index(name, case.birth_year)
            case.save(update_fields=[
                "name_enc", "phone_enc", "address_enc", "id_number_enc",
                "phone_index", "id_number_index", "name_year_index",
            ])  # fmt: skip
            count += 1
        for model, field in ((Report, "reporter_contact_enc"), (Incident, "perpetrator_identity_enc"),
                             (CaseNote, "text_enc"), (Assessment, "notes_enc"),
                             (SafetyPlan, "safe_place_enc")):  # fmt: skip
            for row in model.objects.select_for_update().iterator():
                setattr(row, field, crypto.rotate(getattr(row, field)))
                row.save(update_fields=[field])
                count += 1
        record(actor=None, action="case.rotate_keys", changes={"rows": count})
    return count


def identifiable_export(*, actor, case: Case, passphrase: str, reason: str, request=None) -> bytes:
    """The case's identifiable file, encrypted with the passphrase, for its team only; the
    export and its reason are in the access log."""
    from . import exports

    if not is_team(actor, case):
        raise CaseError(_("Only the case's owner and team may export its identifiable data."))
    reason = _text(reason, _("Reason"), required=True)
    if len(passphrase or "") < exports.MIN_PASSPHRASE:
        raise CaseError(
            _("The passphrase must have at least %(n)s characters.") % {"n": exports.MIN_PASSPHRASE}
        )
    export = CaseExport.objects.create(case=case, by=actor, reason=reason)
    record_access(
        actor=actor,
        obj=case,
        org_unit=case.org_unit,
        request=request,
        action="case.export",
        details={"sections": sorted(Section.values), "why": "export", "export": export.pk},
    )
    return exports.case_export(case, passphrase)


@transaction.atomic
def apply_retention(*, today: date | None = None, dry_run: bool = False) -> int:
    """Anonymise the identity of cases closed longer ago than their retention period
    (processing.RETENTION_YEARS): the identity tokens, the blind indexes, the perpetrator's
    identity, the notes and the reporter's contact are erased; the anonymous facts stay for
    the statistics. Audited; returns the number of cases."""
    from .processing import retention_cutoff

    cutoff = retention_cutoff(today or timezone.localdate())
    due = Case.objects.filter(
        state=CaseState.CLOSED, closed_at__date__lt=cutoff, anonymised_at__isnull=True
    )
    ids = list(due.values_list("pk", flat=True))
    if dry_run or not ids:
        return len(ids)
    now = timezone.now()
    Case.objects.filter(pk__in=ids).update(
        name_enc="", phone_enc="", address_enc="", id_number_enc="", phone_index="",
        id_number_index="", name_year_index="", birth_year=None, anonymised_at=now,
    )  # fmt: skip
    Incident.objects.filter(case_id__in=ids).update(perpetrator_identity_enc="")
    CaseNote.objects.filter(case_id__in=ids).delete()
    Assessment.objects.filter(case_id__in=ids).update(notes_enc="")
    SafetyPlan.objects.filter(case_id__in=ids).update(safe_place_enc="")
    Report.objects.filter(case_id__in=ids).update(reporter_contact_enc="")
    record(actor=None, action="case.retention", changes={"cases": len(ids), "cutoff": str(cutoff)})
    return len(ids)

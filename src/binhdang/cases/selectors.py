"""Every read of case records, given the user, through the record rule (rules.py). Each look
at a case writes an access event (who, which sections, when, why) to the append-only audit
log, marked as a read of a sensitive record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from binhdang.accounts import scoping
from binhdang.audit.models import AuditEntry
from binhdang.audit.services import record_access

from . import crypto
from .models import (
    ACTIVE_REFERRAL_STATES,
    ActionPlan,
    BreakGlass,
    Case,
    CaseState,
    FollowUp,
    Measure,
    MeasureKind,
    MeasureState,
    PlanGoal,
    PlanState,
    Referral,
    SafetyPlan,
    Section,
)
from .permissions import CASE_AUDIT, CASE_SUPERVISE, CASE_VIEW
from .rules import holds, may_hold_case_data, sections_for, units

CASE_TYPE = Case._meta.label_lower


def cases_for(user):
    """The cases the user may see at all (record rule; a system administrator: none)."""
    return scoping.visible(
        user, CASE_VIEW, Case.objects.select_related("org_unit", "owner"), unit_field=None
    )


def case_for(user, pk: int | None) -> Case:
    """One visible case, or 404 (no read is logged: use `open_case` to show it)."""
    if pk is None:
        raise Http404
    case = cases_for(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


@dataclass
class CaseFile:
    """What one reader sees of a case: only its sections are filled."""

    case: Case
    sections: frozenset
    masked_name: str = ""
    incidents: list = field(default_factory=list)
    perpetrators: dict = field(default_factory=dict)
    measures: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    services: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    consent: object = None
    trafficking: object = None
    trafficking_support: list = field(default_factory=list)
    reopenings: list = field(default_factory=list)
    # PLANS: (assessment, its notes or "" without NOTES), the safety plan in force with its
    # safe place ("" without IDENTITY), every version of the action plan with its goals.
    assessments: list = field(default_factory=list)
    safety_plan: object = None
    safe_place: str = ""
    action_plans: list = field(default_factory=list)

    def has(self, section: str) -> bool:
        return section in self.sections


def log_read(user, case: Case, sections, *, request=None, why: str = "view") -> None:
    record_access(
        actor=user,
        obj=case,
        org_unit=case.org_unit,
        request=request,
        action="case.read",
        details={"sections": sorted(sections), "why": why},
    )


def open_case(user, pk: int | None, *, request=None, why: str = "view") -> CaseFile:
    """A case as the user may read it, with the read written to the access log."""
    case = case_for(user, pk)
    sections = sections_for(user, case)
    if not sections:
        raise Http404
    log_read(user, case, sections, request=request, why=why)
    view = CaseFile(case=case, sections=sections)
    if Section.IDENTITY in sections:
        view.masked_name = crypto.mask_name(crypto.decrypt(case.name_enc))
    if Section.INCIDENT in sections:
        view.incidents = list(case.incidents.all())
        if Section.PERPETRATOR in sections:
            view.perpetrators = {
                i.pk: crypto.decrypt(i.perpetrator_identity_enc) for i in view.incidents
            }
    if Section.MEASURES in sections:
        view.measures = list(case.measures.prefetch_related("exceptions"))
    if Section.SERVICES in sections:
        view.referrals = list(case.referrals.select_related("recipient_unit"))
        view.services = list(case.services.all())
        view.follow_ups = list(case.follow_ups.all())
        view.consent = case.consents.filter(withdrawn_at__isnull=True).first()
    if Section.NOTES in sections:
        view.notes = [
            (n, crypto.decrypt(n.text_enc)) for n in case.notes.select_related("written_by")
        ]
    if Section.TRAFFICKING in sections:
        view.trafficking = getattr(case, "trafficking", None)
        view.trafficking_support = list(case.trafficking_support.order_by("id"))
    if Section.PLANS in sections:
        notes = Section.NOTES in sections
        view.assessments = [
            (a, crypto.decrypt(a.notes_enc) if notes else "")
            for a in case.assessments.select_related("assessed_by")
        ]
        view.safety_plan = case.safety_plans.first()
        if view.safety_plan is not None and Section.IDENTITY in sections:
            view.safe_place = crypto.decrypt(view.safety_plan.safe_place_enc)
        view.action_plans = list(
            case.action_plans.select_related("decided_by").prefetch_related("goals")
        )
    view.reopenings = list(case.reopenings.all())
    return view


def case_rows(user, *, request=None, state: str = "") -> list[dict]:
    """The list of cases: codes, and masked names only for readers of the identity; the
    listing is one access event naming the codes shown."""
    qs = cases_for(user)
    if state:
        qs = qs.filter(state=state)
    from .rules import identity_readable

    cases = list(qs[:500])
    readable = identity_readable(user, [c.pk for c in cases])
    rows = [
        {
            "case": case,
            "masked_name": crypto.mask_name(crypto.decrypt(case.name_enc))
            if case.pk in readable
            else "",
        }
        for case in cases
    ]
    if rows:
        record_access(
            actor=user,
            request=request,
            action="case.list",
            details={"codes": [r["case"].code for r in rows], "why": "list"},
        )
    return rows


def find_by_code(user, code: str) -> Case | None:
    """A case of a commune where the user holds emergency access, found by its exact code
    (for break-the-glass): nothing else of it."""
    from .permissions import CASE_BREAK_GLASS

    return (
        Case.objects.filter(code=code.strip().upper(), org_unit__in=units(user, CASE_BREAK_GLASS))
        .exclude(state=CaseState.CLOSED)
        .first()
    )


def referral_for(user, pk: int | None) -> Referral:
    """A referral the user may act on: to their service point while active, or of a case
    they see with its services."""
    if pk is None:
        raise Http404
    referral = Referral.objects.select_related("case__org_unit").filter(pk=pk).first()
    if referral is None:
        raise Http404
    if Section.SERVICES not in sections_for(user, referral.case) and not (
        referral.state in ACTIVE_REFERRAL_STATES
        and Section.BASIC in sections_for(user, referral.case)
    ):
        raise Http404
    return referral


def measure_for(user, pk: int | None) -> Measure:
    if pk is None:
        raise Http404
    measure = Measure.objects.select_related("case__org_unit").filter(pk=pk).first()
    if measure is None or Section.MEASURES not in sections_for(user, measure.case):
        raise Http404
    return measure


def break_glass_for(user, pk: int | None) -> BreakGlass:
    if pk is None:
        raise Http404
    glass = BreakGlass.objects.select_related("case__org_unit", "user").filter(pk=pk).first()
    if glass is None or not holds(user, CASE_SUPERVISE, glass.case.org_unit):
        raise Http404
    return glass


def access_events(user, case: Case):
    """The access log of a case, for an auditor over its commune (the case supervisor)."""
    if not holds(user, CASE_AUDIT, case.org_unit):
        raise Http404
    return AuditEntry.objects.filter(object_type=CASE_TYPE, object_id=str(case.pk)).order_by(
        "-at", "-id"
    )


def access_events_for_units(user):
    """Every case access event in the auditor's communes."""
    if not may_hold_case_data(user):
        return AuditEntry.objects.none()
    case_ids = Case.objects.filter(org_unit__in=units(user, CASE_AUDIT)).values_list(
        "pk", flat=True
    )
    return AuditEntry.objects.filter(
        object_type=CASE_TYPE, object_id__in=[str(pk) for pk in case_ids]
    ).order_by("-at", "-id")


# ---------------------------------------------------------------- work lists


def assigned_to(user):
    return cases_for(user).filter(owner=user).exclude(state=CaseState.CLOSED)


def recently_assigned(user, days: int = 7):
    since = timezone.now() - timedelta(days=days)
    return assigned_to(user).filter(assigned_at__gte=since)


def referrals_to(user):
    return Referral.objects.filter(
        state__in=ACTIVE_REFERRAL_STATES, recipient_unit__in=units(user, "case.referral_receive")
    ).select_related("case", "recipient_unit")


def referrals_from(user):
    return Referral.objects.filter(
        state__in=ACTIVE_REFERRAL_STATES, case__in=assigned_to(user)
    ).select_related("case", "recipient_unit")


def orders_expiring(user, days: int = 3):
    horizon = timezone.localdate() + timedelta(days=days)
    from django.db.models import Q

    own = cases_for(user).filter(Q(owner=user) | Q(supervisor=user) | Q(team__user=user))
    return Measure.objects.filter(
        case__in=own,
        kind__in=(MeasureKind.NO_CONTACT_COMMUNE, MeasureKind.NO_CONTACT_COURT),
        state=MeasureState.IN_FORCE,
        ends_on__lte=horizon,
    ).select_related("case")


def follow_ups_due(user):
    return FollowUp.objects.filter(
        case__in=assigned_to(user), done_at__isnull=True, due_on__lte=timezone.localdate()
    ).select_related("case")


def no_contact_requests(user):
    return Measure.objects.filter(
        kind=MeasureKind.NO_CONTACT_COMMUNE,
        state=MeasureState.REQUESTED,
        case__org_unit__in=units(user, "case.decide_measure"),
    ).select_related("case")


def closures_to_approve(user):
    return Case.objects.filter(
        state=CaseState.CLOSURE_REQUESTED, org_unit__in=units(user, CASE_SUPERVISE)
    ).exclude(owner=user)


def plans_to_approve(user):
    """Action plans waiting for a supervisor over their commune (never the owner's own)."""
    return (
        ActionPlan.objects.filter(
            state=PlanState.SUBMITTED, case__org_unit__in=units(user, CASE_SUPERVISE)
        )
        .exclude(case__owner=user)
        .select_related("case")
    )


def plan_reviews_due(user) -> list:
    """The owner's plans whose review date has come: the safety plan in force and the
    approved action plan, as (case, kind, review date)."""
    from django.db.models import Exists, OuterRef

    today = timezone.localdate()
    mine = assigned_to(user)
    newer = SafetyPlan.objects.filter(case=OuterRef("case"), pk__gt=OuterRef("pk"))
    safety = (
        SafetyPlan.objects.filter(case__in=mine, review_on__lte=today)
        .exclude(Exists(newer))
        .select_related("case")
    )
    action = ActionPlan.objects.filter(
        case__in=mine, state=PlanState.APPROVED, review_on__lte=today
    ).select_related("case")
    rows = [(p.case, "safety", p.review_on) for p in safety[:100]]
    rows += [(p.case, "action", p.review_on) for p in action[:100]]
    return sorted(rows, key=lambda row: row[2])


def break_glass_to_review(user):
    return (
        BreakGlass.objects.filter(
            reviewed_at__isnull=True, case__org_unit__in=units(user, CASE_SUPERVISE)
        )
        .exclude(user=user)
        .select_related("case", "user")
    )


# ---------------------------------------------------------------- choice lists


def report_for(user, pk: int | None):
    """A report received at a commune where the user receives reports, not yet a case."""
    from .models import Report
    from .permissions import CASE_RECEIVE

    if pk is None:
        raise Http404
    report = Report.objects.filter(
        pk=pk, case__isnull=True, org_unit__in=units(user, CASE_RECEIVE)
    ).first()
    if report is None:
        raise Http404
    return report


def service_points(unit=None):
    """The bodies a case can be referred to: the non-territorial units in force."""
    from binhdang.orgunits.models import TERRITORIAL_KINDS, OrgUnit

    return OrgUnit.objects.current().exclude(kind__in=TERRITORIAL_KINDS).order_by("name")


def _people_with(case: Case, permission: str):
    from django.contrib.auth import get_user_model

    from binhdang.accounts.permissions import roles_with

    unit_ids = [int(p) for p in case.org_unit.path.strip("/").split("/") if p]
    people = scoping.members_of(unit_ids, roles_with(permission))
    keep = [u.pk for u in people if holds(u, permission, case.org_unit)]
    return get_user_model().objects.filter(pk__in=keep).order_by("full_name", "username")


def supervisors_for(case: Case):
    return _people_with(case, CASE_SUPERVISE)


def workers_for(case: Case):
    from .permissions import CASE_WORK

    return _people_with(case, CASE_WORK)


def referral_visible(user, pk: int) -> bool:
    try:
        referral_for(user, pk)
    except Http404:
        return False
    return True


def one_of(queryset, pk: int | None):
    """The row `pk` of a choice list already scoped to the user, or None."""
    return queryset.filter(pk=pk).first() if pk is not None else None


CHILDREN = (
    "measures",
    "follow_ups",
    "trafficking_support",
    "referrals",
    "consents",
    "action_plans",
)


def case_child(case: Case, relation: str, pk: int | None):
    """A record of `case` (one of CHILDREN) by id, or None: never another case's."""
    if relation not in CHILDREN or pk is None:
        return None
    return getattr(case, relation).filter(pk=pk).first()


def case_goal(case: Case, pk: int | None):
    """A goal of one of `case`'s action plans by id, or None."""
    if pk is None:
        return None
    return PlanGoal.objects.filter(plan__case=case, pk=pk).select_related("plan").first()

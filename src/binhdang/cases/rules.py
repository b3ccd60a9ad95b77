"""Who sees a case, and which of its sections: the case app's record rule.

Registered with `accounts.scoping.register_record_rule(Case, CASE_VIEW, case_rule)`, so
`visible` / `require_record` apply it; `sections_for` says which sections of one visible case
a user reads. Both fail closed, and both refuse a system administrator (superuser) every case:
administering the system is no reason to read a survivor's file.

- the case's owner, its assigned supervisor and its team: every section;
- a case supervisor over the case's commune: the summary, measures, services and plans (what
  they approve: closure, action plans, referrals, overrides, contact notices), never the
  counselling notes (an assessment's notes are in them);
- the commune police: the summary, incident, perpetrator identity and measures of cases with a
  measure or a police referral, never the counselling notes, the assessment and plans or the
  survivor's identity;
- the commune chair: the summary and measures of cases with a no-contact request;
- a service point's staff: the summary and the sections a referral shares, while the referral
  is in progress or accepted;
- nobody but the team and those the survivor's identity is shared with reads a safety plan's
  safe place and contacts (kept in the identity section);
- break-the-glass: the sections opened, for 3 hours, never trafficking or child sexual abuse.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from binhdang.accounts import scoping

from .models import (
    ACTIVE_REFERRAL_STATES,
    CLOSED_SECTIONS,
    SHAREABLE_SECTIONS,
    BreakGlass,
    Case,
    CaseTeamMember,
    Incident,
    Measure,
    MeasureKind,
    Referral,
    ReferralState,
    Section,
    ServiceType,
)
from .permissions import (
    CASE_DECIDE_MEASURE,
    CASE_POLICE,
    CASE_REFERRAL_RECEIVE,
    CASE_SUPERVISE,
    CASE_VIEW,
)

ALL_SECTIONS = frozenset(Section)
SUPERVISOR_SECTIONS = frozenset({Section.BASIC, Section.MEASURES, Section.SERVICES, Section.PLANS})
POLICE_SECTIONS = frozenset(
    {Section.BASIC, Section.INCIDENT, Section.PERPETRATOR, Section.MEASURES, Section.CHILD_ABUSE}
)
CHAIR_SECTIONS = frozenset({Section.BASIC, Section.MEASURES})


def may_hold_case_data(user) -> bool:
    """Signed in, active and not a system administrator."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and not user.is_superuser
    )


def units(user, permission: str):
    """`scoping.units_for`, except that a system administrator gets nothing here."""
    if not may_hold_case_data(user):
        return scoping.units_for(None, permission)
    return scoping.units_for(user, permission)


def may_see_any_case(user, permission: str = CASE_VIEW) -> bool:
    """Whether the user has a unit for `permission` here: the pages' gate and the menu's.
    A membership granting it names an existing unit, so the memberships answer it."""
    return may_hold_case_data(user) and scoping.has_permission(user, permission)


def holds(user, permission: str, unit=None) -> bool:
    return may_hold_case_data(user) and scoping.has_permission(user, permission, unit)


def _police_cases(police_units):
    with_measure = Measure.objects.values("case_id")
    police_referral = (
        Referral.objects.filter(service_type=ServiceType.POLICE)
        .exclude(state=ReferralState.REVOKED)
        .values("case_id")
    )
    return Q(org_unit__in=police_units) & (Q(pk__in=with_measure) | Q(pk__in=police_referral))


def case_rule(user) -> Q | None:
    if not may_hold_case_data(user):
        return None
    now = timezone.now()
    team = CaseTeamMember.objects.filter(user=user).values("case_id")
    condition = Q(owner=user) | Q(supervisor=user) | Q(pk__in=team)
    condition |= Q(org_unit__in=units(user, CASE_SUPERVISE))
    condition |= _police_cases(units(user, CASE_POLICE))
    no_contact = Measure.objects.filter(kind=MeasureKind.NO_CONTACT_COMMUNE).values("case_id")
    condition |= Q(org_unit__in=units(user, CASE_DECIDE_MEASURE), pk__in=no_contact)
    referred = Referral.objects.filter(
        state__in=ACTIVE_REFERRAL_STATES,
        recipient_unit__in=units(user, CASE_REFERRAL_RECEIVE),
    ).values("case_id")
    condition |= Q(pk__in=referred)
    glass = BreakGlass.objects.filter(user=user, expires_at__gt=now).values("case_id")
    condition |= Q(pk__in=glass)
    return condition


def is_team(user, case: Case) -> bool:
    if not may_hold_case_data(user):
        return False
    if user.pk in (case.owner_id, case.supervisor_id):
        return True
    return CaseTeamMember.objects.filter(case=case, user=user).exists()


def active_referrals_to(user, case: Case):
    return Referral.objects.filter(
        case=case,
        state__in=ACTIVE_REFERRAL_STATES,
        recipient_unit__in=units(user, CASE_REFERRAL_RECEIVE),
    )


def sections_for(user, case: Case) -> frozenset[str]:
    """The sections of `case` the user reads now (empty: the case is not theirs to see)."""
    if not may_hold_case_data(user):
        return frozenset()
    if is_team(user, case):
        return ALL_SECTIONS
    sections: set[str] = set()
    unit = case.org_unit
    if holds(user, CASE_SUPERVISE, unit):
        sections |= SUPERVISOR_SECTIONS
    if (
        holds(user, CASE_POLICE, unit)
        and Case.objects.filter(_police_cases(units(user, CASE_POLICE)), pk=case.pk).exists()
    ):
        sections |= POLICE_SECTIONS
    if (
        holds(user, CASE_DECIDE_MEASURE, unit)
        and Measure.objects.filter(case=case, kind=MeasureKind.NO_CONTACT_COMMUNE).exists()
    ):
        sections |= CHAIR_SECTIONS
    for referral in active_referrals_to(user, case):
        sections |= {Section.BASIC} | (set(referral.shared_sections) & set(SHAREABLE_SECTIONS))
    for glass in BreakGlass.objects.filter(case=case, user=user, expires_at__gt=timezone.now()):
        sections |= set(glass.sections) - CLOSED_SECTIONS
    child_abuse = Incident.objects.filter(case=case, child_sexual_abuse=True).exists()
    if child_abuse and Section.CHILD_ABUSE not in sections:
        # A child sexual abuse incident is read only by those holding that section.
        sections.discard(Section.INCIDENT)
    return frozenset(sections)


def identity_readable(user, case_ids) -> set[int]:
    """Of `case_ids`, those whose identity section the user reads, in a few queries (for
    lists): the team's cases, active referrals sharing it, active emergency access to it. A
    child sexual abuse flag does not close the identity section."""
    if not may_hold_case_data(user):
        return set()
    ids = list(case_ids)
    team = set(
        CaseTeamMember.objects.filter(user=user, case_id__in=ids).values_list("case_id", flat=True)
    )
    team |= set(
        Case.objects.filter(Q(owner=user) | Q(supervisor=user), pk__in=ids).values_list(
            "pk", flat=True
        )
    )
    for case_id, shared in Referral.objects.filter(
        case_id__in=ids,
        state__in=ACTIVE_REFERRAL_STATES,
        recipient_unit__in=units(user, CASE_REFERRAL_RECEIVE),
    ).values_list("case_id", "shared_sections"):
        if Section.IDENTITY in shared:
            team.add(case_id)
    for case_id, opened in BreakGlass.objects.filter(
        case_id__in=ids, user=user, expires_at__gt=timezone.now()
    ).values_list("case_id", "sections"):
        if Section.IDENTITY in opened:
            team.add(case_id)
    return team


def register() -> None:
    scoping.register_record_rule(Case, CASE_VIEW, case_rule)

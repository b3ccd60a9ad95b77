"""The case app's part of "my work": the lists a case worker, a supervisor, a commune chair
and a service point act on. Items name the survivor code only."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.core.registry import WorkItem, WorkKind

from . import selectors
from .permissions import CASE_VIEW
from .rules import holds

ASSIGNED = WorkKind("cases-assigned", gettext_lazy("Cases assigned to me"), order=30)
RECENT = WorkKind("cases-recent", gettext_lazy("Cases assigned to me this week"), order=29)
REFERRALS_TO = WorkKind(
    "cases-referrals-to", gettext_lazy("Referrals to my service point"), order=31
)
REFERRALS_FROM = WorkKind("cases-referrals-from", gettext_lazy("My referrals pending"), order=32)
ORDERS = WorkKind("cases-orders", gettext_lazy("No-contact orders about to end"), order=33)
FOLLOW_UPS = WorkKind("cases-follow-ups", gettext_lazy("Case follow-ups due"), order=34)
DECISIONS = WorkKind("cases-decisions", gettext_lazy("No-contact requests to decide"), order=35)
APPROVALS = WorkKind("cases-approvals", gettext_lazy("Case closures to approve"), order=36)
PLAN_APPROVALS = WorkKind("cases-plan-approvals", gettext_lazy("Action plans to approve"), order=36)
PLAN_REVIEWS = WorkKind("cases-plan-reviews", gettext_lazy("Case plans to review"), order=34)
REVIEWS = WorkKind("cases-reviews", gettext_lazy("Emergency access to review"), order=37)


def _case_url(case) -> str:
    return reverse("cases:detail", args=[case.pk])


def case_work(user) -> list[WorkItem]:
    # Every list below is of cases the user may see: nobody without a case role asks.
    if not holds(user, CASE_VIEW):
        return []
    items = [
        WorkItem(title=case.code, url=_case_url(case), unit=case.org_unit, kind=ASSIGNED,
                 status=case.get_state_display())
        for case in selectors.assigned_to(user).select_related("org_unit")[:100]
    ]  # fmt: skip
    items += [
        WorkItem(title=case.code, url=_case_url(case), unit=case.org_unit, kind=RECENT)
        for case in selectors.recently_assigned(user).select_related("org_unit")[:100]
    ]
    items += [
        WorkItem(title=_("%(code)s: %(service)s") % {"code": r.case.code,
                 "service": r.get_service_type_display()},
                 url=reverse("cases:referral", args=[r.pk]), unit=r.recipient_unit,
                 kind=REFERRALS_TO, status=r.get_state_display())
        for r in selectors.referrals_to(user)[:100]
    ]  # fmt: skip
    items += [
        WorkItem(title=_("%(code)s: %(service)s") % {"code": r.case.code,
                 "service": r.get_service_type_display()},
                 url=_case_url(r.case), unit=r.recipient_unit, kind=REFERRALS_FROM,
                 status=r.get_state_display())
        for r in selectors.referrals_from(user)[:100]
    ]  # fmt: skip
    items += [
        WorkItem(title=m.case.code, url=_case_url(m.case), due=m.ends_on, kind=ORDERS,
                 detail=m.get_kind_display())
        for m in selectors.orders_expiring(user)[:100]
    ]  # fmt: skip
    items += [
        WorkItem(title=f.case.code, url=_case_url(f.case), due=f.due_on, kind=FOLLOW_UPS)
        for f in selectors.follow_ups_due(user)[:100]
    ]
    items += [
        WorkItem(title=m.case.code, url=_case_url(m.case), kind=DECISIONS,
                 detail=m.get_kind_display())
        for m in selectors.no_contact_requests(user)[:100]
    ]  # fmt: skip
    items += [
        WorkItem(title=c.code, url=_case_url(c), kind=APPROVALS)
        for c in selectors.closures_to_approve(user)[:100]
    ]
    items += [
        WorkItem(title=p.case.code, url=_case_url(p.case) + "#plans", unit=p.case.org_unit,
                 kind=PLAN_APPROVALS, detail=_("Version %(n)s") % {"n": p.version})
        for p in selectors.plans_to_approve(user)[:100]
    ]  # fmt: skip
    labels = {"safety": _("Safety plan"), "action": _("Action plan")}
    items += [
        WorkItem(title=case.code, url=_case_url(case) + "#plans", unit=case.org_unit,
                 kind=PLAN_REVIEWS, due=due, detail=labels[kind])
        for case, kind, due in selectors.plan_reviews_due(user)
    ]  # fmt: skip
    items += [
        WorkItem(title=g.case.code, url=reverse("cases:break_glass_review", args=[g.pk]),
                 kind=REVIEWS, detail=g.user.get_full_name())
        for g in selectors.break_glass_to_review(user)[:100]
    ]  # fmt: skip
    return items

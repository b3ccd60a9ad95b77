"""Reads of communication records, always given the user and scoped through
`accounts.scoping` (out of scope is a 404)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from binhdang.accounts.scoping import (
    has_permission,
    home_and_ancestor_unit_ids,
    units_for,
    visible,
)
from binhdang.directives.models import DirectiveStatus, Task
from binhdang.directives.selectors import visible_directives
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, Kind, OrgUnit

from .models import Activity, ActivityFile, Campaign, CampaignKind, RoleModel
from .permissions import CAMPAIGN_MANAGE, COMMUNICATION_EDIT, COMMUNICATION_VIEW


@dataclass
class ActivityFilters:
    unit: int | None = None
    year: int | None = None
    channel: str = ""
    topic: str = ""
    campaign: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


def visible_activities(user) -> QuerySet[Activity]:
    """Every activity of the units the user reads."""
    return visible(user, COMMUNICATION_VIEW, Activity.objects.all())


def search_activities(user, filters: ActivityFilters) -> QuerySet[Activity]:
    qs = visible_activities(user).select_related("org_unit", "place", "campaign")
    if filters.unit:
        qs = qs.filter(org_unit_id=filters.unit)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.topic:
        qs = qs.filter(topics__contains=f",{filters.topic},")
    if filters.campaign:
        qs = qs.filter(campaign_id=filters.campaign)
    if filters.date_from:
        qs = qs.filter(starts_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(starts_on__lte=filters.date_to)
    if filters.text:
        qs = qs.filter(Q(title__icontains=filters.text) | Q(result__icontains=filters.text))
    return qs


def activity_for(user, pk: int) -> Activity:
    activity = (
        visible_activities(user)
        .select_related("org_unit", "place", "campaign", "task__directive", "created_by")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def can_edit(user, unit: OrgUnit) -> bool:
    return has_permission(user, COMMUNICATION_EDIT, unit)


def editable_activity_for(user, pk: int) -> Activity:
    activity = activity_for(user, pk)
    if not can_edit(user, activity.org_unit):
        raise Http404
    return activity


def activity_files(user, activity: Activity) -> QuerySet[ActivityFile]:
    return ActivityFile.objects.filter(activity__in=visible_activities(user), activity=activity)


def file_for(user, pk: int) -> ActivityFile:
    found = (
        ActivityFile.objects.filter(activity__in=visible_activities(user), pk=pk)
        .select_related("activity__org_unit")
        .first()
    )
    if found is None:
        raise Http404
    return found


def totals(qs: QuerySet[Activity]) -> dict:
    """Counts and sums of a set of activities, in one query."""
    from .models import SESSION_CHANNELS

    out = qs.aggregate(
        activities=Count("id"),
        sessions=Count("id", filter=Q(channel__in=SESSION_CHANNELS)),
        audience_total=Sum("audience_total"),
        audience_women=Sum("audience_women"),
        audience_ethnic=Sum("audience_ethnic"),
        leaflets=Sum("leaflets"),
        banners=Sum("banners"),
        broadcasts=Sum("broadcasts"),
        articles=Sum("articles"),
        cost=Sum("cost"),
        units=Count("org_unit", distinct=True),
    )
    return {k: v or 0 for k, v in out.items()}


def activity_years(user) -> list[int]:
    return sorted(
        {d.year for d in visible_activities(user).dates("starts_on", "year")}, reverse=True
    )


# ---------------------------------------------------------------- choices


def editable_units(user) -> QuerySet[OrgUnit]:
    """The units whose activities the user records."""
    return units_for(user, COMMUNICATION_EDIT).order_by("path")


def readable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, COMMUNICATION_VIEW).order_by("path")


def place_choices(user) -> QuerySet[OrgUnit]:
    """Communes where the user's units may hold an activity: those of the districts (or the
    province) the user works in, and those the user records for."""
    above = home_and_ancestor_unit_ids(user)
    roots = OrgUnit.objects.filter(pk__in=above, kind__in=[Kind.DISTRICT, Kind.PROVINCE])
    condition = Q(pk__in=units_for(user, COMMUNICATION_EDIT).values("pk"))
    for root in roots.filter(kind=Kind.DISTRICT) or roots:
        condition |= Q(path__startswith=root.path)
    return OrgUnit.objects.filter(condition, kind__in=COMMUNE_LEVEL_KINDS).order_by("name")


def task_choices(user) -> QuerySet[Task]:
    """Tasks of the issued directives the user reads."""
    directives = visible_directives(user).filter(
        status__in=[DirectiveStatus.ISSUED, DirectiveStatus.CLOSED]
    )
    return (
        Task.objects.filter(directive__in=directives)
        .select_related("directive")
        .order_by("-directive__issued_on", "directive_id", "position", "id")
    )


# ---------------------------------------------------------------- campaigns


def visible_campaigns(user) -> QuerySet[Campaign]:
    return visible(user, COMMUNICATION_VIEW, Campaign.objects.all(), unit_field=None)


def campaign_for(user, pk: int) -> Campaign:
    campaign = visible_campaigns(user).select_related("org_unit").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def campaign_owner_units(user) -> QuerySet[OrgUnit]:
    """The units that may launch a local campaign."""
    return units_for(user, CAMPAIGN_MANAGE).order_by("path")


def can_manage_campaigns(user) -> bool:
    return has_permission(user, CAMPAIGN_MANAGE)


def action_month_on(day: date) -> Campaign | None:
    """The Action Month running on `day`, if any (no user: used to file a new activity)."""
    return (
        Campaign.objects.filter(
            kind=CampaignKind.ACTION_MONTH, starts_on__lte=day, ends_on__gte=day
        )
        .order_by("starts_on")
        .first()
    )


@dataclass
class CampaignUnitRow:
    unit: OrgUnit
    activities: list
    totals: dict


def campaign_activities(user, campaign: Campaign) -> QuerySet[Activity]:
    return (
        visible_activities(user)
        .filter(campaign=campaign)
        .select_related("org_unit", "place")
        .order_by("starts_on", "org_unit__name", "id")
    )


def campaign_by_unit(user, campaign: Campaign) -> list[CampaignUnitRow]:
    """What each unit did in the campaign (the activities the user reads), unit by unit,
    each unit's activities day by day, with the unit's totals."""
    rows: dict[int, CampaignUnitRow] = {}
    for activity in campaign_activities(user, campaign):
        row = rows.get(activity.org_unit_id)
        if row is None:
            row = rows[activity.org_unit_id] = CampaignUnitRow(activity.org_unit, [], {})
        row.activities.append(activity)
    per_unit = (
        campaign_activities(user, campaign)
        .order_by()
        .values("org_unit")
        .annotate(
            n=Count("id"),
            audience_total=Sum("audience_total"),
            audience_women=Sum("audience_women"),
            audience_ethnic=Sum("audience_ethnic"),
            leaflets=Sum("leaflets"),
        )
    )
    for t in per_unit:
        rows[t["org_unit"]].totals = t
    return sorted(rows.values(), key=lambda r: r.unit.name)


def campaign_days(user, campaign: Campaign) -> list[dict]:
    """Day by day: how many activities started and how many people they reached."""
    return list(
        campaign_activities(user, campaign)
        .order_by()
        .values("starts_on")
        .annotate(
            n=Count("id"), audience=Sum("audience_total"), units=Count("org_unit", distinct=True)
        )
        .order_by("starts_on")
    )


# ---------------------------------------------------------------- role models


def visible_role_models(user) -> QuerySet[RoleModel]:
    return visible(user, COMMUNICATION_VIEW, RoleModel.objects.all())


def search_role_models(user, *, unit: int | None = None, text: str = "") -> QuerySet[RoleModel]:
    qs = visible_role_models(user).select_related("org_unit", "commune")
    if unit:
        qs = qs.filter(Q(org_unit_id=unit) | Q(commune_id=unit))
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(role__icontains=text))
    return qs


def role_model_for(user, pk: int) -> RoleModel:
    found = visible_role_models(user).select_related("org_unit", "commune").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def editable_role_model_for(user, pk: int) -> RoleModel:
    found = role_model_for(user, pk)
    if not can_edit(user, found.org_unit):
        raise Http404
    return found


def monthly(qs: QuerySet[Activity]) -> list[dict]:
    """(year, month) -> activities, reach, women reached, in one query."""
    from django.db.models.functions import TruncMonth

    return list(
        qs.order_by()
        .annotate(month=TruncMonth("starts_on"))
        .values("month")
        .annotate(
            n=Count("id"),
            audience=Sum("audience_total"),
            women=Sum("audience_women"),
        )
        .order_by("month")
    )


def action_month_on_year(year: int) -> Campaign | None:
    return Campaign.objects.filter(kind=CampaignKind.ACTION_MONTH, year=year).first()


def task_allowed(user, task: Task) -> bool:
    """Whether `task` is among `task_choices(user)`; the ids are read once per user object
    (a request, an upload of many rows)."""
    ids = getattr(user, "_task_choice_ids", None)
    if ids is None:
        ids = set(task_choices(user).values_list("pk", flat=True))
        user._task_choice_ids = ids
    return task.pk in ids

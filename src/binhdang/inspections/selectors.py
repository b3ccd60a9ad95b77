"""Reads of inspections and complaints, always given the user and scoped through
accounts.scoping (out of scope is a 404).

An inspection is seen by those who may see the inspecting unit's or an inspected unit's
inspections; it is changed by the inspecting unit's editors. A complaint is seen under
COMPLAINT_VIEW on its competent body; its complainant's identity only by its handlers (the
record rule of rules.py), and each look goes into the audit log (views and API)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binhdang.accounts.scoping import has_permission, members_of, placed_on, units_for, visible
from binhdang.orgunits.models import OrgUnit

from . import deadlines
from .models import (
    ComplainantIdentity,
    Complaint,
    FollowUp,
    FollowUpStatus,
    Inspection,
    InspectionFile,
)
from .permissions import (
    COMPLAINT_HANDLE,
    COMPLAINT_IDENTITY,
    COMPLAINT_VIEW,
    INSPECTION_EDIT,
    INSPECTION_VIEW,
)

# How many days before a deadline its handlers are reminded.
REMIND_DAYS_BEFORE = 3


# ---------------------------------------------------------------- inspections


@dataclass
class InspectionFilters:
    year: int | None = None
    unit: OrgUnit | None = None  # inspecting or inspected, with the units under it
    kind: str = ""
    text: str = ""


def visible_inspections(user) -> QuerySet[Inspection]:
    base = Inspection.objects.all()
    made = visible(user, INSPECTION_VIEW, base)
    received = visible(user, INSPECTION_VIEW, base, unit_field="inspected_units")
    return Inspection.objects.filter(
        Q(pk__in=made.values("pk")) | Q(pk__in=received.values("pk"))
    ).select_related("org_unit")


def search_inspections(user, filters: InspectionFilters) -> QuerySet[Inspection]:
    qs = visible_inspections(user)
    if filters.year:
        qs = qs.filter(started_on__year=filters.year)
    if filters.unit is not None:
        path = filters.unit.path
        qs = qs.filter(
            Q(org_unit__path__startswith=path)
            | Q(
                pk__in=Inspection.objects.filter(inspected_units__path__startswith=path).values(
                    "pk"
                )
            )
        )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    for word in filters.text.split():
        qs = qs.filter(Q(title__icontains=word) | Q(plan__icontains=word))
    return qs.prefetch_related("inspected_units")


def inspection_for(user, pk: int) -> Inspection:
    inspection = get_object_or_404(visible_inspections(user), pk=pk)
    return inspection


def can_edit_inspection(user, inspection: Inspection | None = None) -> bool:
    if inspection is None:
        return units_for(user, INSPECTION_EDIT).exists()
    return has_permission(user, INSPECTION_EDIT, inspection.org_unit)


def editable_inspection_for(user, pk: int) -> Inspection:
    inspection = inspection_for(user, pk)
    if not can_edit_inspection(user, inspection):
        raise Http404
    return inspection


def follow_up_for(user, pk: int) -> FollowUp:
    item = get_object_or_404(
        FollowUp.objects.select_related("inspection__org_unit", "responsible_unit"), pk=pk
    )
    inspection_for(user, item.inspection_id)
    return item


def file_for(user, pk: int) -> InspectionFile:
    attachment = get_object_or_404(InspectionFile, pk=pk)
    inspection_for(user, attachment.inspection_id)
    return attachment


def inspection_units(user) -> QuerySet[OrgUnit]:
    """Units whose inspections the user records."""
    return units_for(user, INSPECTION_EDIT).order_by("path")


def inspectable_units(user, keep=()) -> QuerySet[OrgUnit]:
    """Units that may be named as inspected: the user's editing scope and the units under it,
    and the units an inspection already names."""
    paths = [u.path for u in inspection_units(user)]
    condition = Q(pk__in=[getattr(u, "pk", u) for u in keep])
    for path in paths:
        condition |= Q(path__startswith=path)
    if not paths and not keep:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(condition).order_by("path")


def viewable_inspection_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, INSPECTION_VIEW).order_by("path")


def viewable_unit(user, permission: str, pk: int | None) -> OrgUnit:
    unit = units_for(user, permission).filter(pk=pk).first() if pk else None
    if unit is None:
        raise Http404
    return unit


def inspection_years(user) -> list[int]:
    found = {d.year for d in visible_inspections(user).order_by().dates("started_on", "year")}
    found.add(timezone.localdate().year)
    return sorted(found, reverse=True)


def filter_units(user, permission: str, records: QuerySet) -> QuerySet[OrgUnit]:
    """The units offered in a filter: those of the records and the units above them within
    the user's scope."""
    paths = records.order_by().values_list("org_unit__path", flat=True).distinct()
    ids = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    return units_for(user, permission).filter(pk__in=ids).order_by("path")


def inspection_counts(user, unit: OrgUnit, year: int) -> dict:
    """Inspections begun in the year by the unit's subtree, their follow-up items, one query
    each."""
    qs = visible_inspections(user).filter(
        started_on__year=year, org_unit__path__startswith=unit.path
    )
    counts = qs.aggregate(
        total=Count("pk", distinct=True),
        inspections=Count("pk", filter=Q(kind="inspection"), distinct=True),
        checks=Count("pk", filter=Q(kind="check"), distinct=True),
        law=Count("pk", filter=Q(scope_law=True), distinct=True),
        strategy=Count("pk", filter=Q(scope_strategy=True), distinct=True),
        dv=Count("pk", filter=Q(scope_dv=True), distinct=True),
    )
    counts.update(
        FollowUp.objects.filter(inspection__in=qs.values("pk")).aggregate(
            follow_ups=Count("pk"),
            follow_ups_done=Count("pk", filter=Q(status=FollowUpStatus.DONE)),
        )
    )
    return counts


# ---------------------------------------------------------------- complaints


@dataclass
class ComplaintFilters:
    year: int | None = None
    unit: OrgUnit | None = None
    kind: str = ""
    open_only: bool = False


def visible_complaints(user) -> QuerySet[Complaint]:
    return visible(user, COMPLAINT_VIEW, Complaint.objects.select_related("org_unit"))


def _open(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return qs.exclude(acceptance="refused").filter(concluded_on__isnull=True)


def search_complaints(user, filters: ComplaintFilters) -> QuerySet[Complaint]:
    qs = visible_complaints(user)
    if filters.year:
        qs = qs.filter(received_on__year=filters.year)
    if filters.unit is not None:
        qs = qs.filter(org_unit__path__startswith=filters.unit.path)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.open_only:
        qs = _open(qs)
    return qs


def complaint_for(user, pk: int) -> Complaint:
    return get_object_or_404(visible_complaints(user), pk=pk)


def may_handle(user, complaint: Complaint) -> bool:
    if not has_permission(user, COMPLAINT_HANDLE, complaint.org_unit):
        return False
    return user.is_superuser or complaint.handlers.filter(pk=user.pk).exists()


def handled_complaint_for(user, pk: int) -> Complaint:
    """A complaint the user handles; 404 otherwise (a reader who does not handle it may not
    change it)."""
    complaint = complaint_for(user, pk)
    if not may_handle(user, complaint):
        raise Http404
    return complaint


def complaint_units(user) -> QuerySet[OrgUnit]:
    """Units whose complaints the user may register."""
    return units_for(user, COMPLAINT_HANDLE).order_by("path")


def complaint_years(user) -> list[int]:
    found = {d.year for d in visible_complaints(user).order_by().dates("received_on", "year")}
    found.add(timezone.localdate().year)
    return sorted(found, reverse=True)


def _identities(user, complaint: Complaint) -> QuerySet[ComplainantIdentity]:
    return visible(
        user,
        COMPLAINT_IDENTITY,
        ComplainantIdentity.objects.filter(complaint=complaint),
        unit_field="complaint__org_unit",
    )


def may_see_identity(user, complaint: Complaint) -> bool:
    return _identities(user, complaint).exists()


def identity_for(user, complaint: Complaint) -> ComplainantIdentity:
    """The complainant's identity, for a handler of the complaint (404 for anyone else). The
    caller records the look in the audit log."""
    identity = _identities(user, complaint).first()
    if identity is None:
        raise Http404
    return identity


def handlers(complaint: Complaint) -> list:
    return list(complaint.handlers.order_by("full_name", "username"))


def eligible_handlers(complaint: Complaint) -> list:
    """People who may handle complaints of the complaint's unit (placed on it or above it)."""
    unit = complaint.org_unit
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    current = {u.pk for u in complaint.handlers.all()}
    return [
        u
        for u in members_of(ids).order_by("full_name", "username")
        if u.pk not in current and has_permission(u, COMPLAINT_HANDLE, unit)
    ]


def user_by_id(pk: int | None):
    if pk is None:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def complaint_counts(user, unit: OrgUnit, year: int) -> dict:
    qs = visible_complaints(user).filter(
        received_on__year=year, org_unit__path__startswith=unit.path
    )
    return qs.aggregate(
        total=Count("pk"),
        complaints=Count("pk", filter=Q(kind="complaint")),
        denunciations=Count("pk", filter=Q(kind="denunciation")),
        refused=Count("pk", filter=Q(acceptance="refused")),
        concluded=Count("pk", filter=Q(concluded_on__isnull=False)),
        upheld=Count("pk", filter=Q(outcome__in=["upheld", "partly"])),
    )


@dataclass
class DueStep:
    complaint: Complaint
    deadline: deadlines.Deadline

    @property
    def overdue(self) -> bool:
        return self.deadline.due < timezone.localdate()


def my_due_complaints(user) -> list[DueStep]:
    """Open complaints the user handles, with the deadline of their next step; those of a unit
    that has since closed (a commune merged on 1/7/2025) are the record, not work. One query."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    qs = _open(visible_complaints(user).filter(handlers=user)).exclude(org_unit__valid_to__lt=today)
    steps = []
    for complaint in qs:
        deadline = deadlines.next_deadline(complaint)
        if deadline is not None and has_permission(user, COMPLAINT_HANDLE, complaint.org_unit):
            steps.append(DueStep(complaint, deadline))
    return sorted(steps, key=lambda s: s.deadline.due)


def complaints_to_remind(today: datetime.date) -> list[DueStep]:
    """Open complaints whose next deadline falls within the next REMIND_DAYS_BEFORE days,
    today included (for the background reminder, which has no user). A deadline already
    passed is not reminded: it shows as overdue in its handlers' work."""
    out = []
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    for complaint in _open(Complaint.objects.select_related("org_unit")):
        deadline = deadlines.next_deadline(complaint)
        if deadline is not None and today <= deadline.due <= horizon:
            out.append(DueStep(complaint, deadline))
    return out


def my_open_follow_ups(user) -> QuerySet[FollowUp]:
    """Open follow-up items, with a due date, of the units the user is placed on and records
    inspections for (a district office is not given every commune's items)."""
    units = placed_on(user, units_for(user, INSPECTION_EDIT)).exclude(
        valid_to__lt=timezone.localdate()
    )
    return (
        FollowUp.objects.filter(
            status=FollowUpStatus.OPEN, due_on__isnull=False, responsible_unit__in=units
        )
        .select_related("inspection", "responsible_unit")
        .order_by("due_on")
    )


def viewable_complaint_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, COMPLAINT_VIEW)

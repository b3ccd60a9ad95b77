"""Reads of the committees, given the user (out of scope is a 404)."""

from datetime import date

from django.db.models import Count, Q
from django.http import Http404

from binhdang.accounts.scoping import units_for, visible

from .models import Committee, Decision, ItemStatus, Meeting, ProgrammeItem
from .permissions import CFAW_VIEW
from .services import members_on


def committee_units(user):
    return units_for(user, CFAW_VIEW)


def committees(user, *, level: str = "", text: str = ""):
    qs = visible(user, CFAW_VIEW, Committee.objects.select_related("org_unit"))
    if level:
        qs = qs.filter(level=level)
    if text:
        qs = qs.filter(name__icontains=text)
    return qs.order_by("org_unit__path")


def with_counts(qs, on: date):
    """Committees with the number of members and of women members running on `on`."""
    running = Q(members__starts_on__lte=on) & (
        Q(members__ends_on__isnull=True) | Q(members__ends_on__gte=on)
    )
    return qs.annotate(
        member_count=Count("members", filter=running),
        women_count=Count("members", filter=running & Q(members__sex="female")),
    )


def committee_for(user, pk: int) -> Committee:
    committee = committees(user).filter(pk=pk).first()
    if committee is None:
        raise Http404
    return committee


def decision_for(user, pk: int) -> Decision:
    decision = (
        visible(
            user, CFAW_VIEW, Decision.objects.select_related("committee"),
            unit_field="committee__org_unit",
        )
        .filter(pk=pk)
        .first()
    )  # fmt: skip
    if decision is None:
        raise Http404
    return decision


def committee_page(committee: Committee, on: date, year: int) -> dict:
    """What the committee's page shows for a date and a programme year."""
    return {
        "members": list(members_on(committee, on).select_related("opened_by")),
        "decisions": list(committee.decisions.all()),
        "items": list(
            ProgrammeItem.objects.filter(committee=committee, year=year).select_related(
                "lead_member"
            )
        ),
        "meetings": list(Meeting.objects.filter(committee=committee, held_on__year=year)),
        "done": ProgrammeItem.objects.filter(
            committee=committee, year=year, status=ItemStatus.DONE
        ).count(),
    }

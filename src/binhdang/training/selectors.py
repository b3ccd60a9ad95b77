"""Reads of training records, given the user, scoped through `accounts.scoping`."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from binhdang.accounts.scoping import has_permission, units_for, visible
from binhdang.orgunits.models import OrgUnit

from .models import Course, Participant
from .permissions import TRAINING_EDIT, TRAINING_VIEW


@dataclass
class CourseFilters:
    unit: int | None = None
    year: int | None = None
    topic: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


def visible_courses(user) -> QuerySet[Course]:
    return visible(user, TRAINING_VIEW, Course.objects.all())


def search_courses(user, filters: CourseFilters) -> QuerySet[Course]:
    qs = visible_courses(user).select_related("org_unit")
    if filters.unit:
        qs = qs.filter(org_unit_id=filters.unit)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    if filters.topic:
        qs = qs.filter(topic=filters.topic)
    if filters.date_from:
        qs = qs.filter(starts_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(starts_on__lte=filters.date_to)
    if filters.text:
        qs = qs.filter(Q(title__icontains=filters.text) | Q(trainers__icontains=filters.text))
    return qs


def course_for(user, pk: int) -> Course:
    found = (
        visible_courses(user).select_related("org_unit", "task__directive").filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def can_edit(user, unit: OrgUnit) -> bool:
    return has_permission(user, TRAINING_EDIT, unit)


def editable_course_for(user, pk: int) -> Course:
    found = course_for(user, pk)
    if not can_edit(user, found.org_unit):
        raise Http404
    return found


def participants(user, course: Course) -> QuerySet[Participant]:
    return Participant.objects.filter(course__in=visible_courses(user), course=course)


def participant_for(user, pk: int) -> Participant:
    found = (
        Participant.objects.filter(course__in=visible_courses(user), pk=pk)
        .select_related("course__org_unit")
        .first()
    )
    if found is None:
        raise Http404
    return found


def editable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, TRAINING_EDIT).order_by("path")


def readable_units(user) -> QuerySet[OrgUnit]:
    return units_for(user, TRAINING_VIEW).order_by("path")


def may_record(user) -> bool:
    return has_permission(user, TRAINING_EDIT)


def course_years(user) -> list[int]:
    return sorted({d.year for d in visible_courses(user).dates("starts_on", "year")}, reverse=True)


def totals(qs: QuerySet[Course]) -> dict:
    out = qs.aggregate(
        courses=Count("id"),
        participants_total=Sum("participants_total"),
        participants_women=Sum("participants_women"),
        participants_ethnic=Sum("participants_ethnic"),
        pos_gender_cadre=Sum("pos_gender_cadre"),
        pos_cfaw_district=Sum("pos_cfaw_district"),
        pos_cfaw_commune=Sum("pos_cfaw_commune"),
        pos_council_deputy=Sum("pos_council_deputy"),
        pos_women_leader=Sum("pos_women_leader"),
        pos_other=Sum("pos_other"),
        units=Count("org_unit", distinct=True),
    )
    return {k: v or 0 for k, v in out.items()}

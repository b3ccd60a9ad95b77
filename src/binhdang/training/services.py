"""Every change to training records: checked, in one transaction, with an audit entry; a
refusal is a TrainingError with a Vietnamese message and nothing changed."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.communication.selectors import task_allowed
from binhdang.formats.numbers import NumberError, parse_number
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import OrgUnit

from .errors import TrainingError
from .models import POSITION_FIELDS, Course, CourseFormat, CourseTopic, Participant, Position, Sex
from .permissions import TRAINING_EDIT

MAX_COUNT = 1_000_000
COUNT_FIELDS = ("participants_total", "participants_women", "participants_ethnic") + tuple(
    POSITION_FIELDS.values()
)
TEXT_FIELDS = {"title": 300, "place": 200, "trainers": 300, "notes": 10_000}


def _whole(value, field: str) -> int:
    try:
        number = parse_number(value, integer=True)
    except NumberError as exc:
        raise TrainingError(exc.message, field) from exc
    if number is None:
        return 0
    if number < 0 or number > MAX_COUNT:
        raise TrainingError(_("Enter a number between 0 and 1.000.000."), field)
    return int(number)


def _decimal(value, field: str, maximum: Decimal) -> Decimal | None:
    try:
        number = parse_number(value, percent=True)
    except NumberError as exc:
        raise TrainingError(exc.message, field) from exc
    if number is None:
        return None
    if number < 0 or number > maximum:
        raise TrainingError(
            _("Enter a number between 0 and %(max)s.") % {"max": str(maximum).replace(".", ",")},
            field,
        )
    return number.quantize(Decimal("0.01"))


def _text(value, field: str, max_length: int) -> str:
    try:
        return clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise TrainingError(exc.message, field) from exc


def _require_edit(actor, unit: OrgUnit | None) -> None:
    if unit is None or not has_permission(actor, TRAINING_EDIT, unit):
        raise TrainingError(_("You may not record courses for this unit."), "org_unit")


def clean_course(actor, data: dict[str, Any], *, from_list: bool = False) -> dict[str, Any]:
    """The checked values of a course from a form, the API or a spreadsheet row. With
    `from_list` the participant counts are left out (they come from the list)."""
    unit = data.get("org_unit")
    _require_edit(actor, unit)
    values: dict[str, Any] = {"org_unit": unit}
    starts_on = data.get("starts_on")
    if not isinstance(starts_on, date):
        raise TrainingError(_("Enter the date of the course."), "starts_on")
    ends_on = data.get("ends_on") or None
    if ends_on is not None and ends_on < starts_on:
        raise TrainingError(_("The end date is before the start date."), "ends_on")
    values["starts_on"], values["ends_on"] = starts_on, (None if ends_on == starts_on else ends_on)
    if not OrgUnit.objects.active(starts_on).filter(pk=unit.pk).exists():
        raise TrainingError(
            _("%(unit)s did not exist on %(day)s.")
            % {"unit": unit.name, "day": starts_on.strftime("%d/%m/%Y")},
            "org_unit",
        )
    for field, max_length in TEXT_FIELDS.items():
        values[field] = _text(data.get(field, ""), field, max_length)
    if not values["title"]:
        raise TrainingError(_("Name the course."), "title")
    topic = data.get("topic") or ""
    if topic not in CourseTopic.values:
        raise TrainingError(_("Choose a topic."), "topic")
    values["topic"] = topic
    fmt = data.get("format") or CourseFormat.IN_PERSON
    if fmt not in CourseFormat.values:
        raise TrainingError(_("Choose a format."), "format")
    values["format"] = fmt
    task = data.get("task")
    if task is not None and not task_allowed(actor, task):
        raise TrainingError(_("Choose a task of a directive you can read."), "task")
    values["task"] = task
    if not from_list:
        for field in COUNT_FIELDS:
            values[field] = _whole(data.get(field), field)
        check_counts(values)
    values["satisfaction_pct"] = _decimal(
        data.get("satisfaction_pct"), "satisfaction_pct", Decimal(100)
    )
    values["pre_test_mean"] = _decimal(data.get("pre_test_mean"), "pre_test_mean", Decimal(100))
    values["post_test_mean"] = _decimal(data.get("post_test_mean"), "post_test_mean", Decimal(100))
    return values


def check_counts(values: dict) -> None:
    total = values["participants_total"]
    if values["participants_women"] > total:
        raise TrainingError(
            _("Women (%(women)s) cannot be more than the participants (%(total)s).")
            % {"women": values["participants_women"], "total": total},
            "participants_women",
        )
    if values["participants_ethnic"] > total:
        raise TrainingError(
            _(
                "Ethnic-minority participants (%(ethnic)s) cannot be more than the participants (%(total)s)."
            )
            % {"ethnic": values["participants_ethnic"], "total": total},
            "participants_ethnic",
        )
    by_position = sum(values[f] for f in POSITION_FIELDS.values())
    if by_position > total:
        raise TrainingError(
            _("The participants by position (%(sum)s) are more than the participants (%(total)s).")
            % {"sum": by_position, "total": total},
            "pos_other",
        )


def course_create(*, actor, data: dict[str, Any]) -> Course:
    values = clean_course(actor, data)
    with transaction.atomic():
        course = Course.objects.create(**values, created_by=actor)
        record(
            actor=actor,
            action="training.course_create",
            obj=course,
            org_unit=course.org_unit,
            changes={k: v for k, v in values.items() if v not in ("", 0, None)},
        )
    return course


def course_update(*, actor, course: Course, data: dict[str, Any]) -> Course:
    _require_edit(actor, course.org_unit)
    values = clean_course(actor, data, from_list=course.from_list)
    with transaction.atomic():
        changes = diff(course, values)
        for field, value in values.items():
            setattr(course, field, value)
        course.save()
        record(
            actor=actor,
            action="training.course_update",
            obj=course,
            org_unit=course.org_unit,
            changes=changes,
        )
    return course


def course_delete(*, actor, course: Course) -> None:
    _require_edit(actor, course.org_unit)
    with transaction.atomic():
        record(
            actor=actor,
            action="training.course_delete",
            obj=course,
            org_unit=course.org_unit,
            changes={"title": course.title, "starts_on": course.starts_on},
        )
        course.delete()


def _recount(course: Course) -> dict:
    """The course's counts from its list of participants, in one query."""
    people = Participant.objects.filter(course=course)
    aggregates = {
        "participants_total": Count("id"),
        "participants_women": Count("id", filter=Q(sex=Sex.FEMALE)),
        "participants_ethnic": Count("id", filter=Q(ethnic_minority=True)),
    }
    for position, field in POSITION_FIELDS.items():
        aggregates[field] = Count("id", filter=Q(position=position))
    counts = people.aggregate(**aggregates)
    from_list = counts["participants_total"] > 0
    for field, value in counts.items():
        setattr(course, field, value)
    course.from_list = from_list
    course.save(update_fields=[*counts, "from_list", "updated_at"])
    return counts


def participant_add(*, actor, course: Course, data: dict[str, Any]) -> Participant:
    """Add a person to the course's list; the course's counts are then the list's."""
    _require_edit(actor, course.org_unit)
    name = _text(data.get("full_name"), "full_name", 200)
    if not name:
        raise TrainingError(_("Enter the participant's name."), "full_name")
    sex = data.get("sex") or ""
    if sex not in Sex.values:
        raise TrainingError(_("Choose the participant's sex."), "sex")
    position = data.get("position") or ""
    if position not in Position.values:
        raise TrainingError(_("Choose the participant's position."), "position")
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        person = Participant.objects.create(
            course=locked,
            full_name=name,
            sex=sex,
            ethnic_minority=bool(data.get("ethnic_minority")),
            position=position,
            workplace=_text(data.get("workplace"), "workplace", 200),
        )
        counts = _recount(locked)
        record(
            actor=actor,
            action="training.participant_add",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"participant": name, "counts": counts},
        )
    course.refresh_from_db()
    return person


def participant_remove(*, actor, participant: Participant) -> None:
    course = participant.course
    _require_edit(actor, course.org_unit)
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        name = participant.full_name
        participant.delete()
        counts = _recount(locked)
        record(
            actor=actor,
            action="training.participant_remove",
            obj=locked,
            org_unit=locked.org_unit,
            changes={"participant": name, "counts": counts},
        )

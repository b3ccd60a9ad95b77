"""/api/v1/training/: courses, scoped like the pages (out of scope is 404)."""

from datetime import date
from decimal import Decimal

from ninja import Field, Path, Query, Router, Schema, Status

from binhdang.communication.selectors import task_choices
from binhdang.core.api import MAX_ID, ErrorOut, UnitRef, chosen, recording_unit, unit_ref

from . import selectors, services
from .errors import TrainingError
from .models import POSITION_FIELDS, CourseFormat, CourseTopic

router = Router(tags=["training"])
PREFIX = "training"


class CourseOut(Schema):
    id: int
    org_unit: UnitRef
    title: str
    topic: CourseTopic
    starts_on: date
    ends_on: date | None
    format: CourseFormat
    place: str
    trainers: str
    task_id: int | None
    participants_total: int
    participants_women: int
    participants_ethnic: int
    by_position: dict[str, int]
    from_list: bool = Field(..., description="Counts computed from the list of participants")
    satisfaction_pct: Decimal | None
    pre_test_mean: Decimal | None
    post_test_mean: Decimal | None
    notes: str


class CourseIn(Schema):
    org_unit_id: int = Field(..., ge=1, le=MAX_ID)
    title: str = Field(..., max_length=300)
    topic: CourseTopic
    starts_on: date
    ends_on: date | None = None
    format: CourseFormat = CourseFormat.IN_PERSON
    place: str = Field("", max_length=200)
    trainers: str = Field("", max_length=300)
    task_id: int | None = Field(None, ge=1, le=MAX_ID)
    participants_total: int | str = 0
    participants_women: int | str = 0
    participants_ethnic: int | str = 0
    pos_gender_cadre: int | str = 0
    pos_cfaw_district: int | str = 0
    pos_cfaw_commune: int | str = 0
    pos_council_deputy: int | str = 0
    pos_women_leader: int | str = 0
    pos_other: int | str = 0
    satisfaction_pct: Decimal | str | None = None
    pre_test_mean: Decimal | str | None = None
    post_test_mean: Decimal | str | None = None
    notes: str = Field("", max_length=10_000)


def _course(c) -> dict:
    return {
        "id": c.pk,
        "org_unit": unit_ref(c.org_unit),
        "by_position": {str(p): getattr(c, f) for p, f in POSITION_FIELDS.items()},
        **{
            f: getattr(c, f)
            for f in (
                "title",
                "topic",
                "starts_on",
                "ends_on",
                "format",
                "place",
                "trainers",
                "task_id",
                "participants_total",
                "participants_women",
                "participants_ethnic",
                "from_list",
                "satisfaction_pct",
                "pre_test_mean",
                "post_test_mean",
                "notes",
            )
        },  # fmt: skip
    }


@router.get("/courses", response=list[CourseOut], summary="Courses the caller reads")
def list_courses(
    request,
    unit: int | None = Query(None, ge=1, le=MAX_ID),
    year: int | None = Query(None, ge=1900, le=2200),
    topic: CourseTopic | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    filters = selectors.CourseFilters(
        unit=unit, year=year, topic=topic or "", date_from=date_from, date_to=date_to
    )
    qs = selectors.search_courses(request.user, filters)
    return [_course(c) for c in qs[offset : offset + limit]]


@router.get("/courses/{course_id}", response=CourseOut, summary="One course")
def get_course(request, course_id: int = Path(..., ge=1, le=MAX_ID)):
    return _course(selectors.course_for(request.user, course_id))


@router.post(
    "/courses",
    response={201: CourseOut, 400: ErrorOut},
    summary="Record a course of a unit the caller records for",
)
def create_course(request, payload: CourseIn):
    unit = recording_unit(selectors.editable_units(request.user), payload.org_unit_id)
    data = payload.dict()
    data["org_unit"] = unit
    data["task"] = chosen(task_choices(request.user), payload.task_id)
    if payload.task_id and data["task"] is None:
        from django.utils.translation import gettext as _

        return Status(400, {"detail": _("Choose a task of a directive you can read.")})
    try:
        course = services.course_create(actor=request.user, data=data)
    except TrainingError as exc:
        return Status(400, {"detail": exc.message})
    return Status(201, _course(selectors.course_for(request.user, course.pk)))

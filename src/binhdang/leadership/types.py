"""The kinds of leadership record: fields, checks and who reads and records them."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    DISTRICT_ENDS,
    Audience,
    BodyKind,
    CouncilDeputies,
    Leader,
    LeadershipPost,
    LeaderTraining,
    Level,
    PlanningCadre,
    PlanningTerm,
    Post,
    Sex,
    Term,
)
from .permissions import LEADERSHIP_RECORD, LEADERSHIP_VIEW, PEOPLE_VIEW
from .records import Field, RecordType

AS_OF = Field("as_of", gettext_lazy("as of"), "date", help=gettext_lazy("dd/mm/yyyy"), width=14)
LEVEL = Field("level", gettext_lazy("level"), "choice", choices=Level.choices, width=22)
BODY_KIND = Field(
    "body_kind", gettext_lazy("kind of body"), "choice", choices=BodyKind.choices, width=28
)
BODY_NAME = Field(
    "body_name",
    gettext_lazy("body"),
    max_length=200,
    help=gettext_lazy("e.g. Ủy ban nhân dân xã Phú Linh"),
    width=36,
)
POST = Field("post", gettext_lazy("post"), "choice", choices=Post.choices, width=12)
TOTAL = Field("total", gettext_lazy("held by"), "int", width=10)
WOMEN = Field("women", gettext_lazy("of whom women"), "int", width=10)
ETHNIC = Field("ethnic_minority", gettext_lazy("of whom ethnic minority"), "int", width=12)


def check_level(unit, values, instance) -> dict[str, str]:
    """The district level ended on 1/7/2025."""
    when = values.get("as_of") or values.get("held_on")
    if values.get("level") == Level.DISTRICT and when is not None and when >= DISTRICT_ENDS:
        return {
            "level": _(
                "There is no district level from 1/7/2025: choose the province or the commune."
            )
        }
    return {}


def _refuse_counted(obj) -> str:
    if getattr(obj, "from_list", False):
        return _(
            "These counts are computed from the unit's list of leaders: change the list instead."
        )
    return ""


def _recount(actor, unit, obj) -> None:
    from .services import recount_from_list

    recount_from_list(actor=actor, unit=unit)


POSTS = RecordType(
    slug="posts",
    model=LeadershipPost,
    label=gettext_lazy("Leadership posts"),
    title="CHỨC DANH LÃNH ĐẠO, QUẢN LÝ THEO GIỚI TÍNH",
    fields=(AS_OF, LEVEL, BODY_KIND, BODY_NAME, POST, TOTAL, WOMEN, ETHNIC),
    view_permission=LEADERSHIP_VIEW,
    record_permission=LEADERSHIP_RECORD,
    date_field="as_of",
    audit_name="leadership.post",
    parts=(("women", "total"), ("ethnic_minority", "total")),
    unique=("as_of", "body_kind", "body_name", "post"),
    filter_field="body_kind",
    check=check_level,
    refuse_edit=_refuse_counted,
)

PEOPLE = RecordType(
    slug="people",
    model=Leader,
    label=gettext_lazy("List of leaders"),
    title="DANH SÁCH CÁN BỘ LÃNH ĐẠO, QUẢN LÝ",
    fields=(
        AS_OF,
        LEVEL,
        BODY_KIND,
        BODY_NAME,
        POST,
        Field("full_name", gettext_lazy("full name"), max_length=120, width=28),
        Field("sex", gettext_lazy("sex"), "choice", choices=Sex.choices, width=10),
        Field("ethnic_minority", gettext_lazy("ethnic minority"), "bool", width=12),
        Field("birth_year", gettext_lazy("year of birth"), "year", required=False, width=10),
    ),
    view_permission=PEOPLE_VIEW,
    record_permission=PEOPLE_VIEW,
    date_field="as_of",
    audit_name="leadership.leader",
    filter_field="body_kind",
    check=check_level,
    after=_recount,
    audit_reads=True,
    detail_note=gettext_lazy(
        "Only the unit's personnel officers read this list. The unit's counts of leadership "
        "posts on each date of the list are computed from it."
    ),
)

DEPUTIES = RecordType(
    slug="deputies",
    model=CouncilDeputies,
    label=gettext_lazy("People's Council deputies"),
    title="ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN THEO GIỚI TÍNH",
    fields=(
        Field("term", gettext_lazy("term"), "choice", choices=Term.choices, width=12),
        AS_OF,
        LEVEL,
        Field("total", gettext_lazy("deputies"), "int", width=10),
        WOMEN,
        ETHNIC,
    ),
    view_permission=LEADERSHIP_VIEW,
    record_permission=LEADERSHIP_RECORD,
    date_field="as_of",
    audit_name="leadership.deputies",
    parts=(("women", "total"), ("ethnic_minority", "total")),
    unique=("term", "as_of"),
    check=check_level,
)

PLANNING = RecordType(
    slug="planning",
    model=PlanningCadre,
    label=gettext_lazy("Cadres in the planning"),
    title="CÁN BỘ TRONG DIỆN QUY HOẠCH THEO GIỚI TÍNH",
    fields=(
        Field(
            "term", gettext_lazy("planning term"), "choice", choices=PlanningTerm.choices, width=12
        ),
        AS_OF,
        LEVEL,
        BODY_KIND,
        POST,
        Field("total", gettext_lazy("cadres in the planning"), "int", width=10),
        WOMEN,
        Field("young", gettext_lazy("of whom young (under 40)"), "int", width=12),
        ETHNIC,
    ),
    view_permission=LEADERSHIP_VIEW,
    record_permission=LEADERSHIP_RECORD,
    date_field="as_of",
    audit_name="leadership.planning",
    parts=(("women", "total"), ("young", "total"), ("ethnic_minority", "total")),
    unique=("term", "as_of", "body_kind", "post"),
    filter_field="body_kind",
    check=check_level,
)

TRAINING = RecordType(
    slug="training",
    model=LeaderTraining,
    label=gettext_lazy("Training of women leaders"),
    title="BỒI DƯỠNG NỮ LÃNH ĐẠO, QUẢN LÝ",
    fields=(
        Field("held_on", gettext_lazy("held on"), "date", width=14),
        Field("title", gettext_lazy("course"), max_length=300, width=40),
        Field("audience", gettext_lazy("for"), "choice", choices=Audience.choices, width=28),
        Field("participants", gettext_lazy("participants"), "int", width=10),
        WOMEN,
        Field(
            "course_ref",
            gettext_lazy("training course (reference)"),
            required=False,
            max_length=200,
            help=gettext_lazy("The course in the training records, when it is there."),
            width=24,
        ),
    ),
    view_permission=LEADERSHIP_VIEW,
    record_permission=LEADERSHIP_RECORD,
    date_field="held_on",
    audit_name="leadership.training",
    parts=(("women", "participants"),),
    filter_field="audience",
)

TYPES: dict[str, RecordType] = {t.slug: t for t in (POSTS, PEOPLE, DEPUTIES, PLANNING, TRAINING)}

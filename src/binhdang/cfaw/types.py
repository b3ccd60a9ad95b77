"""The kinds of CFAW record kept through the shared record pages: members (the committee's
first composition, or a correction), its work programme and its meetings. A change of
membership by decision is `services.reconstitute`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.formats.numbers import parse_id
from binhdang.formats.text import fold
from binhdang.leadership.records import Field, RecordError, RecordType

from .models import Committee, CommitteePost, ItemStatus, Meeting, Member, ProgrammeItem, Sex
from .permissions import CFAW_MANAGE, CFAW_VIEW


def _bind(obj, unit) -> None:
    committee = Committee.objects.filter(org_unit=unit).first()
    if committee is None:
        raise RecordError(_("The unit has no committee yet: create it first."))
    obj.committee = committee


def _member_options(unit_ids):
    members = Member.objects.filter(committee__org_unit_id__in=list(unit_ids)).order_by(
        "ends_on", "post", "full_name"
    )
    return [(str(m.pk), str(m)) for m in members[:300]]


def _member_lookup(unit, text: str):
    members = Member.objects.filter(committee__org_unit=unit)
    pk = parse_id(text)
    if pk is not None:
        return members.filter(pk=pk).first() if 0 < pk <= 2**62 else None
    wanted = fold(text)
    running = [m for m in members.filter(ends_on__isnull=True) if fold(m.full_name) == wanted]
    if running:
        return running[0]
    return next((m for m in members if fold(m.full_name) == wanted or fold(str(m)) == wanted), None)


def _check_member(unit, values, instance) -> dict[str, str]:
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        return {"ends_on": _("The end cannot be before the start.")}
    return {}


def _refuse_decided(obj) -> str:
    if obj.opened_by_id or obj.closed_by_id:
        return _(
            "This membership was opened or closed by a kiện toàn decision: a change of it is "
            "another decision, recorded on the committee's page."
        )
    return ""


MEMBERS = RecordType(
    slug="members",
    model=Member,
    label=gettext_lazy("Committee members"),
    title="THÀNH VIÊN BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ",
    fields=(
        Field("full_name", gettext_lazy("full name"), max_length=120, width=28),
        Field("post", gettext_lazy("post in the committee"), "choice", choices=CommitteePost.choices, width=18),
        Field("from_body", gettext_lazy("body they come from"), max_length=200, width=32),
        Field("job_title", gettext_lazy("title in that body"), required=False, max_length=200, width=24),
        Field("sex", gettext_lazy("sex"), "choice", choices=Sex.choices, width=10),
        Field("starts_on", gettext_lazy("from"), "date", width=14),
        Field("ends_on", gettext_lazy("to"), "date", required=False, width=14),
    ),
    view_permission=CFAW_VIEW,
    record_permission=CFAW_MANAGE,
    date_field="starts_on",
    audit_name="cfaw.member",
    unit_field="committee__org_unit",
    filter_field="post",
    bind=_bind,
    check=_check_member,
    refuse_edit=_refuse_decided,
    detail_note=gettext_lazy(
        "A change of the committee decided by a kiện toàn decision is recorded on the "
        "committee's page (“Record a kiện toàn decision”): it closes and opens memberships at once."
    ),
    app="cfaw",
)  # fmt: skip

ITEMS = RecordType(
    slug="programme",
    model=ProgrammeItem,
    label=gettext_lazy("Work programme"),
    title="CHƯƠNG TRÌNH CÔNG TÁC CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ",
    fields=(
        Field("year", gettext_lazy("year"), "year", width=8),
        Field("title", gettext_lazy("work item"), max_length=500, width=50),
        Field(
            "lead_member", gettext_lazy("lead member"), "ref", required=False,
            options=_member_options, lookup=_member_lookup, width=28,
        ),
        Field("due_on", gettext_lazy("due"), "date", required=False, width=14),
        Field("status", gettext_lazy("status"), "choice", choices=ItemStatus.choices, width=16),
        Field("result", gettext_lazy("result"), required=False, max_length=500, in_list=False, width=40),
    ),
    view_permission=CFAW_VIEW,
    record_permission=CFAW_MANAGE,
    date_field="due_on",
    year_field="year",
    audit_name="cfaw.item",
    unit_field="committee__org_unit",
    filter_field="status",
    bind=_bind,
    app="cfaw",
)  # fmt: skip

MEETINGS = RecordType(
    slug="meetings",
    model=Meeting,
    label=gettext_lazy("Meetings"),
    title="CÁC CUỘC HỌP CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ",
    fields=(
        Field("held_on", gettext_lazy("held on"), "date", width=14),
        Field("title", gettext_lazy("meeting"), max_length=300, width=50),
        Field("attendees", gettext_lazy("members present"), "int", width=12),
        Field(
            "minutes", gettext_lazy("minutes"), "file", required=False,
            file_name_field="original_name", in_list=False,
            help=gettext_lazy("The minutes (pdf, docx, doc, jpg or png)."),
        ),
    ),
    view_permission=CFAW_VIEW,
    record_permission=CFAW_MANAGE,
    date_field="held_on",
    audit_name="cfaw.meeting",
    unit_field="committee__org_unit",
    bind=_bind,
    app="cfaw",
)  # fmt: skip

TYPES: dict[str, RecordType] = {t.slug: t for t in (MEMBERS, ITEMS, MEETINGS)}

"""The Excel layouts of the activity and role-model records (binhdang.core.sheets): the
template a unit fills, the all-or-nothing upload through the same service as the form, and
the export of what the user reads."""

from django.core.exceptions import ValidationError
from django.utils import translation

from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows

from . import selectors, services
from .errors import CommunicationError
from .models import Channel, CostSource, RoleModelKind, Topic


def vi_choices(choices) -> list[tuple[str, str]]:
    """(value, label) with the labels in Vietnamese, as the sheet prints them."""
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices if value]


def _task_label(task) -> str:
    return f"{task.directive.number_symbol} - {task.number}"


def activity_spec(user) -> SheetSpec:
    places = [(str(u.pk), u.name) for u in selectors.place_choices(user)]
    tasks = [(str(t.pk), _task_label(t)) for t in selectors.task_choices(user)[:500]]
    return SheetSpec(
        title="HOẠT ĐỘNG TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI",
        columns=(
            Column("org_unit", "Đơn vị", kind="unit", required=True, width=34,
                   help="Mã hoặc tên đơn vị, theo trang Đơn vị"),
            Column("title", "Tên hoạt động", required=True, width=40, max_length=300),
            Column("starts_on", "Ngày bắt đầu", kind="date", required=True, width=14),
            Column("ends_on", "Ngày kết thúc", kind="date", width=14),
            Column("channel", "Hình thức", kind="choice", required=True, choices=vi_choices(Channel.choices),
                   width=24),
            Column("topics", "Chủ đề", kind="choices", choices=vi_choices(Topic.choices), width=30,
                   help="Một hoặc nhiều chủ đề, cách nhau bằng dấu ;"),
            Column("place", "Xã tổ chức", kind="choice", choices=places, width=24),
            Column("place_detail", "Thôn, địa điểm", width=24, max_length=200),
            Column("task", "Nhiệm vụ theo văn bản chỉ đạo", kind="choice", choices=tasks, width=26),
            Column("audience_total", "Số người tham gia", kind="int", width=12),
            Column("audience_women", "Trong đó nữ", kind="int", width=12),
            Column("audience_ethnic", "Trong đó DTTS", kind="int", width=12),
            Column("leaflets", "Tờ rơi", kind="int", width=10),
            Column("banners", "Băng rôn, pano, áp phích", kind="int", width=12),
            Column("broadcasts", "Tin, bài phát thanh, truyền hình", kind="int", width=12),
            Column("articles", "Tin, bài trên mạng", kind="int", width=12),
            Column("cost", "Kinh phí (đồng)", kind="int", width=14),
            Column("cost_source", "Nguồn kinh phí", kind="choice",
                   choices=vi_choices(CostSource.choices), width=20),
            Column("result", "Kết quả", width=40, max_length=20_000),
        ),
    )  # fmt: skip


def _activity_data(row: dict) -> dict:
    data = {k: v for k, v in row.items() if not k.startswith("_")}
    for key in ("place", "task"):
        data[key] = None
    return data


def _choice_objects(user, row: dict) -> dict:
    data = _activity_data(row)
    if row.get("place"):
        data["place"] = selectors.place_choices(user).filter(pk=int(row["place"])).first()
    if row.get("task"):
        data["task"] = selectors.task_choices(user).filter(pk=int(row["task"])).first()
    data["topics"] = list(row.get("topics") or [])
    data["cost_source"] = row.get("cost_source") or ""
    for key in ("title", "place_detail", "result"):
        data[key] = row.get(key) or ""
    return data


def activity_template(user) -> bytes:
    return build_template(activity_spec(user), units=list(selectors.editable_units(user)))


def activity_import(user, uploaded) -> int:
    """Every row saved, or none (SheetRejected with every row's problem)."""

    def save(row):
        try:
            return services.activity_create(actor=user, data=_choice_objects(user, row))
        except CommunicationError as exc:
            raise ValidationError({exc.field: exc.message} if exc.field else exc.message) from exc

    return import_rows(
        activity_spec(user),
        uploaded,
        units=list(selectors.editable_units(user)),
        save_row=save,
    )


def activity_export(user, qs) -> bytes:
    rows = (
        {
            "org_unit": a.org_unit.name,
            "title": a.title,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "channel": a.channel,
            "topics": a.topic_list,
            "place": str(a.place_id) if a.place_id else "",
            "place_detail": a.place_detail,
            "task": str(a.task_id) if a.task_id else "",
            "audience_total": a.audience_total,
            "audience_women": a.audience_women,
            "audience_ethnic": a.audience_ethnic,
            "leaflets": a.leaflets,
            "banners": a.banners,
            "broadcasts": a.broadcasts,
            "articles": a.articles,
            "cost": a.cost,
            "cost_source": a.cost_source,
            "result": a.result,
        }
        for a in qs.select_related("org_unit")
    )
    return export_rows(activity_spec(user), rows)


def role_model_spec(user) -> SheetSpec:
    communes = [(str(u.pk), u.name) for u in selectors.place_choices(user)]
    return SheetSpec(
        title="GƯƠNG ĐIỂN HÌNH, NGƯỜI CÓ UY TÍN TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ",
        columns=(
            Column("org_unit", "Đơn vị ghi nhận", kind="unit", required=True, width=30),
            Column("kind", "Cá nhân/hộ gia đình", kind="choice", required=True,
                   choices=vi_choices(RoleModelKind.choices), width=16),
            Column("name", "Họ và tên (chủ hộ)", required=True, width=28, max_length=200),
            Column("ethnicity", "Dân tộc", width=14, max_length=60),
            Column("commune", "Xã", kind="choice", choices=communes, width=22),
            Column("village", "Thôn", width=20, max_length=200),
            Column("role", "Việc làm tiêu biểu", required=True, width=40, max_length=5000),
            Column("recognised_on", "Ngày công nhận", kind="date", width=14),
            Column("recognised_by", "Cơ quan công nhận", width=30, max_length=300),
        ),
    )  # fmt: skip


def role_model_template(user) -> bytes:
    return build_template(role_model_spec(user), units=list(selectors.editable_units(user)))


def role_model_import(user, uploaded) -> int:
    def save(row):
        data = {k: (v if v is not None else "") for k, v in row.items() if not k.startswith("_")}
        data["org_unit"] = row.get("org_unit")
        data["recognised_on"] = row.get("recognised_on")
        data["commune"] = (
            selectors.place_choices(user).filter(pk=int(row["commune"])).first()
            if row.get("commune")
            else None
        )
        try:
            return services.role_model_create(actor=user, data=data)
        except CommunicationError as exc:
            raise ValidationError({exc.field: exc.message} if exc.field else exc.message) from exc

    return import_rows(
        role_model_spec(user),
        uploaded,
        units=list(selectors.editable_units(user)),
        save_row=save,
    )


def role_model_export(user, qs) -> bytes:
    rows = (
        {
            "org_unit": r.org_unit.name,
            "kind": r.kind,
            "name": r.name,
            "ethnicity": r.ethnicity,
            "commune": str(r.commune_id) if r.commune_id else "",
            "village": r.village,
            "role": r.role,
            "recognised_on": r.recognised_on,
            "recognised_by": r.recognised_by,
        }
        for r in qs.select_related("org_unit")
    )
    return export_rows(role_model_spec(user), rows)

"""The Excel layout of the course records (binhdang.core.sheets): template, all-or-nothing
upload through the same service as the form, export."""

from django.core.exceptions import ValidationError

from binhdang.communication.selectors import task_choices
from binhdang.communication.sheets import vi_choices
from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows

from . import selectors, services
from .errors import TrainingError
from .models import CourseFormat, CourseTopic

POSITION_HEADERS = {
    "pos_gender_cadre": "CB làm công tác BĐG",
    "pos_cfaw_district": "Thành viên Ban VSTBPN huyện",
    "pos_cfaw_commune": "Thành viên Ban VSTBPN xã",
    "pos_council_deputy": "Đại biểu HĐND",
    "pos_women_leader": "Nữ lãnh đạo, quy hoạch",
    "pos_other": "Đối tượng khác",
}


def course_spec(user) -> SheetSpec:
    tasks = [
        (str(t.pk), f"{t.directive.number_symbol} - {t.number}") for t in task_choices(user)[:500]
    ]
    return SheetSpec(
        title="LỚP TẬP HUẤN, BỒI DƯỠNG VỀ BÌNH ĐẲNG GIỚI",
        columns=(
            Column("org_unit", "Đơn vị tổ chức", kind="unit", required=True, width=32),
            Column("title", "Tên lớp", required=True, width=40, max_length=300),
            Column("topic", "Chủ đề", kind="choice", required=True, choices=vi_choices(CourseTopic.choices), width=30),
            Column("starts_on", "Ngày bắt đầu", kind="date", required=True, width=14),
            Column("ends_on", "Ngày kết thúc", kind="date", width=14),
            Column("format", "Hình thức", kind="choice", choices=vi_choices(CourseFormat.choices), width=18),
            Column("place", "Địa điểm", width=24, max_length=200),
            Column("trainers", "Giảng viên", width=24, max_length=300),
            Column("task", "Nhiệm vụ theo văn bản chỉ đạo", kind="choice", choices=tasks, width=24),
            Column("participants_total", "Tổng số học viên", kind="int", width=12),
            Column("participants_women", "Trong đó nữ", kind="int", width=12),
            Column("participants_ethnic", "Trong đó DTTS", kind="int", width=12),
            *(Column(k, h, kind="int", width=12) for k, h in POSITION_HEADERS.items()),
            Column("satisfaction_pct", "Tỷ lệ hài lòng (%)", kind="decimal", width=12),
            Column("pre_test_mean", "Điểm trước tập huấn", kind="decimal", width=12),
            Column("post_test_mean", "Điểm sau tập huấn", kind="decimal", width=12),
            Column("notes", "Ghi chú", width=30, max_length=10_000),
        ),
    )  # fmt: skip


def course_template(user) -> bytes:
    return build_template(course_spec(user), units=list(selectors.editable_units(user)))


def course_import(user, uploaded) -> int:
    def save(row):
        data = {k: v for k, v in row.items() if not k.startswith("_")}
        for key in ("title", "place", "trainers", "notes"):
            data[key] = data.get(key) or ""
        data["format"] = data.get("format") or CourseFormat.IN_PERSON
        data["task"] = (
            task_choices(user).filter(pk=int(row["task"])).first() if row.get("task") else None
        )
        try:
            return services.course_create(actor=user, data=data)
        except TrainingError as exc:
            raise ValidationError({exc.field: exc.message} if exc.field else exc.message) from exc

    return import_rows(
        course_spec(user), uploaded, units=list(selectors.editable_units(user)), save_row=save
    )


def course_export(user, qs) -> bytes:
    fields = ("title", "topic", "starts_on", "ends_on", "format", "place", "trainers",
              "participants_total", "participants_women", "participants_ethnic",
              *POSITION_HEADERS, "satisfaction_pct", "pre_test_mean", "post_test_mean", "notes")  # fmt: skip
    rows = (
        {
            "org_unit": c.org_unit.name,
            "task": str(c.task_id) if c.task_id else "",
            **{f: getattr(c, f) for f in fields},
        }
        for c in qs.select_related("org_unit")
    )
    return export_rows(course_spec(user), rows)

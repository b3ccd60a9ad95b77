"""The register as spreadsheets (core.sheets): the template, the all-or-nothing upload, the
export of the list and of the replication page."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Font

from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows
from binhdang.orgunits.models import OrgUnit

from . import selectors, services
from .models import ModelKind, ModelStatus, PeriodKind, PeriodRecord


def _labels(choices) -> tuple[tuple[str, str], ...]:
    """(value, Vietnamese label): the sheets are in Vietnamese whatever the page's language."""
    with translation.override("vi"):
        return tuple((value, str(label)) for value, label in choices)


def model_spec() -> SheetSpec:
    return SheetSpec(
        title="DANH SÁCH MÔ HÌNH PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH, BẠO LỰC TRÊN CƠ SỞ GIỚI",
        columns=(
            Column(
                "org_unit",
                "Đơn vị quản lý",
                kind="unit",
                required=True,
                width=30,
                help="Tên hoặc mã đơn vị (xem trang “Đơn vị”)",
            ),
            Column("name", "Tên mô hình", required=True, width=40, max_length=300),
            Column(
                "kind",
                "Loại mô hình",
                kind="choice",
                required=True,
                width=30,
                choices=_labels(ModelKind.choices),
            ),
            Column("commune", "Xã, phường, thị trấn", kind="unit", required=True, width=24),
            Column("village", "Thôn, bản, tổ dân phố", width=20, max_length=120),
            Column("contact_person", "Người liên hệ", width=20, max_length=120),
            Column("contact_phone", "Số điện thoại", width=16, max_length=40),
            Column("contact_address", "Địa chỉ", width=30, max_length=300),
            Column("established_on", "Ngày thành lập", kind="date", width=14),
            Column("decision_number", "Số quyết định thành lập", width=18, max_length=80),
            Column("decision_date", "Ngày quyết định", kind="date", width=14),
            Column("members_women", "Thành viên nữ", kind="int", width=12),
            Column("members_men", "Thành viên nam", kind="int", width=12),
            Column("capacity", "Sức chứa (người)", kind="int", width=12),
            Column("note", "Ghi chú", width=30, max_length=4000),
        ),  # fmt: skip
    )


def export_spec() -> SheetSpec:
    spec = model_spec()
    status = Column("status", "Tình trạng", kind="choice", choices=_labels(ModelStatus.choices))
    return SheetSpec(title=spec.title, columns=(*spec.columns, status))


def _units(user):
    """Units a row may name: the user's recording units and the communes of their areas."""
    return OrgUnit.objects.filter(
        Q(pk__in=selectors.recording_units(user).values("pk"))
        | Q(pk__in=selectors.commune_options(user).values("pk"))
    ).order_by("path")


def model_template(user) -> bytes:
    return build_template(model_spec(), units=_units(user))


def export_models(user, models) -> bytes:
    spec = export_spec()
    rows = []
    for m in models.select_related("org_unit", "commune"):
        rows.append(
            {
                **{c.key: getattr(m, c.key) for c in spec.columns},
                **selectors.contact_of(user, m),
            }
        )
    return export_rows(spec, rows)


def import_models(user, uploaded) -> int:
    """Register every row of the file, or none (SheetRejected naming every problem)."""

    spec = model_spec()

    def save(row: dict) -> None:
        try:
            services.service_model_create(
                actor=user,
                data=services.ServiceModelData(
                    **{c.key: row[c.key] for c in spec.columns if row[c.key] is not None}
                ),
            )
        except services.ServiceModelError as exc:
            raise ValidationError(exc.message) from exc

    return import_rows(spec, uploaded, units=_units(user), save_row=save)


REPLICATION_SPEC = SheetSpec(
    title="CÁC XÃ CẦN NHÂN RỘNG MÔ HÌNH PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH, BẠO LỰC TRÊN CƠ SỞ GIỚI",
    sheet_name="Nhân rộng",
    columns=(
        Column("commune", "Xã, phường, thị trấn", width=28),
        Column("population", "Dân số", kind="int", width=12),
        Column("gbv", "Số nạn nhân được phát hiện", kind="int", width=14),
        Column("rate", "Trên 1.000 dân", kind="decimal", width=12),
        Column("ethnic", "Vùng đồng bào dân tộc thiểu số", kind="bool", width=14),
        Column("models", "Số mô hình đang hoạt động", kind="int", width=14),
        Column("kinds", "Loại mô hình", width=40),
        Column("trusted", "Có địa chỉ tin cậy", kind="bool", width=12),
        Column("high_risk", "Nguy cơ cao", kind="bool", width=12),
        Column("needs", "Cần xây dựng mô hình", kind="bool", width=14),
    ),
)


def export_replication(rows, year: int) -> bytes:
    spec = SheetSpec(
        title=f"{REPLICATION_SPEC.title} (NĂM {year})",
        columns=REPLICATION_SPEC.columns,
        sheet_name=REPLICATION_SPEC.sheet_name,
    )
    return export_rows(
        spec,
        (
            {
                "commune": r.commune.name,
                "population": r.population,
                "gbv": r.gbv_detected,
                "rate": r.rate,
                "ethnic": r.ethnic_minority_area,
                "models": r.models,
                "kinds": "; ".join(r.kinds),
                "trusted": r.has_trusted_address,
                "high_risk": r.high_risk,
                "needs": r.needs_model,
            }
            for r in rows
        ),
    )


MODELS_SHEET = "Mô hình"


def period_spec() -> SheetSpec:
    return SheetSpec(
        title="KẾT QUẢ HOẠT ĐỘNG CỦA CÁC MÔ HÌNH THEO THÁNG, QUÝ",
        columns=(
            Column(
                "model_id",
                "Mã mô hình",
                kind="int",
                required=True,
                width=12,
                help="Mã trong trang “Mô hình” của tệp này",
            ),
            Column("model_name", "Tên mô hình", width=36, help="Để đối chiếu; không bắt buộc"),
            Column("year", "Năm", kind="int", required=True, width=8),
            Column(
                "period_kind",
                "Tháng hay quý",
                kind="choice",
                required=True,
                width=12,
                choices=_labels(PeriodKind.choices),
            ),
            Column("period_number", "Tháng/quý số", kind="int", required=True, width=10),
            Column("activities", "Số hoạt động", kind="int", width=11),
            Column("supported_total", "Số lượt người được hỗ trợ", kind="int", width=14),
            Column("supported_women", "Trong đó: nữ", kind="int", width=11),
            Column("supported_ethnic", "Trong đó: dân tộc thiểu số", kind="int", width=13),
            Column("referrals", "Số trường hợp được chuyển gửi", kind="int", width=14),
            Column("note", "Ghi chú", width=30, max_length=2000),
        ),  # fmt: skip
    )


def period_template(user) -> bytes:
    """The template, with a sheet listing the models the user records for (their codes)."""
    wb = load_workbook(BytesIO(build_template(period_spec())))
    sheet = wb.create_sheet(MODELS_SHEET)
    sheet.append(["Mã mô hình", "Tên mô hình", "Xã"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    models = (
        selectors.visible_models(user)
        .filter(org_unit__in=selectors.recording_units(user))
        .order_by("commune__name", "name")
    )
    for m in models:
        sheet.append([m.pk, m.name, m.commune.name])
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 24
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def export_periods(models) -> bytes:
    spec = period_spec()
    periods = (
        PeriodRecord.objects.filter(service_model__in=models)
        .select_related("service_model")
        .order_by("service_model__commune__name", "service_model__name", "period_start")
    )
    return export_rows(
        spec,
        (
            {
                **{c.key: getattr(p, c.key, None) for c in spec.columns},
                "model_id": p.service_model_id,
                "model_name": p.service_model.name,
            }
            for p in periods
        ),
    )


def import_periods(user, uploaded) -> int:
    """Record every row of the file (a new month or quarter, or a correction of one already
    recorded), or none (SheetRejected naming every problem)."""
    spec = period_spec()

    def save(row: dict) -> None:
        try:
            model = selectors.recordable_model_for(user, row["model_id"])
        except Http404 as exc:
            raise ValidationError(
                _("There is no model with the code %(code)s among those you record for.")
                % {"code": row["model_id"]}
            ) from exc
        data = services.PeriodData(
            year=row["year"],
            period_kind=row["period_kind"],
            period_number=row["period_number"],
            **{
                k: row[k] or 0
                for k in (
                    "activities",
                    "supported_total",
                    "supported_women",
                    "supported_ethnic",
                    "referrals",
                )
            },
            note=row["note"] or "",
        )
        existing = model.periods.filter(
            year=data.year, period_kind=data.period_kind, period_number=data.period_number
        ).first()
        try:
            services.period_record_save(actor=user, service_model=model, data=data, period=existing)
        except services.ServiceModelError as exc:
            raise ValidationError(exc.message) from exc

    return import_rows(spec, uploaded, save_row=save)

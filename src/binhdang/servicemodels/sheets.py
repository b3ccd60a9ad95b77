"""The register as spreadsheets (core.sheets): the template, the all-or-nothing upload, the
export of the list and of the replication page."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation

from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows
from binhdang.orgunits.models import OrgUnit

from . import selectors, services
from .models import ModelKind, ModelStatus


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

"""Support records as spreadsheets (core.sheets): the template, the all-or-nothing upload,
the export."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation

from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows
from binhdang.orgunits.models import OrgUnit

from . import selectors, services
from .models import Programme, SupportKind


def _labels(choices) -> tuple[tuple[str, str], ...]:
    """(value, Vietnamese label): the sheets are in Vietnamese whatever the page's language."""
    with translation.override("vi"):
        return tuple((value, str(label)) for value, label in choices)


def support_spec() -> SheetSpec:
    return SheetSpec(
        title="KẾT QUẢ HỖ TRỢ NÂNG CAO VỊ THẾ KINH TẾ CỦA PHỤ NỮ",
        columns=(
            Column(
                "org_unit",
                "Đơn vị thực hiện",
                kind="unit",
                required=True,
                width=30,
                help="Tên hoặc mã đơn vị (xem trang “Đơn vị”)",
            ),
            Column("given_on", "Ngày", kind="date", required=True, width=12),
            Column(
                "programme",
                "Chương trình, dự án",
                kind="choice",
                required=True,
                width=40,
                choices=_labels(Programme.choices),
            ),
            Column("project_name", "Tên dự án, kế hoạch", width=24, max_length=200),
            Column(
                "kind",
                "Hình thức hỗ trợ",
                kind="choice",
                required=True,
                width=36,
                choices=_labels(SupportKind.choices),
            ),
            Column("title", "Nội dung hỗ trợ", required=True, width=40, max_length=300),
            Column("commune", "Xã, phường, thị trấn", kind="unit", width=22),
            Column(
                "beneficiaries_total",
                "Tổng số người được hỗ trợ",
                kind="int",
                required=True,
                width=14,
            ),
            Column("women", "Trong đó: nữ", kind="int", width=11),
            Column("ethnic", "Trong đó: dân tộc thiểu số", kind="int", width=13),
            Column("poor", "Trong đó: hộ nghèo, cận nghèo", kind="int", width=13),
            Column("violence_victims", "Trong đó: nạn nhân bạo lực", kind="int", width=13),
            Column("other_vulnerable", "Trong đó: đối tượng yếu thế khác", kind="int", width=13),
            Column("amount", "Kinh phí (đồng)", kind="int", width=16),
            Column("note", "Ghi chú", width=30, max_length=4000),
        ),  # fmt: skip
    )


def _units(user):
    return OrgUnit.objects.filter(
        Q(pk__in=selectors.recording_units(user).values("pk"))
        | Q(pk__in=selectors.commune_options(user).values("pk"))
    ).order_by("path")


def support_template(user) -> bytes:
    return build_template(support_spec(), units=_units(user))


def export_supports(supports) -> bytes:
    spec = support_spec()
    return export_rows(
        spec,
        (
            {c.key: getattr(s, c.key) for c in spec.columns}
            for s in supports.select_related("org_unit", "commune")
        ),
    )


def import_supports(user, uploaded) -> int:
    """Record every row of the file, or none (SheetRejected naming every problem)."""
    spec = support_spec()

    def save(row: dict) -> None:
        values = {c.key: row[c.key] for c in spec.columns if row[c.key] is not None}
        try:
            services.support_create(actor=user, data=services.SupportData(**values))
        except services.EmpowermentError as exc:
            raise ValidationError(exc.message) from exc

    return import_rows(spec, uploaded, units=_units(user), save_row=save)

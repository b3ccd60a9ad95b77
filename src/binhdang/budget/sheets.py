"""The budget's Excel template, upload and export (through binhdang.core.sheets)."""

from django.utils.translation import gettext as _

from binhdang.core.sheets import Column, SheetSpec, export_rows, import_rows

from .models import LinkKind, Source, SpendingLine
from .selectors import editable_units
from .services import BudgetError, EntryData, entry_create


def spec() -> SheetSpec:
    lines = [(line.code, line.name) for line in SpendingLine.objects.filter(active=True)]
    return SheetSpec(
        title="KINH PHÍ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI",
        columns=(
            Column("unit", "Đơn vị", kind="unit", required=True, width=34),
            Column("year", "Năm", kind="int", required=True, width=8),
            Column("source", "Nguồn kinh phí", kind="choice", required=True,
                   choices=[(v, str(label)) for v, label in Source.choices], width=30),
            Column("spending_line", "Nội dung chi (Thông tư 191/2009/TT-BTC)", kind="choice",
                   required=True, choices=lines, width=44),
            Column("planned", "Dự toán (đồng)", kind="int", width=18,
                   help="Số đồng, viết 12.500.000"),
            Column("spent", "Đã chi (đồng)", kind="int", width=18,
                   help="Số đồng, viết 12.500.000"),
            Column("description", "Diễn giải", max_length=500, width=36),
            Column("link_kind", "Chi cho", kind="choice",
                   choices=[(v, str(label)) for v, label in LinkKind.choices if v], width=24),
            Column("link_id", "Số hồ sơ", kind="int", width=12),
            Column("link_label", "Tên hoạt động, lớp, mô hình", max_length=300, width=36),
        ),
    )  # fmt: skip


def template_bytes(user) -> bytes:
    from binhdang.core.sheets import build_template

    return build_template(spec(), units=editable_units(user))


def export_bytes(entries) -> bytes:
    rows = [
        {
            "unit": e.org_unit.name,
            "year": e.year,
            "source": e.source,
            "spending_line": e.spending_line.code,
            "planned": e.planned,
            "spent": e.spent,
            "description": e.description,
            "link_kind": e.link_kind,
            "link_id": e.link_id,
            "link_label": e.link_label,
        }
        for e in entries
    ]
    return export_rows(spec(), rows)


def upload(user, uploaded) -> int:
    """Every row saved, or none (SheetRejected with every row's error)."""
    lines = {line.code: line for line in SpendingLine.objects.all()}

    def save_row(row):
        line = lines.get(row.get("spending_line"))
        if line is None:
            raise BudgetError(_("Choose a spending line from the list."))
        return entry_create(
            actor=user,
            data=EntryData(
                org_unit=row["unit"],
                year=row["year"],
                source=row["source"],
                spending_line=line,
                planned=int(row.get("planned") or 0),
                spent=int(row.get("spent") or 0),
                description=row.get("description") or "",
                link_kind=row.get("link_kind") or "",
                link_id=int(row["link_id"]) if row.get("link_id") else None,
                link_label=row.get("link_label") or "",
            ),
        )

    return import_rows(spec(), uploaded, units=editable_units(user), save_row=save_row)

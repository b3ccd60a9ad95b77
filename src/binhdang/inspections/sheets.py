"""Excel template, upload and export of inspections, and the export of complaints (without
anyone's identity), through binhdang.core.sheets."""

from django.utils.translation import gettext as _

from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows

from . import deadlines
from .models import Channel, ComplaintKind, Complexity, InspectionKind, Outcome
from .selectors import complaint_units, inspectable_units, inspection_units
from .services import (
    ComplaintData,
    IdentityData,
    InspectionData,
    InspectionError,
    complaint_create,
    inspection_create,
)

SCOPES = [
    ("law", "Luật Bình đẳng giới"),
    ("strategy", "Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới"),
    ("dv", "Phòng, chống bạo lực gia đình"),
]


def inspection_spec() -> SheetSpec:
    return SheetSpec(
        title="THANH TRA, KIỂM TRA VIỆC THỰC HIỆN PHÁP LUẬT VỀ BÌNH ĐẲNG GIỚI",
        columns=(
            Column("unit", "Đơn vị thanh tra, kiểm tra", kind="unit", required=True, width=34),
            Column("kind", "Hình thức", kind="choice", required=True,
                   choices=[(v, str(label)) for v, label in InspectionKind.choices], width=14),
            Column("title", "Tên cuộc thanh tra, kiểm tra", required=True, max_length=300,
                   width=44),
            Column("plan", "Theo kế hoạch", max_length=300, width=30),
            Column("inspected", "Đơn vị được thanh tra, kiểm tra", required=True, width=40,
                   help="Tên đơn vị, cách nhau bằng dấu ;"),
            Column("started_on", "Từ ngày", kind="date", required=True, width=12),
            Column("ended_on", "Đến ngày", kind="date", width=12),
            Column("scope", "Nội dung", kind="choices", required=True, choices=SCOPES, width=40),
            Column("findings", "Kết quả, phát hiện", max_length=20000, width=44),
            Column("recommendations", "Kiến nghị", max_length=20000, width=44),
        ),
    )  # fmt: skip


def inspection_template_bytes(user) -> bytes:
    return build_template(inspection_spec(), units=inspection_units(user))


def export_inspections(inspections) -> bytes:
    rows = []
    for i in inspections:
        rows.append({
            "unit": i.org_unit.name, "kind": i.kind, "title": i.title, "plan": i.plan,
            "inspected": "; ".join(u.name for u in i.inspected_units.all()),
            "started_on": i.started_on, "ended_on": i.ended_on,
            "scope": [k for k in ("law", "strategy", "dv") if getattr(i, f"scope_{k}")],
            "findings": i.findings, "recommendations": i.recommendations,
        })  # fmt: skip
    return export_rows(inspection_spec(), rows)


def upload_inspections(user, uploaded) -> int:
    """Every row saved, or none (SheetRejected with every row's error)."""
    from binhdang.formats.text import fold

    names = {fold(u.name): u for u in inspectable_units(user)}

    def save_row(row):
        inspected = []
        for name in (row.get("inspected") or "").split(";"):
            if not name.strip():
                continue
            unit = names.get(fold(name.strip()))
            if unit is None:
                raise InspectionError(
                    _("The inspected unit “%(name)s” is not among the units you may name.")
                    % {"name": name.strip()}
                )
            inspected.append(unit)
        scope = set(row.get("scope") or [])
        return inspection_create(
            actor=user,
            data=InspectionData(
                org_unit=row["unit"], kind=row["kind"], title=row["title"],
                plan=row.get("plan") or "", inspected_units=inspected,
                started_on=row["started_on"], ended_on=row.get("ended_on"),
                scope_law="law" in scope, scope_strategy="strategy" in scope,
                scope_dv="dv" in scope, findings=row.get("findings") or "",
                recommendations=row.get("recommendations") or "",
            ),
        )  # fmt: skip

    return import_rows(inspection_spec(), uploaded, units=inspection_units(user), save_row=save_row)


def complaint_spec() -> SheetSpec:
    return SheetSpec(
        title="KHIẾU NẠI, TỐ CÁO VỀ BÌNH ĐẲNG GIỚI",
        columns=(
            Column("unit", "Cơ quan có thẩm quyền giải quyết", kind="unit", width=34),
            Column("kind", "Loại", kind="choice",
                   choices=[(v, str(label)) for v, label in ComplaintKind.choices], width=18),
            Column("received_on", "Ngày nhận", kind="date", width=12),
            Column("channel", "Hình thức tiếp nhận", kind="choice",
                   choices=[(v, str(label)) for v, label in Channel.choices], width=18),
            Column("respondent", "Người bị khiếu nại, tố cáo", width=30),
            Column("next_step", "Bước tiếp theo", width=30),
            Column("next_due", "Hạn", kind="date", width=12),
            Column("outcome", "Kết quả", kind="choice",
                   choices=[(v, str(label)) for v, label in Outcome.choices if v], width=20),
        ),
    )  # fmt: skip


def export_complaints(complaints) -> bytes:
    rows = []
    for c in complaints:
        deadline = deadlines.next_deadline(c)
        rows.append({
            "unit": c.org_unit.name, "kind": c.kind, "received_on": c.received_on,
            "channel": c.channel, "respondent": c.respondent,
            "next_step": deadline.label if deadline else "",
            "next_due": deadline.due if deadline else None, "outcome": c.outcome or None,
        })  # fmt: skip
    return export_rows(complaint_spec(), rows)


def complaint_register_spec() -> SheetSpec:
    """The register of complaints received, as a unit keeps it: one complaint a row, with the
    complainant (kept confidential once uploaded: read only by its handlers)."""
    return SheetSpec(
        title="SỔ TIẾP NHẬN KHIẾU NẠI, TỐ CÁO VỀ BÌNH ĐẲNG GIỚI",
        columns=(
            Column("unit", "Cơ quan có thẩm quyền giải quyết", kind="unit", required=True,
                   width=34),
            Column("kind", "Loại", kind="choice", required=True,
                   choices=[(v, str(label)) for v, label in ComplaintKind.choices], width=14),
            Column("received_on", "Ngày nhận", kind="date", required=True, width=12),
            Column("channel", "Hình thức tiếp nhận", kind="choice", required=True,
                   choices=[(v, str(label)) for v, label in Channel.choices], width=18),
            Column("name", "Họ và tên người khiếu nại, tố cáo", required=True, max_length=200,
                   width=28),
            Column("contact", "Điện thoại hoặc thư điện tử", max_length=200, width=20),
            Column("address", "Địa chỉ", max_length=500, width=28),
            Column("respondent", "Người, cơ quan bị khiếu nại, tố cáo", required=True,
                   max_length=300, width=30),
            Column("content", "Nội dung", required=True, max_length=20000, width=44),
            Column("complexity", "Tính chất vụ việc", kind="choice",
                   choices=[(v, str(label)) for v, label in Complexity.choices], width=16),
            Column("remote_area", "Vùng sâu, vùng xa", kind="bool", width=10),
        ),
    )  # fmt: skip


def complaint_template_bytes(user) -> bytes:
    return build_template(complaint_register_spec(), units=complaint_units(user))


def upload_complaints(user, uploaded) -> int:
    """Every row registered (the uploader its first handler), or none."""

    def save_row(row):
        return complaint_create(
            actor=user,
            data=ComplaintData(
                org_unit=row["unit"], kind=row["kind"], received_on=row["received_on"],
                channel=row["channel"], respondent=row["respondent"], content=row["content"],
                complexity=row.get("complexity") or "ordinary",
                remote_area=bool(row.get("remote_area")),
            ),
            identity=IdentityData(name=row["name"], contact=row.get("contact") or "",
                                  address=row.get("address") or ""),
        )  # fmt: skip

    return import_rows(
        complaint_register_spec(), uploaded, units=complaint_units(user), save_row=save_row
    )

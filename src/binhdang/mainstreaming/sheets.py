"""The drafted documents' Excel template, upload and export (through binhdang.core.sheets)."""

from binhdang.core.sheets import Column, SheetSpec, build_template, export_rows, import_rows

from .models import DocumentKind, Outcome
from .selectors import editable_units
from .services import DocumentData, document_create


def spec() -> SheetSpec:
    return SheetSpec(
        title="LỒNG GHÉP VẤN ĐỀ BÌNH ĐẲNG GIỚI TRONG XÂY DỰNG VĂN BẢN, KẾ HOẠCH, CHƯƠNG TRÌNH, ĐỀ ÁN",
        columns=(
            Column("unit", "Đơn vị chủ trì soạn thảo", kind="unit", required=True, width=34),
            Column("year", "Năm", kind="int", required=True, width=8),
            Column("kind", "Loại văn bản", kind="choice", required=True,
                   choices=[(v, str(label)) for v, label in DocumentKind.choices], width=24),
            Column("title", "Tên văn bản", required=True, max_length=500, width=48),
            Column("number_symbol", "Số, ký hiệu", max_length=80, width=18),
            Column("drafted_on", "Ngày", kind="date", width=12),
            Column("gender_assessed", "Có lồng ghép vấn đề bình đẳng giới", kind="bool", width=14),
            Column("assessment_report", "Có báo cáo đánh giá tác động giới", kind="bool", width=14),
            Column("justice_appraisal", "Được Phòng Tư pháp thẩm định lồng ghép", kind="bool",
                   width=14),
            Column("method_note", "Cách thức lồng ghép", max_length=1000, width=36),
            Column("outcome", "Kết quả", kind="choice",
                   choices=[(v, str(label)) for v, label in Outcome.choices], width=22),
            Column("outcome_note", "Ghi chú kết quả", max_length=1000, width=36),
        ),
    )  # fmt: skip


def template_bytes(user) -> bytes:
    return build_template(spec(), units=editable_units(user))


def export_bytes(documents) -> bytes:
    keys = [c.key for c in spec().columns if c.key != "unit"]
    return export_rows(
        spec(),
        ({"unit": d.org_unit.name, **{k: getattr(d, k) for k in keys}} for d in documents),
    )


def upload(user, uploaded) -> int:
    """Every row saved, or none (SheetRejected with every row's error)."""

    def save_row(row):
        return document_create(
            actor=user,
            data=DocumentData(
                org_unit=row["unit"],
                year=row["year"],
                kind=row["kind"],
                title=row["title"],
                number_symbol=row.get("number_symbol") or "",
                drafted_on=row.get("drafted_on"),
                gender_assessed=bool(row.get("gender_assessed")),
                assessment_report=bool(row.get("assessment_report")),
                justice_appraisal=bool(row.get("justice_appraisal")),
                method_note=row.get("method_note") or "",
                outcome=row.get("outcome") or Outcome.DRAFTING,
                outcome_note=row.get("outcome_note") or "",
            ),
        )

    return import_rows(spec(), uploaded, units=editable_units(user), save_row=save_row)

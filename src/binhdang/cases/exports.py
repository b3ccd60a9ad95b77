"""Exports of case data.

- The case list: codes and masked names only, as a spreadsheet.
- The identifiable file of one case (a survivor's own data on a lawful request, or a transfer
  the law requires): a zip of JSON encrypted with a passphrase (scrypt-derived key, AES-256-GCM,
  `cryptography`), opened with `binhdang open-case-export FILE`. The passphrase is never stored.
"""

from __future__ import annotations

import io
import json
import os
import zipfile

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from openpyxl import Workbook

from binhdang.formats.cells import safe_cell_text
from binhdang.formats.dates import format_date

from . import crypto
from .models import NEED_AREAS

MAGIC = b"BDCASE1\n"
MIN_PASSPHRASE = 12


def case_list_xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["Mã", "Họ tên (đã che)", "Xã", "Khung pháp lý", "Mức độ rủi ro", "Trạng thái"])
    for row in rows:
        case = row["case"]
        ws.append([safe_cell_text(v) for v in (
            case.code, row["masked_name"], case.org_unit.name, case.get_legal_frame_display(),
            case.get_risk_display(), case.get_state_display(),
        )])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def case_document(case) -> dict:
    """Everything recorded about the survivor in one case, decrypted."""
    return {
        "ma_ca": case.code,
        "xa": case.org_unit.name,
        "ho_ten": crypto.decrypt(case.name_enc),
        "dien_thoai": crypto.decrypt(case.phone_enc),
        "dia_chi": crypto.decrypt(case.address_enc),
        "so_giay_to": crypto.decrypt(case.id_number_enc),
        "gioi_tinh": case.get_sex_display(),
        "tuoi": case.age,
        "khung_phap_ly": case.get_legal_frame_display(),
        "vu_viec": [
            {
                "loai": i.get_core_type_display(),
                "hinh_thuc": i.get_violence_form_display(),
                "ngay": format_date(i.incident_date),
            }
            for i in case.incidents.all()
        ],
        "dong_y": [
            {
                "ngay": format_date(c.given_on),
                "dich_vu": c.services,
                "chuyen_tuyen": c.referral_types,
                "rut_lai": bool(c.withdrawn_at),
            }
            for c in case.consents.all()
        ],  # fmt: skip
        "dich_vu": [
            {
                "loai": s.get_service_type_display(),
                "tinh_trang": s.get_status_display(),
                "ngay": format_date(s.on),
            }
            for s in case.services.all()
        ],  # fmt: skip
        "danh_gia": [
            {
                "ngay": format_date(a.assessed_on),
                "nhu_cau": {str(NEED_AREAS.get(k, k)): v for k, v in a.needs.items()},
                "muc_nguy_co": a.get_risk_display(),
                "ghi_chep": crypto.decrypt(a.notes_enc) if a.notes_enc else "",
            }
            for a in case.assessments.all()
        ],
        "ke_hoach_an_toan": [
            {
                "nguy_co": p.risks,
                "hanh_dong": p.actions,
                "noi_an_toan": crypto.decrypt(p.safe_place_enc) if p.safe_place_enc else "",
                "ngay_ra_soat": format_date(p.review_on),
            }
            for p in case.safety_plans.all()
        ],
        "ke_hoach_hanh_dong": [
            {
                "phien_ban": plan.version,
                "tinh_trang": plan.get_state_display(),
                "muc_tieu": [
                    {
                        "muc_tieu": g.goal,
                        "hoat_dong": g.action,
                        "phu_trach": g.responsible,
                        "han": format_date(g.due_on),
                        "tinh_trang": g.get_status_display(),
                    }
                    for g in plan.goals.all()
                ],  # fmt: skip
            }
            for plan in case.action_plans.prefetch_related("goals")
        ],
    }


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def encrypted_zip(files: dict[str, bytes], passphrase: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, buffer.getvalue(), MAGIC)
    return MAGIC + salt + nonce + sealed


class ExportError(Exception):
    pass


def open_encrypted_zip(data: bytes, passphrase: str) -> dict[str, bytes]:
    if not data.startswith(MAGIC):
        raise ExportError("not a case export")
    body = data[len(MAGIC) :]
    salt, nonce, sealed = body[:16], body[16:28], body[28:]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed, MAGIC)
    except InvalidTag as exc:
        raise ExportError("wrong passphrase or damaged file") from exc
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def case_export(case, passphrase: str) -> bytes:
    document = json.dumps(case_document(case), ensure_ascii=False, indent=2).encode()
    return encrypted_zip({f"{case.code}.json": document}, passphrase)


def statistics_xlsx(tables, *, title: str) -> bytes:
    """The anonymised tables (already suppressed) as an editable workbook, one table under
    another, a suppressed cell written "x"."""
    from binhdang.formats.cells import print_on_a4_landscape

    wb = Workbook()
    ws = wb.active
    ws.title = "Thống kê"
    ws.append([title])
    ws.append(["Số liệu ẩn danh; ô dưới 5 và một ô bổ sung được ẩn (ghi “x”)."])
    for table in tables:
        ws.append([])
        ws.append([table.title])
        ws.append(["", *table.column_labels])
        for label, row in zip(table.row_labels, table.cells, strict=True):
            ws.append([label, *["x" if v is None else v for v in row]])
    ws.column_dimensions["A"].width = 48
    print_on_a4_landscape(ws, title_rows="1:1", area=f"A1:H{ws.max_row}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

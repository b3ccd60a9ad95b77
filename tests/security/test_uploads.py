"""Hostile uploads are refused by `check_upload` with a clear Vietnamese message, and file
names never carry a path."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from binhdang.core.uploads import MAX_RATIO, UploadRejected, check_upload, safe_filename


def _office(kind: str = "xlsx", extra: dict[str, bytes] | None = None) -> bytes:
    prefix = {"xlsx": "xl/", "docx": "word/"}[kind]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(prefix + "document.xml", "<x>" + "dữ liệu " * 50 + "</x>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _refused(name: str, content: bytes, allowed=frozenset({"xlsx", "docx", "pdf"}), **kw) -> str:
    with translation.override("vi"), pytest.raises(UploadRejected) as info:
        check_upload(_upload(name, content), set(allowed), **kw)
    return str(info.value)


def test_it_accepts_a_real_xlsx_and_docx():
    assert check_upload(_upload("bao-cao.xlsx", _office("xlsx")), {"xlsx"}).extension == "xlsx"
    assert check_upload(_upload("Kế hoạch.docx", _office("docx")), {"docx"}).name == "Kế hoạch.docx"


def test_it_refuses_a_wrong_extension():
    assert "không đúng định dạng" in _refused("chay.exe", b"MZ\x90\x00" * 10)


def test_it_refuses_a_renamed_executable():
    assert "không khớp với phần mở rộng .xlsx" in _refused("bao-cao.xlsx", b"MZ\x90\x00" * 100)
    assert "không khớp" in _refused("van-ban.pdf", b"\x7fELF" + b"\x00" * 100)


def test_it_refuses_a_truncated_xlsx_and_docx():
    for kind in ("xlsx", "docx"):
        data = _office(kind)
        message = _refused(f"cut.{kind}", data[: len(data) // 2])
        assert "bị hỏng" in message


def test_it_refuses_a_zip_that_is_not_an_office_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "không phải là văn bản Office hợp lệ" in _refused("fake.docx", buf.getvalue())


def test_it_refuses_a_zip_bomb():
    bomb = b"\x00" * (MAX_RATIO * 4 * 1024 * 100)
    data = _office("xlsx", {"xl/worksheets/sheet1.xml": bomb})
    assert len(data) < 200_000
    assert "dung lượng bất thường" in _refused("bomb.xlsx", data)


def test_it_refuses_too_many_zip_entries():
    data = _office("xlsx", {f"xl/p{i}.xml": b"x" for i in range(2100)})
    assert "quá nhiều thành phần" in _refused("parts.xlsx", data)


def test_it_refuses_macros():
    data = _office("xlsx", {"xl/vbaProject.bin": b"\x00" * 10})
    assert "macro" in _refused("macro.xlsx", data)


def test_it_refuses_an_oversized_file_without_reading_it():
    assert "quá lớn" in _refused("big.pdf", b"%PDF-" + b"0" * 2048, max_bytes=1024)


def test_it_refuses_an_empty_file():
    assert "không có nội dung" in _refused("rong.pdf", b"")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.xlsx", "passwd.xlsx"),
        ("..\\..\\Windows\\system32\\x.docx", "x.docx"),
        ("/abs/path/Báo cáo.pdf", "Báo cáo.pdf"),
        ("a\x00b\r\n.pdf", "ab.pdf"),
        ('<script>"x".pdf', "_script_x_.pdf"),
        ("..", "tep-tin"),
        ("", "tep-tin"),
    ],
)
def test_it_strips_paths_and_control_characters_from_file_names(raw, expected):
    cleaned = safe_filename(raw)
    assert cleaned == expected
    assert "/" not in cleaned and "\\" not in cleaned and cleaned != ".."


def test_it_names_a_path_traversal_upload_by_its_base_name_only():
    checked = check_upload(_upload("../../etc/passwd.xlsx", _office("xlsx")), {"xlsx"})
    assert checked.name == "passwd.xlsx"

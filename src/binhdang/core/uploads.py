"""Checking uploaded files before anything is saved.

Every upload goes through `check_upload`: the size limit, an allowed extension, content that
really is what the extension says (by its first bytes, not the browser's content type), a
safe file name, and for Office files (zip containers) a bound on the unpacked size and entry
count, so a zip bomb or a renamed executable is refused with a message the user can act on.

Once stored, a file is shown to the registered inspectors (`register_upload_inspector`,
`inspect_stored`): an app such as the signature check looks at it without the uploading app
importing that app, and `findings_for` (the `upload_findings` template tag) shows the result.
"""

import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls
PDF_MAGIC = b"%PDF-"
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 200

KINDS = {
    "docx": ("zip", "word/"),
    "xlsx": ("zip", "xl/"),
    "pdf": ("pdf", None),
    "doc": ("ole", None),
    "xls": ("ole", None),
    "jpg": ("jpeg", None),
    "jpeg": ("jpeg", None),
    "png": ("png", None),
}


class UploadRejected(ValueError):
    """The upload cannot be accepted; `str(exc)` is a message for the user."""


@dataclass
class CheckedUpload:
    name: str  # safe file name to store and show
    extension: str
    size: int


def safe_filename(name: str, default: str = "tep-tin") -> str:
    """A file name without any directory part or control characters, Vietnamese kept."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'[<>:"/\\|?*]+', "_", base).strip(" .")
    return base[:150] or default


def _head(uploaded, n: int = 8) -> bytes:
    uploaded.seek(0)
    data = uploaded.read(n)
    uploaded.seek(0)
    return data


def _check_zip(uploaded, prefix: str, label: str) -> None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UploadRejected(
                    _("The file %(name)s has too many parts to be a normal document.")
                    % {"name": label}
                )
            total = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            if total > MAX_UNPACKED_BYTES or total / packed > MAX_RATIO:
                raise UploadRejected(
                    _("The file %(name)s unpacks to an unreasonable size and was refused.")
                    % {"name": label}
                )
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or not any(n.startswith(prefix) for n in names):
                raise UploadRejected(
                    _("The file %(name)s is not a valid Office document.") % {"name": label}
                )
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise UploadRejected(
                    _(
                        "The file %(name)s contains macros, which are not accepted. Save it as a normal .xlsx or .docx file."
                    )
                    % {"name": label}
                )
            bad = archive.testzip()
            if bad is not None:
                raise UploadRejected(_("The file %(name)s is damaged.") % {"name": label})
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UploadRejected(
            _("The file %(name)s is damaged or incomplete.") % {"name": label}
        ) from exc
    finally:
        uploaded.seek(0)


def check_upload(uploaded, allowed: set[str], max_bytes: int | None = None) -> CheckedUpload:
    """Validate `uploaded` (a Django UploadedFile or any seekable file with .name and .size).

    Raises UploadRejected with a translated message; nothing is read past the limits.
    """
    max_bytes = max_bytes or settings.BINHDANG_MAX_UPLOAD_BYTES
    name = safe_filename(getattr(uploaded, "name", ""))
    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, 2)
        size = uploaded.tell()
        uploaded.seek(0)
    if size == 0:
        raise UploadRejected(_("The file %(name)s is empty.") % {"name": name})
    if size > max_bytes:
        raise UploadRejected(
            _("The file %(name)s is too large (%(size)s MB; the limit is %(limit)s MB).")
            % {
                "name": name,
                "size": round(size / 1048576, 1),
                "limit": round(max_bytes / 1048576, 1),
            }
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed or extension not in KINDS:
        raise UploadRejected(
            _("The file %(name)s is not of an accepted type. Accepted: %(types)s.")
            % {"name": name, "types": ", ".join(sorted(allowed))}
        )
    head = _head(uploaded)
    container, prefix = KINDS[extension]
    ok = {
        "zip": head.startswith(ZIP_MAGIC),
        "ole": head.startswith(OLE_MAGIC),
        "pdf": head.startswith(PDF_MAGIC),
        "jpeg": head.startswith(b"\xff\xd8\xff"),
        "png": head.startswith(b"\x89PNG\r\n\x1a\n"),
    }[container]
    if not ok:
        raise UploadRejected(
            _("The content of %(name)s does not match its .%(ext)s extension.")
            % {"name": name, "ext": extension}
        )
    if container == "zip":
        _check_zip(uploaded, prefix, name)
    return CheckedUpload(name=name, extension=extension, size=size)


# ---------------------------------------------------------------- inspectors of stored files


@dataclass(frozen=True)
class Finding:
    """What an inspector found about a stored file, shown beside it: a short label, a CSS
    class (ok, warn, bad, none) and a page with the details."""

    label: str
    css: str
    url: str = ""


@dataclass(frozen=True)
class UploadInspector:
    """Registered by an app (`register_upload_inspector`) to look at every stored upload:
    `inspect(actor=, record=, org_unit=)` runs inside the uploading service's transaction,
    after the record (whose `file` holds the stored upload) is saved; it must not raise for
    a file it cannot read, but record that. `finding(record)` is what it has to show beside
    the file, or None."""

    key: str
    inspect: Callable[..., None]
    finding: Callable[[object], Finding | None]


_INSPECTORS: dict[str, UploadInspector] = {}


def register_upload_inspector(inspector: UploadInspector) -> None:
    _INSPECTORS[inspector.key] = inspector


def unregister_upload_inspector(key: str) -> None:
    _INSPECTORS.pop(key, None)


def inspect_stored(*, actor, record, org_unit) -> None:
    """Run every registered inspector on a stored upload. Called by the services that store
    uploaded files (a submission's attachment, a directive's file) right after saving the row."""
    for inspector in list(_INSPECTORS.values()):
        inspector.inspect(actor=actor, record=record, org_unit=org_unit)


def findings_for(record) -> list[Finding]:
    """What the inspectors show beside a stored file."""
    found = []
    for inspector in list(_INSPECTORS.values()):
        finding = inspector.finding(record)
        if finding is not None:
            found.append(finding)
    return found

"""PDF conversion through LibreOffice (soffice --headless)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path


class PdfError(RuntimeError):
    pass


class PdfUnavailable(PdfError):
    pass


class PdfConversionFailed(PdfError):
    pass


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return _soffice() is not None


# LibreOffice's PDF export filter with SelectPdfVersion 2: PDF/A-2b (fonts embedded,
# XMP metadata, no transparency groups the standard forbids).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def render_pdf(docx_bytes: bytes, timeout: float = 60, *, pdfa: bool = False) -> bytes:
    """Convert a .docx to PDF (PDF/A-2b when `pdfa`).

    Each call runs LibreOffice with its own throw-away user profile, so concurrent conversions
    (several web workers) do not fight over the profile lock.
    """
    exe = _soffice()
    if exe is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên không thể xuất PDF; vui lòng tải bản Word (.docx)."
        )
    with tempfile.TemporaryDirectory(prefix="binhdang-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van_ban.docx"
        source.write_bytes(docx_bytes)
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDFA_FILTER if pdfa else "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        proc = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=work,
            env=env,
            start_new_session=True,
        )
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # soffice forks soffice.bin; kill the whole group it leads.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise PdfConversionFailed(
                f"Chuyển sang PDF quá thời gian cho phép ({timeout:g} giây)."
            ) from None
        result = outdir / "van_ban.pdf"
        if proc.returncode != 0 or not result.is_file():
            detail = stderr.decode("utf-8", "replace").strip()[-300:]
            raise PdfConversionFailed(
                f"LibreOffice không chuyển được văn bản sang PDF (mã {proc.returncode}). {detail}"
            )
        return result.read_bytes()

"""PAdES signing and verification of PDF files with pyHanko, independent of the database.

`open_key(...)` gives a pyHanko signer for a PKCS#12 file or a PKCS#11 token; `sign_pdf`
adds a visible signature (the signer's name, title and time, and the seal image when given)
where Decree 30 puts it, above the signer's name on the last page, or at the bottom right
of the last page when that name cannot be found; `verify_pdf` reads every signature of a
file and says who signed, whether the chain reaches the trust list, when it was signed and
whether the file changed after signing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime
import functools
import hashlib
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


class SigningError(Exception):
    """Signing failed; `str(exc)` is a message for the user (translated)."""


# ---------------------------------------------------------------- keys


def load_pkcs12(data: bytes, passphrase: str):
    """A pyHanko signer for the key and certificates of a PKCS#12 file."""
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=passphrase.encode("utf-8") if passphrase else None
        )
    except Exception:
        signer = None
    if signer is None:
        raise SigningError(
            _(
                "The certificate file (.p12) could not be opened: wrong passphrase or not a valid file."
            )
        )
    return signer


@contextlib.contextmanager
def open_pkcs11(module: str, token: str, key: str, pin: str) -> Iterator[object]:
    """A pyHanko signer on a PKCS#11 token (python-pkcs11 must be installed), open for the
    duration of the block."""
    try:
        from pyhanko.sign import pkcs11 as hanko_pkcs11
    except ImportError as exc:
        raise SigningError(
            _("The server lacks the python-pkcs11 library, so it cannot sign with a PKCS#11 token.")
        ) from exc
    if not module or not Path(module).is_file():
        raise SigningError(
            _("The PKCS#11 module of the signing token was not found on the server.")
        )
    try:
        from pyhanko.config.pkcs11 import TokenCriteria

        session = hanko_pkcs11.open_pkcs11_session(
            module, token_criteria=TokenCriteria(label=token or None), user_pin=pin
        )
    except Exception as exc:
        raise SigningError(
            _(
                "The signing token (PKCS#11) could not be opened: check the token, its label and PIN."
            )
        ) from exc
    try:
        # Hashing on the server and signing the digest (CKM_ECDSA, CKM_RSA_PKCS) works on the
        # most tokens: many, SoftHSM among them, lack the hash-and-sign ECDSA mechanisms.
        yield hanko_pkcs11.PKCS11Signer(
            session, key_label=key or None, cert_label=key or None, use_raw_mechanism=True
        )
    finally:
        with contextlib.suppress(Exception):
            session.close()


def certificate_of(signer) -> asn1_x509.Certificate:
    return signer.signing_cert


def certificate_sha256(cert: asn1_x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def subject_of(cert: asn1_x509.Certificate) -> str:
    return cert.subject.human_friendly


def common_name(name: asn1_x509.Name) -> str:
    native = name.native
    return str(native.get("common_name") or name.human_friendly)


# ---------------------------------------------------------------- trust list


def load_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """Every certificate of a PEM (one or several) or DER file."""
    if pem.detect(data):
        return [
            asn1_x509.Certificate.load(der)
            for kind, _headers, der in pem.unarmor(data, multiple=True)
            if kind == "CERTIFICATE"
        ]
    return [asn1_x509.Certificate.load(data)]


def trust_roots_in(folder: str | os.PathLike | None) -> list[asn1_x509.Certificate]:
    """The certificates of the trust list: every .pem, .crt, .cer and .der file of `folder`."""
    if not folder:
        return []
    path = Path(folder)
    if not path.is_dir():
        return []
    roots = []
    for item in sorted(path.iterdir()):
        if item.suffix.lower() not in (".pem", ".crt", ".cer", ".der") or not item.is_file():
            continue
        try:
            roots.extend(load_certificates(item.read_bytes()))
        except Exception:
            log.warning("trust list: %s is not a certificate", item)
    return roots


# ---------------------------------------------------------------- the signature block


def _font_candidates() -> list[str]:
    from django.conf import settings

    configured = getattr(settings, "BINHDANG_SIGNATURE_FONT", "")
    found = [configured] if configured else []
    found += [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    ]
    import matplotlib

    found.append(os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSerif.ttf"))
    return found


@functools.lru_cache(maxsize=4)
def _font_bytes(path: str) -> bytes:
    """The font at 1000 units per em: pyHanko writes glyph widths in font units, which the
    PDF reads per 1000, so a TrueType font of 2048 units is rescaled once."""
    from fontTools import ttLib
    from fontTools.ttLib.scaleUpem import scale_upem

    font = ttLib.TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def signature_font() -> bytes:
    for path in _font_candidates():
        if path and Path(path).is_file():
            return _font_bytes(path)
    raise SigningError(_("No font with Vietnamese letters was found for the signature block."))


@dataclass(frozen=True)
class _FontFactory:
    """pyHanko's font engine factory over the rescaled font bytes."""

    font: bytes
    font_size: int = 8

    def create_font_engine(self, writer, obj_stream=None):
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        return GlyphAccumulator(
            writer, io.BytesIO(self.font), font_size=self.font_size, obj_stream=obj_stream
        )


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _pages_words(pdf: bytes) -> list[tuple[float, float, list]]:
    """(width, height, words) of every page, each word (x1, y1, x2, y2, text) measured from
    the top left, by poppler's pdftotext; [] when it is not installed."""
    import html

    exe = shutil.which("pdftotext")
    if exe is None:
        return []
    with tempfile.TemporaryDirectory(prefix="binhdang-sig-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        try:
            out = subprocess.run(  # noqa: S603 - fixed argument list, no shell
                [exe, "-bbox", str(source), "-"], capture_output=True, timeout=60, check=True
            ).stdout.decode("utf-8", "replace")
        except (subprocess.SubprocessError, OSError):
            return []
    pages = []
    for chunk in out.split("<page ")[1:]:
        page = PAGE.search("<page " + chunk)
        if page is None:
            continue
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in WORD.findall(chunk)
        ]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def find_placement(pdf: bytes, signer_name: str, pages: int) -> Placement:
    """Where the signature goes: the space above the signer's name, on the last page that
    prints it (Decree 30, Appendix I: the signature stands between the signer's title and
    full name, so annexes after the text are not signed over), else the bottom right of the
    last page."""
    import unicodedata

    target = unicodedata.normalize("NFC", signer_name or "").split()
    found = _pages_words(pdf) if target else []
    for index in range(len(found) - 1, -1, -1):
        width, height, words = found[index]
        texts = [unicodedata.normalize("NFC", w[4]) for w in words]
        for start in range(len(texts) - len(target), -1, -1):
            if texts[start : start + len(target)] != target:
                continue
            hit = words[start : start + len(target)]
            x_min, x_max = min(w[0] for w in hit), max(w[2] for w in hit)
            name_top = min(w[1] for w in hit)
            above = [w for w in words if w[3] <= name_top - 1 and w[2] > x_min - 60]
            top = max(max((w[3] for w in above), default=name_top - 80) + 2, name_top - 80)
            half = 105
            centre = (x_min + x_max) / 2
            x1 = max(10.0, min(centre - half, width - 2 * half - 10))
            y1 = height - name_top + 2
            y2 = max(height - top - 2, y1 + 40)
            return Placement(index, (x1, y1, x1 + 2 * half, y2))
    width, _height = (found[-1][0], found[-1][1]) if found else (595.0, 842.0)
    return Placement(pages - 1, (width - 260, 40, width - 40, 110))


# ---------------------------------------------------------------- signing


@dataclass
class SignedResult:
    data: bytes
    signed_at: datetime.datetime
    certificate_subject: str
    certificate_sha256: str
    level: str = "B-B"  # PAdES baseline level: B-B, B-T (time-stamped), B-LTA


def _long_term(trust_roots: Iterable[asn1_x509.Certificate]):
    """The validation context whose chain and revocation data (CRL, OCSP, fetched from the
    addresses in the certificates) are embedded; a revocation source named in a certificate
    that cannot be reached fails the signing rather than giving a file that only claims LT."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=list(trust_roots), allow_fetching=True, revocation_mode="hard-fail"
    )


def page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return int(reader.root["/Pages"]["/Count"])


def _apart_from_event_loop(call):
    """pyHanko's synchronous calls start an asyncio loop of their own, which fails in a thread
    where one is already running (an async server, a browser driver): run them in a thread of
    their own there."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def sign_pdf(
    pdf: bytes,
    *,
    signer,
    signer_name: str,
    signer_title: str = "",
    location: str = "",
    reason: str = "",
    seal_image: str = "",
    timestamp_url: str = "",
    long_term: bool = False,
    trust_roots: Iterable[asn1_x509.Certificate] = (),
) -> SignedResult:
    """The PDF signed (SHA-256) with a visible signature block: PAdES B-B; B-T when
    `timestamp_url` names an RFC 3161 time-stamp authority; B-LTA when `long_term` is also
    set (the chain to `trust_roots` and its revocation data embedded, then a document
    time-stamp)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    try:
        pages = page_count(pdf)
    except Exception as exc:
        raise SigningError(_("The PDF file cannot be read, so it cannot be signed.")) from exc
    placement = find_placement(pdf, signer_name, pages)
    background = None
    if seal_image:
        if not Path(seal_image).is_file():
            raise SigningError(_("The configured seal image was not found on the server."))
        from pyhanko.pdf_utils.images import PdfImage

        background = PdfImage(seal_image)
    lines = [f"Ký bởi: {signer_name}"]
    if signer_title:
        lines.append(f"Chức vụ: {signer_title}")
    lines.append("Thời gian ký: %(ts)s")
    style = TextStampStyle(
        stamp_text="\n".join(lines),
        text_box_style=TextBoxStyle(font=_FontFactory(signature_font(), 8)),
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
        border_width=0,
        background=background,
        background_opacity=0.6,
    )
    timestamper, level, long_term_options = None, "B-B", {}
    if timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper, level = HTTPTimeStamper(timestamp_url, timeout=30), "B-T"
        if long_term:
            level = "B-LTA"
            long_term_options = {
                "embed_validation_info": True,
                "validation_context": _long_term(trust_roots),
                "use_pades_lta": True,
            }
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo1" if not _has_signatures(pdf) else f"ChuKySo{_next_number(pdf)}",
        reason=reason or None,
        location=location or None,
        name=signer_name or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        **long_term_options,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(
            meta.field_name, on_page=placement.page, box=placement.box
        ),
    )
    signed_at = datetime.datetime.now(datetime.UTC)
    try:
        _apart_from_event_loop(lambda: pdf_signer.sign_pdf(writer, output=out))
    except SigningError:
        raise
    except Exception as exc:
        log.exception("signing failed")
        problem = _signing_problem(exc) if timestamper is not None else None
        if problem:
            raise SigningError(problem) from exc
        raise SigningError(
            _("Signing failed (%(error)s).") % {"error": exc.__class__.__name__}
        ) from exc
    cert = certificate_of(signer)
    return SignedResult(
        data=out.getvalue(),
        signed_at=signed_at,
        certificate_subject=subject_of(cert),
        certificate_sha256=certificate_sha256(cert),
        level=level,
    )


def _signing_problem(exc: BaseException) -> str | None:
    """What a user is told when time-stamping or embedding the validation data failed."""
    import aiohttp
    from pyhanko.sign.timestamps import TimestampRequestError
    from pyhanko_certvalidator import errors

    chain = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 20:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    if any(isinstance(e, errors.RevokedError) for e in chain):
        return _("Signing refused: the signer's certificate has been revoked (CRL/OCSP).")
    if any(isinstance(e, errors.PathBuildingError) for e in chain):
        return _(
            "Signing failed: the signer's certificate does not chain to the trust list, so its "
            "validation data cannot be embedded."
        )
    unreachable = (
        TimestampRequestError, errors.InsufficientRevinfoError, errors.CRLFetchError,
        errors.OCSPFetchError, aiohttp.ClientError, OSError,
    )  # fmt: skip
    failed = next((e for e in chain if isinstance(e, unreachable)), None)
    if failed is not None:
        return _(
            "Signing failed: the time-stamp authority or the certificate's revocation service "
            "could not be reached (%(error)s)."
        ) % {"error": failed.__class__.__name__}
    if any(isinstance(e, errors.PathValidationError) for e in chain):
        return _("Signing refused: the signer's certificate is not valid now.")
    return None


def _has_signatures(pdf: bytes) -> bool:
    return _next_number(pdf) > 1


def _next_number(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return len(reader.embedded_signatures) + 1
    except Exception:
        return 1


# ---------------------------------------------------------------- verification

VALID, UNTRUSTED, MODIFIED, INVALID, UNSIGNED, ERROR = (
    "valid",
    "untrusted",
    "modified",
    "invalid",
    "unsigned",
    "error",
)
# The worse of two results wins.
SEVERITY = {VALID: 0, UNSIGNED: 1, UNTRUSTED: 2, MODIFIED: 3, INVALID: 4, ERROR: 5}


@dataclass
class SignatureReport:
    field: str
    signer: str
    subject: str
    issuer: str
    serial: str
    certificate_sha256: str
    not_before: str
    not_after: str
    signing_time: str | None
    intact: bool
    valid: bool
    trusted: bool
    coverage: str
    modification: str
    problem: str
    status: str
    reasons: list[str] = field(default_factory=list)
    kind: str = "signature"  # or "timestamp": a document time-stamp (PAdES B-LTA)
    # The RFC 3161 time-stamp over the signature (PAdES B-T): its time and authority.
    timestamp: str | None = None
    timestamp_authority: str = ""
    timestamp_trusted: bool = False

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Verification:
    status: str
    signatures: list[SignatureReport]
    reasons: list[str]  # codes of REASONS (messages.py)
    validation_info: dict[str, int] = field(default_factory=dict)


def _certificate_fields(cert) -> dict:
    """What a report says of the certificate that made a signature or a time-stamp."""
    validity = cert["tbs_certificate"]["validity"]
    return {
        "signer": common_name(cert.subject),
        "subject": cert.subject.human_friendly,
        "issuer": cert.issuer.human_friendly,
        "serial": format(cert.serial_number, "x"),
        "certificate_sha256": certificate_sha256(cert),
        "not_before": _iso(validity["not_before"].native),
        "not_after": _iso(validity["not_after"].native),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _one(embedded, roots: list, moment) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
    status = _apart_from_event_loop(lambda: validate_pdf_signature(embedded, context))
    cert = status.signing_cert
    reasons: list[str] = []
    intact, valid, trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    coverage = status.coverage
    modification = status.modification_level
    problem = status.trust_problem_indic.name if status.trust_problem_indic else ""
    whole = coverage == SignatureCoverageLevel.ENTIRE_FILE
    allowed_updates = modification in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    if not intact:
        result = MODIFIED
        reasons.append("tampered")
    elif not valid:
        result = INVALID
        reasons.append("crypto")
    elif not whole and not allowed_updates:
        result = MODIFIED
        reasons.append("modified_after")
    elif problem in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"):
        result = INVALID
        reasons.append("expired")
    elif problem in ("NOT_YET_VALID",):
        result = INVALID
        reasons.append("not_yet_valid")
    elif problem in ("REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"):
        result = INVALID
        reasons.append("revoked")
    elif not trusted:
        result = UNTRUSTED
        reasons.append("untrusted")
    else:
        result = VALID
    if result == VALID and not whole:
        reasons.append("validation_info_added")
    signing_time = status.signer_reported_dt
    stamp = status.timestamp_validity
    if stamp is not None:
        reasons.append("timestamped" if stamp.valid and stamp.trusted else "timestamp_untrusted")
    return SignatureReport(
        field=embedded.field_name or "",
        **_certificate_fields(cert),
        signing_time=_iso(signing_time),
        intact=intact,
        valid=valid,
        trusted=trusted,
        coverage=coverage.name if coverage else "",
        modification=modification.name if modification else "",
        problem=problem,
        status=result,
        reasons=reasons,
        timestamp=_iso(stamp.timestamp) if stamp is not None else None,
        timestamp_authority=common_name(stamp.signing_cert.subject) if stamp else "",
        timestamp_trusted=bool(stamp and stamp.valid and stamp.trusted),
    )


def _document_timestamp(embedded, roots: list) -> SignatureReport:
    """A document time-stamp (PAdES B-LTA): the authority's token over the file as it was."""
    from pyhanko.sign.validation import validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = _apart_from_event_loop(lambda: validate_pdf_timestamp(embedded, context))
    cert = status.signing_cert
    intact, valid, trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    if not intact:
        result, reasons = MODIFIED, ["tampered"]
    elif not valid:
        result, reasons = INVALID, ["crypto"]
    elif not trusted:
        result, reasons = UNTRUSTED, ["timestamp_untrusted"]
    else:
        result, reasons = VALID, ["document_timestamp"]
    coverage, modification = status.coverage, status.modification_level
    return SignatureReport(
        field=embedded.field_name or "",
        **_certificate_fields(cert),
        signing_time=_iso(status.timestamp),
        intact=intact,
        valid=valid,
        trusted=trusted,
        coverage=coverage.name if coverage else "",
        modification=modification.name if modification else "",
        problem=status.trust_problem_indic.name if status.trust_problem_indic else "",
        status=result,
        reasons=reasons,
        kind="timestamp",
        timestamp=_iso(status.timestamp),
        timestamp_authority=common_name(cert.subject),
        timestamp_trusted=trusted and valid,
    )


def validation_info_of(reader) -> dict[str, int]:
    """What the file's document security store (DSS) holds for long-term validation:
    certificates, CRLs and OCSP responses ({} when it has none)."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError

    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return {}
    return {"certs": len(dss.certs), "crls": len(dss.crls), "ocsps": len(dss.ocsps)}


def verify_pdf(
    data: bytes, *, trust_roots: Iterable[asn1_x509.Certificate] = (), moment=None
) -> Verification:
    """Every signature of the PDF checked against the trust list; the worst result is the
    file's. The chain is checked at the signing time the signer reports when no `moment` is
    given (revocation is not fetched: no network is used)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    roots = list(trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return Verification(ERROR, [], ["unreadable"])
    if not embedded:
        return Verification(UNSIGNED, [], ["unsigned"])
    reports = []
    for sig in embedded:
        try:
            if sig.sig_object_type == "/DocTimeStamp":
                reports.append(_document_timestamp(sig, roots))
                continue
            when = moment or sig.self_reported_timestamp
            reports.append(_one(sig, roots, when))
        except Exception as exc:
            log.warning("signature check failed: %s", exc)
            reports.append(
                SignatureReport(
                    field=sig.field_name or "", signer="", subject="", issuer="", serial="",
                    certificate_sha256="", not_before="", not_after="", signing_time=None,
                    intact=False, valid=False, trusted=False, coverage="", modification="",
                    problem=exc.__class__.__name__, status=ERROR,
                    reasons=["broken"],
                )
            )  # fmt: skip
    status = max((r.status for r in reports), key=SEVERITY.__getitem__)
    reasons = []
    for r in reports:
        for reason in r.reasons:
            if reason not in reasons:
                reasons.append(reason)
    try:
        validation_info = validation_info_of(reader)
    except Exception:
        validation_info = {}
    if validation_info.get("crls") or validation_info.get("ocsps"):
        reasons.append("validation_info_embedded")
    if status == VALID:
        reasons.insert(0, "valid")
    return Verification(status, reports, reasons, validation_info)

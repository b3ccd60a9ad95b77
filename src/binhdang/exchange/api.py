"""/api/v1/exchange/: the signature check of a received file."""

from ninja import Router, Schema

from . import selectors

router = Router(tags=["exchange"])
PREFIX = "exchange"


class SignatureOut(Schema):
    signer: str
    subject: str
    issuer: str
    signing_time: str | None
    intact: bool
    valid: bool
    trusted: bool
    coverage: str
    status: str
    reasons: list[str]
    kind: str = "signature"  # or "timestamp": a document time-stamp
    timestamp: str | None = None  # the RFC 3161 time-stamp over the signature
    timestamp_authority: str = ""
    timestamp_trusted: bool = False


class CheckOut(Schema):
    id: int
    file_name: str
    sha256: str
    status: str
    flagged: bool
    checked_at: str
    signatures: list[SignatureOut]


@router.get("/checks/{check_id}", response=CheckOut, summary="The signature check of a file")
def check(request, check_id: int):
    found = selectors.check_for(request.user, check_id)
    return {
        "id": found.pk,
        "file_name": found.file_name,
        "sha256": found.sha256,
        "status": found.status,
        "flagged": found.is_flagged,
        "checked_at": found.checked_at.isoformat(),
        "signatures": [
            {k: s[k] for k in SignatureOut.model_fields if k in s} for s in found.signatures
        ],
    }

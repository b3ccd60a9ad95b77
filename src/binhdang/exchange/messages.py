"""What each reason code of a signature check means, for the pages."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "valid": _("The signature is valid and the file has not changed since it was signed."),
    "validation_info_added": _(
        "Only validation information was added after signing; the content is unchanged."
    ),
    "tampered": _("The content was changed after signing: it no longer matches the signature."),
    "crypto": _("The signature is not cryptographically valid."),
    "modified_after": _(
        "The file was changed after signing (content added outside the signature)."
    ),
    "expired": _("The signer's certificate had expired (or was not yet valid) when signing."),
    "not_yet_valid": _("The signer's certificate was not yet valid when signing."),
    "revoked": _("The signer's certificate has been revoked."),
    "untrusted": _(
        "The signature is intact, but the certificate does not chain to the configured trust list."
    ),
    "unsigned": _("The file has no digital signature."),
    "unreadable": _("The PDF file could not be read to check its signature."),
    "broken": _("A signature could not be checked (its structure is damaged)."),
    "timestamped": _(
        "The signature carries a time-stamp from a trusted time-stamp authority (PAdES B-T)."
    ),
    "timestamp_untrusted": _(
        "The signature's time-stamp does not come from a trusted time-stamp authority."
    ),
    "document_timestamp": _(
        "A trusted document time-stamp seals the file and its validation data (PAdES B-LTA)."
    ),
    "validation_info_embedded": _(
        "The revocation data of the certificates is embedded for long-term validation (PAdES B-LT)."
    ),
}


def reason_labels(codes) -> list[str]:
    return [str(REASONS.get(code, code)) for code in codes if code]

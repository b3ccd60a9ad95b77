"""Text as it comes in from forms, the API and spreadsheets."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

# C0 and C1 control characters except tab, line feed and carriage return; PostgreSQL refuses
# NUL in text and Word documents cannot hold most of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class TextError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def nfc(text: str) -> str:
    """Composed Unicode: "Phú" typed as u + combining acute becomes one character, so labels
    and names compare equal whatever keyboard typed them."""
    return unicodedata.normalize("NFC", text)


def has_control_characters(text: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(text))


def control_characters_message() -> str:
    return _(
        "This text contains control characters that cannot be stored; remove them (they often come from copying out of another program)."
    )


def clean_text(text: str, *, max_length: int | None = None) -> str:
    """NFC text with Windows line ends made plain; TextError for control characters or
    text longer than `max_length`."""
    text = nfc(str(text)).replace("\r\n", "\n")
    if has_control_characters(text):
        raise TextError(
            _(
                "This text contains control characters that cannot be stored; remove them (they often come from copying out of another program)."
            )
        )
    if max_length is not None and len(text) > max_length:
        raise TextError(
            _("This text is too long (at most %(max)s characters).")
            % {"max": f"{max_length:,}".replace(",", ".")}
        )
    return text


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics, so "vi xuyen" matches "Vị Xuyên".

    Stored beside searchable names (a `search_text` column) because neither SQLite nor a default
    PostgreSQL collation folds đ/Đ, and an indexable prefix/contains query needs the folded text.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())

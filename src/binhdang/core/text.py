"""Text helpers shared by every app."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics, so "vi xuyen" matches "Vị Xuyên".

    Stored beside searchable names (a `search_text` column) because neither SQLite nor a default
    PostgreSQL collation folds đ/Đ, and an indexable prefix/contains query needs the folded text.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())

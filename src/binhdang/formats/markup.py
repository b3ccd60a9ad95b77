"""The inline emphasis a directive's text may carry, as the seed dispatch marks it.

    **trước ngày 05/12/2023**   bold
    *từ ngày 15/11 đến 15/12*   italic
    [^1]  or  ¹                 a reference to footnote 1 (the legal basis with marker "1")

Nothing else is interpreted: a lone "*" or "(*)" stays as typed. The same spans feed the Word
document (runs), the web page (<strong>, <em>, <sup>) and plain text (markup removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_SPANS = re.compile(
    r"\*\*(?P<bold>\S(?:.*?\S)?)\*\*"
    r"|\*(?P<italic>[^\s*](?:[^*]*?[^\s*])?)\*"
    r"|\[\^(?P<note>\d+)\]"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]+)"
)


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""  # "" | "bold" | "italic" | "note" (text holds the footnote marker)
    raw: str = ""  # the span as typed, markup included


def spans(text: str) -> list[Span]:
    """`text` cut into plain, bold, italic and footnote-reference spans."""
    out: list[Span] = []
    pos = 0
    for match in _SPANS.finditer(text or ""):
        if match.start() > pos:
            out.append(Span(text[pos : match.start()], raw=text[pos : match.start()]))
        raw = match.group()
        if match["bold"] is not None:
            out.append(Span(match["bold"], "bold", raw))
        elif match["italic"] is not None:
            out.append(Span(match["italic"], "italic", raw))
        elif match["note"] is not None:
            out.append(Span(match["note"], "note", raw))
        else:
            out.append(Span(match["sup"].translate(_TO_DIGITS), "note", raw))
        pos = match.end()
    if pos < len(text or ""):
        out.append(Span(text[pos:], raw=text[pos:]))
    return out


def renumber_notes(text: str, position: dict[str, int]) -> str:
    """Footnote marks written as the paper prints them ("2021-2030¹") or as "[^1]", turned
    into "[^n]" with n the note's place in `position` ({marker: 1-based place}); a mark with
    no such note stays as typed."""
    parts = []
    for span in spans(text):
        if span.style == "note" and span.text in position:
            parts.append(f"[^{position[span.text]}]")
        else:
            parts.append(span.raw)
    return "".join(parts)


def plain(text: str) -> str:
    """The text without its markup (footnote references dropped)."""
    return "".join(s.text for s in spans(text) if s.style != "note")


TAGS = {"bold": "<strong>{}</strong>", "italic": "<em>{}</em>", "note": "<sup>{}</sup>"}


def html(text: str) -> SafeString:
    """Escaped HTML with the emphasis and footnote references shown (every span's text goes
    through Django's escaping; only the tags above are written)."""
    return format_html_join(
        "", "{}", ((format_html(TAGS.get(span.style, "{}"), span.text),) for span in spans(text))
    )

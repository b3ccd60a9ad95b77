"""Approximate printed width of a line of Times text, used to size the drawn rules under the
tiêu ngữ and the agency name so they match the text as Decree 30 requires."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_CANDIDATES = {
    (False, False): ("times.ttf", "LiberationSerif-Regular.ttf"),
    (True, False): ("timesbd.ttf", "LiberationSerif-Bold.ttf"),
    (False, True): ("timesi.ttf", "LiberationSerif-Italic.ttf"),
    (True, True): ("timesbi.ttf", "LiberationSerif-BoldItalic.ttf"),
}


@cache
def _font_widths(bold: bool, italic: bool):
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools ships with matplotlib
        return None
    for name in _CANDIDATES[(bold, italic)]:
        for base in _FONT_DIRS:
            if not base.is_dir():
                continue
            # liberation2 carries the Vietnamese glyphs; the older liberation set does not.
            for path in sorted(base.rglob(name), key=lambda p: "liberation2" not in str(p)):
                try:
                    font = TTFont(str(path), lazy=True)
                    cmap = font.getBestCmap()
                    hmtx = font["hmtx"]
                    upm = font["head"].unitsPerEm
                except Exception:  # noqa: S112 - unreadable font file, try the next one
                    continue
                return cmap, hmtx, upm
    return None


def text_width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    text = unicodedata.normalize("NFC", text)
    metrics = _font_widths(bold, italic)
    em_mm = size_pt * 25.4 / 72
    if metrics is None:
        return len(text) * em_mm * (0.55 if bold else 0.5)
    cmap, hmtx, upm = metrics
    total = 0.0
    fallback = None
    for ch in text:
        glyph = cmap.get(ord(ch))
        if glyph is None:
            base = unicodedata.normalize("NFD", ch)[0]
            glyph = cmap.get(ord(base))
        if glyph is None:
            fallback = fallback or hmtx[cmap.get(ord("n"), ".notdef")][0]
            total += fallback
        else:
            total += hmtx[glyph][0]
    return total / upm * em_mm

"""An OfficialDocument (with its sections, annexes and pictures) to JSON and back, so a
finalised document can be kept exactly as it was built and rendered again from what was kept.

Every dataclass of `types` is written as an object tagged with its class name; pictures as
base64 (or, with `pictures=False`, only their SHA-256 and size: the picture itself then lives
in the rendered file), dates as ISO text. Loading what `dump` wrote with its pictures gives an
equal document.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
from decimal import Decimal

from . import types

_CLASSES = {
    cls.__name__: cls
    for cls in (
        types.AnnexColumn,
        types.AnnexTable,
        types.DocImage,
        types.OfficialDocument,
        types.Paragraph,
        types.Section,
        types.Signature,
    )
}


def _dump(value, pictures: bool = True):
    if isinstance(value, types.DocImage) and not pictures:
        return {
            "_type": "DocImage",
            "caption": value.caption,
            "width_mm": value.width_mm,
            "png_sha256": hashlib.sha256(value.png).hexdigest(),
            "png_size": len(value.png),
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"_type": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _dump(getattr(value, f.name), pictures)
        return out
    if isinstance(value, bytes):
        return {"_b64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.date):
        return {"_date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"_decimal": str(value)}
    if isinstance(value, (list, tuple)):
        return [_dump(v, pictures) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in a document snapshot")


def _load(value):
    if isinstance(value, list):
        return [_load(v) for v in value]
    if isinstance(value, dict):
        if "_b64" in value:
            return base64.b64decode(value["_b64"])
        if "_date" in value:
            return datetime.date.fromisoformat(value["_date"])
        if "_decimal" in value:
            return Decimal(value["_decimal"])
        cls = _CLASSES[value["_type"]]
        names = {f.name for f in dataclasses.fields(cls)}
        loaded = {k: _load(v) for k, v in value.items() if k in names}
        if cls is types.DocImage and "png" not in loaded:
            loaded["png"] = b""  # kept by digest only: the picture is in the rendered file
        return cls(**loaded)
    return value


def dump(document: types.OfficialDocument, *, pictures: bool = True) -> dict:
    """The document as JSON-ready data; `pictures=False` keeps pictures by digest only."""
    return _dump(document, pictures)


def load(data: dict) -> types.OfficialDocument:
    """The document `dump` wrote."""
    return _load(data)

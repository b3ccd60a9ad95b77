"""Encryption at rest of a survivor's identity, and the keyed blind index that finds a
possible duplicate without decrypting anything.

Keys never live in the database. They come from the environment (`BINHDANG_CASE_KEYS`: Fernet
keys separated by commas, the first encrypts, every one decrypts; `BINHDANG_CASE_INDEX_KEY`:
the HMAC key of the blind index) or from a key file (`BINHDANG_CASE_KEY_FILE`, JSON
`{"keys": [...], "index_key": "..."}`, readable by the application's user only). In
development a key file is made under var/ on first use; tests use fixed keys.
`binhdang rotate-case-keys` re-encrypts every stored value under the first key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from binhdang.formats.text import fold, nfc


class CaseKeys:
    def __init__(self, keys: list[str], index_key: str):
        if not keys or not index_key:
            raise ImproperlyConfigured(
                "Case data keys are missing: set BINHDANG_CASE_KEYS and BINHDANG_CASE_INDEX_KEY "
                "or BINHDANG_CASE_KEY_FILE (README, 'Case data keys')."
            )
        self.keys = keys
        self.fernet = MultiFernet([Fernet(k.encode()) for k in keys])
        self.index_key = index_key.encode()


def _from_file(path: Path) -> CaseKeys:
    data = json.loads(path.read_text(encoding="utf-8"))
    return CaseKeys(list(data.get("keys", [])), data.get("index_key", ""))


def new_key_file(path: Path) -> None:
    """A fresh key file (one encryption key, one index key), readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "keys": [Fernet.generate_key().decode()],
        "index_key": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)


def add_key_to_file(path: Path) -> str:
    """Put a new encryption key first in the key file (the old ones stay to decrypt)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    key = Fernet.generate_key().decode()
    data["keys"] = [key, *data.get("keys", [])]
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    tmp.replace(path)
    return key


@lru_cache(maxsize=1)
def case_keys() -> CaseKeys:
    keys = [k.strip() for k in settings.BINHDANG_CASE_KEYS if k.strip()]
    if keys:
        return CaseKeys(keys, settings.BINHDANG_CASE_INDEX_KEY)
    path = settings.BINHDANG_CASE_KEY_FILE
    if path:
        path = Path(path)
        if not path.exists() and settings.DEBUG:
            new_key_file(path)
        if path.exists():
            return _from_file(path)
    return CaseKeys([], "")


def reset_keys() -> None:
    case_keys.cache_clear()


def encrypt(value: str) -> str:
    """The token stored for `value` ("" stays "")."""
    if not value:
        return ""
    return case_keys().fernet.encrypt(nfc(value).encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return case_keys().fernet.decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A case value cannot be decrypted with the configured keys."
        ) from exc


def rotate(token: str) -> str:
    return case_keys().fernet.rotate(token.encode()).decode() if token else ""


# ---------------------------------------------------------------- blind index


def normalise_phone(phone: str) -> str:
    """Digits only, the country code +84 / 84 written as the leading 0: "+84 912 345 678",
    "0912.345.678" and "0912345678" are one number."""
    digits = re.sub(r"\D", "", phone or "")
    if (phone or "").strip().startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[2:]
    return digits


def normalise_id_number(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", (number or "").upper())


def normalise_name(name: str) -> str:
    return " ".join(fold(name or "").split())


def _index(kind: str, value: str) -> str:
    if not value:
        return ""
    message = f"{kind}:{value}".encode()
    return hmac.new(case_keys().index_key, message, hashlib.sha256).hexdigest()


def phone_index(phone: str) -> str:
    return _index("phone", normalise_phone(phone))


def id_number_index(number: str) -> str:
    return _index("id", normalise_id_number(number))


def name_year_index(name: str, birth_year: int | None) -> str:
    name = normalise_name(name)
    return _index("name-year", f"{name}|{birth_year}") if name and birth_year else ""


def mask_name(name: str) -> str:
    """ "Nguyễn Thị Hoa" -> "N*** T** H**": the initials and the lengths' shape, nothing else."""
    return " ".join(w[0] + "*" * max(len(w) - 1, 2) for w in (name or "").split()) or "***"

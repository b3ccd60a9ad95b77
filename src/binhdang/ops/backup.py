"""Backup and restore of the database and the uploaded files, in one tar.gz archive.

Why dumpdata-style serialisation and not pg_dump: the archive must restore on SQLite (a
commune's laptop, a test) as well as on PostgreSQL, and into a newer version of the code. Rows
are written per model as JSON lines with their primary keys kept (so links, URLs and audit
entries stay valid) and natural keys only for content types and permissions (which each
database numbers itself). Each table is streamed with `.iterator()`, so memory stays flat
however large the table.

Archive layout:
    manifest.json            format version, migration state, row counts, sha256 of every member
    data/NNNN_<app.model>.jsonl
    media/<storage path>     every file of the default storage (MEDIA_ROOT or S3)

Restore checks every checksum before touching the database, brings an empty database to the
backup's migration state, loads all rows in one transaction, copies the files back through the
default storage, then migrates forward to the current code.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path

import django
from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
# Rebuilt by `migrate` in every database (content types, permissions) or worthless in a
# restored system (open sessions).
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 1 << 20


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds only; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt_time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The backup cannot be made or restored; `str(exc)` says why."""


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


def _models():
    """Concrete, managed models in dependency order (targets of foreign keys first)."""
    app_list = dict.fromkeys(apps.get_app_configs())
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    seen = set()
    for model in ordered:
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in EXCLUDED_MODELS:
            continue
        if meta.label_lower in seen:
            continue
        seen.add(meta.label_lower)
        yield model


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _storage_files(directory: str = "") -> Iterator[str]:
    """Every file in the default storage, through the storage API (works for S3 as well)."""
    try:
        dirs, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(dirs):
        yield from _storage_files(f"{directory}/{sub}" if directory else sub)


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """Applied migrations per app, as recorded in the database."""
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def create_backup(output: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the whole database and every stored file to `output` (tar.gz).

    The rows are read inside one transaction, so on PostgreSQL (REPEATABLE READ snapshot)
    they are a consistent picture even while the system is in use.
    """
    output = Path(output)
    members: dict[str, str] = {}
    counts: dict[str, int] = {}
    total_rows = 0
    with tempfile.TemporaryDirectory(prefix="binhdang-backup-") as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "data").mkdir()
        connection = connections[using]
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            existing = set(connection.introspection.table_names())
            for index, model in enumerate(_models()):
                label = model._meta.label_lower
                if model._meta.db_table not in existing:
                    continue  # a model whose migration is not applied here holds no rows
                name = f"data/{index:04d}_{label}.jsonl"
                path = tmpdir / name
                queryset = model._default_manager.using(using).order_by("pk")
                with open(path, "w", encoding="utf-8") as fh:
                    serializers.get_serializer("jsonl")().serialize(
                        queryset.iterator(chunk_size=2000),
                        stream=fh,
                        use_natural_foreign_keys=True,
                        cls=ExactEncoder,
                    )
                rows = queryset.count()
                counts[label] = rows
                total_rows += rows
                members[name] = _sha256_file(path)
            state = migration_state(using)
        files = list(_storage_files())
        size = 0
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            for name in members:
                tar.add(tmpdir / name, arcname=name)
            for storage_name in files:
                digest = hashlib.sha256()
                with (
                    default_storage.open(storage_name, "rb") as fh,
                    tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as spooled,
                ):
                    while block := fh.read(CHUNK):
                        digest.update(block)
                        spooled.write(block)
                    length = spooled.tell()
                    spooled.seek(0)
                    info = tarfile.TarInfo(f"media/{storage_name}")
                    info.size = length
                    info.mtime = int(datetime.now(UTC).timestamp())
                    tar.addfile(info, spooled)
                members[f"media/{storage_name}"] = digest.hexdigest()
                size += length
            manifest = {
                "format": "binhdang-backup",
                "format_version": FORMAT_VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "django_version": django.get_version(),
                "database_vendor": connection.vendor,
                "migrations": state,
                "counts": counts,
                "files": len(files),
                "sha256": members,
            }
            blob = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            info.mtime = int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(blob))
        # Only a complete archive gets the requested name.
        os.replace(partial, output)
    return BackupResult(output, len(counts), total_rows, len(files), size)


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember("manifest.json")
    except KeyError as exc:
        raise BackupError("The archive has no manifest.json: not a binhdang backup.") from exc
    manifest = json.load(tar.extractfile(member))
    if manifest.get("format") != "binhdang-backup":
        raise BackupError("The archive is not a binhdang backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format {manifest.get('format_version')} is not supported "
            f"(this version reads format {FORMAT_VERSION})."
        )
    return manifest


def _safe_member_name(name: str) -> str:
    parts = Path(name).parts
    if name.startswith("/") or ".." in parts or not parts:
        raise BackupError(f"Unsafe path in archive: {name!r}")
    return name


def verify_archive(path: Path) -> dict:
    """Check that every member listed in the manifest is present with its sha256 and that the
    archive holds nothing else; return the manifest."""
    with tarfile.open(path, "r:gz") as tar:
        manifest = _read_manifest(tar)
    expected = dict(manifest["sha256"])
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.name == "manifest.json":
                continue
            _safe_member_name(member.name)
            if not member.isfile():
                raise BackupError(f"Unexpected entry in archive: {member.name!r}")
            if member.name not in expected:
                raise BackupError(f"File not listed in the manifest: {member.name!r}")
            digest = hashlib.sha256()
            fh = tar.extractfile(member)
            while block := fh.read(CHUNK):
                digest.update(block)
            if digest.hexdigest() != expected.pop(member.name):
                raise BackupError(f"Checksum mismatch for {member.name!r}: the archive is damaged.")
    if expected:
        raise BackupError(f"Missing from archive: {sorted(expected)[:5]}")
    return manifest


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """No row in any table the backup covers (migrations may exist: the schema is not data)."""
    tables = set(connections[using].introspection.table_names())
    for model in _models():
        if model._meta.db_table in tables and model._default_manager.using(using).exists():
            return False
    return True


def _check_migrations(state: dict[str, list[str]], using: str) -> list[tuple[str, str]]:
    """Refuse a backup made by newer code; return the migrations the code has and the backup
    lacks (rows from an older version load into the current schema, fields added since take
    their defaults)."""
    loader = MigrationExecutor(connections[using]).loader
    known = set(loader.graph.nodes)
    unknown = [(a, n) for a, names in state.items() for n in names if (a, n) not in known]
    if unknown:
        raise BackupError(
            "The backup was made by a newer version (unknown migrations: "
            f"{unknown[:5]}). Upgrade the code before restoring."
        )
    in_backup = {(a, n) for a, names in state.items() for n in names}
    return sorted(known - in_backup)


def restore_backup(path: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Restore `path` into the database and the default storage; return the manifest.

    Refuses a database that holds data unless `force` (then everything is replaced). The
    archive is verified before anything changes; the rows load in one transaction, so a
    failure leaves the database as it was.
    """
    path = Path(path)
    if not path.exists():
        raise BackupError(f"No such file: {path}")
    manifest = verify_archive(path)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    if not force and not database_is_empty(using):
        raise BackupError(
            "The database already holds data. Restore into an empty database, or use "
            "--force to replace everything in it."
        )
    _check_migrations(manifest["migrations"], using)
    with tempfile.TemporaryDirectory(prefix="binhdang-restore-") as tmp:
        tmpdir = Path(tmp)
        data_names = sorted(n for n in manifest["sha256"] if n.startswith("data/"))
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if member.name in data_names:
                    target = tmpdir / Path(member.name).name
                    with open(target, "wb") as out:
                        shutil.copyfileobj(tar.extractfile(member), out, CHUNK)
        call_command("flush", database=using, interactive=False, verbosity=0)
        fixtures = [
            str(tmpdir / Path(n).name) for n in data_names if (tmpdir / Path(n).name).stat().st_size
        ]
        with transaction.atomic(using=using):
            if fixtures:
                call_command(
                    "loaddata", *fixtures, database=using, verbosity=0, ignorenonexistent=True
                )
        # Files: replace what the storage holds under the same names.
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if not member.name.startswith("media/"):
                    continue
                name = member.name[len("media/") :]
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, File(tar.extractfile(member), name=name))
                if saved != name:
                    raise BackupError(f"The storage renamed {name!r} to {saved!r}.")
        call_command("migrate", database=using, interactive=False, verbosity=0)
    counts = manifest["counts"]
    for model in _models():
        label = model._meta.label_lower
        if label in counts:
            got = model._default_manager.using(using).count()
            if got < counts[label]:
                raise BackupError(f"{label}: {got} rows after restore, {counts[label]} expected.")
    return manifest

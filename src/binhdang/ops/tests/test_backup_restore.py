"""Backup and restore: the round trip gives back the same rows and the same file bytes."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from binhdang.ops.backup import _models

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    # FileSystemStorage forgets its cached location when the setting changes.
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _snapshot() -> dict[str, list[dict]]:
    tables = set(connection.introspection.table_names())
    return {
        m._meta.label_lower: list(m._default_manager.order_by("pk").values())
        for m in _models()
        if m._meta.db_table in tables
    }


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _make_data(world):
    from binhdang.audit.services import record

    record(actor=world.standing_office, action="test.backup", obj=world.commune_a, changes={"x": 1})
    default_storage.save("directives/2025/Kế hoạch số 12.docx", ContentFile(b"PK\x03\x04" * 500))
    default_storage.save("reporting/a/bảng.xlsx", ContentFile(bytes(range(256)) * 40))


def test_it_restores_the_same_rows_and_file_bytes_into_an_empty_database(world, media, tmp_path):
    _make_data(world)
    before_rows = _snapshot()
    before_files = _files(media)
    assert before_rows["orgunits.orgunit"] and len(before_files) == 2
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))

    call_command("flush", interactive=False, verbosity=0)
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not _snapshot()["accounts.user"]

    call_command("restore", str(archive))
    assert _snapshot() == before_rows
    assert _files(media) == before_files


def test_it_refuses_a_database_that_holds_data_unless_forced(world, media, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    world.commune_a.name = "Đổi tên sau khi sao lưu"
    world.commune_a.save()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "Đổi tên sau khi sao lưu"
    call_command("restore", str(archive), force=True)
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "Xã Phú Linh"


def test_it_refuses_a_damaged_archive_before_changing_anything(world, media, tmp_path):
    _make_data(world)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    # Rewrite the archive with one file's bytes changed but the manifest kept.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.startswith("media/reporting"):
                data = b"X" + data[1:]
            dst.addfile(member, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(damaged))
    assert not _snapshot()["accounts.user"]


def test_it_writes_a_manifest_with_migrations_counts_and_checksums(world, media, tmp_path):
    _make_data(world)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["format_version"] == 1
    assert "0001_initial" in manifest["migrations"]["orgunits"]
    assert manifest["counts"]["orgunits.orgunit"] == 8
    assert manifest["counts"]["accounts.user"] == 10  # the ten personas of `world`
    assert set(manifest["sha256"]) == names - {"manifest.json"}
    assert all(len(v) == 64 for v in manifest["sha256"].values())

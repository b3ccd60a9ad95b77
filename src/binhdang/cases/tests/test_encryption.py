"""Test 18 and the encryption part of test 16: identity encrypted at rest (database dump,
`binhdang backup`), the blind index finds a duplicate phone typed another way, key rotation."""

import json
import tarfile

import pytest
from django.core.management import call_command
from django.db import connection

from binhdang.cases import crypto, services
from binhdang.cases.models import Case

NAME = "Nguyễn Thị Hoa"


def test_the_identity_is_unreadable_in_the_database(cw, open_case):
    case = open_case()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_case WHERE id = %s", [case.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
    for plain in (NAME, "0912 345 678", "0912345678", "002192000123", "Nà Nghè"):
        assert plain not in row
    assert crypto.decrypt(Case.objects.get(pk=case.pk).name_enc) == NAME


@pytest.mark.django_db(transaction=True)  # a backup reads in its own transaction
def test_the_identity_is_unreadable_in_a_backup(cw, open_case, tmp_path):
    open_case()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    with tarfile.open(archive) as tar:
        text = "".join(
            tar.extractfile(m).read().decode("utf-8", "replace")
            for m in tar.getmembers()
            if m.isfile() and "cases." in m.name
        )
    assert "cases.case" in text
    assert NAME not in text and json.dumps(NAME)[1:-1] not in text
    assert "002192000123" not in text


def test_the_identity_is_unreadable_in_dumpdata(cw, open_case, capsys):
    open_case()
    call_command("dumpdata", "cases")
    out = capsys.readouterr().out
    assert "cases.case" in out and NAME not in out and "Nguy" not in out


@pytest.mark.parametrize("typed", ["+84 912 345 678", "0912.345.678", "84912345678", "0912345678"])
def test_the_duplicate_search_finds_the_same_phone_typed_another_way(cw, open_case, typed):
    open_case()
    found = services.duplicate_matches(actor=cw.worker2_a, org_unit=cw.world.commune_a, phone=typed)
    assert found == [{"matched_on": "phone", "owner": "Worker A"}]


def test_the_duplicate_search_reveals_only_the_match_and_its_owner(cw, open_case):
    case = open_case()
    found = services.duplicate_matches(
        actor=cw.worker2_a, org_unit=cw.world.commune_a, id_number="002 192 000 123",
        name="NGUYEN THI HOA", birth_year=1992,
    )  # fmt: skip
    assert {f["matched_on"] for f in found} == {"id_number", "name_year"}
    assert all(set(f) == {"matched_on", "owner"} for f in found)
    assert case.code not in str(found)
    assert (
        services.duplicate_matches(
            actor=cw.worker2_a, org_unit=cw.world.commune_a, phone="0987 000 111"
        )
        == []
    )


def test_the_duplicate_search_is_for_case_workers_only(cw, open_case):
    open_case()
    with pytest.raises(services.CaseError):
        services.duplicate_matches(
            actor=cw.world.admin, org_unit=cw.world.commune_a, phone="0912345678"
        )


def test_rotation_re_encrypts_under_a_new_key_and_keeps_the_index(cw, open_case, settings):
    from cryptography.fernet import Fernet

    case = open_case()
    old_token = case.name_enc
    new_key = Fernet.generate_key().decode()
    settings.BINHDANG_CASE_KEYS = [new_key, *settings.BINHDANG_CASE_KEYS]
    crypto.reset_keys()
    try:
        call_command("rotate-case-keys")
        case.refresh_from_db()
        assert case.name_enc != old_token
        assert Fernet(new_key.encode()).decrypt(case.name_enc.encode()).decode() == NAME
        settings.BINHDANG_CASE_KEYS = [new_key]
        crypto.reset_keys()
        assert crypto.decrypt(case.name_enc) == NAME
        assert case.phone_index == crypto.phone_index("0912345678")
    finally:
        crypto.reset_keys()


def test_a_key_file_outside_the_database_is_read(tmp_path, settings):
    path = tmp_path / "keys.json"
    crypto.new_key_file(path)
    settings.BINHDANG_CASE_KEYS = []
    settings.BINHDANG_CASE_KEY_FILE = str(path)
    crypto.reset_keys()
    try:
        token = crypto.encrypt("Lò Thị Mai")
        assert crypto.decrypt(token) == "Lò Thị Mai"
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    finally:
        crypto.reset_keys()


def test_missing_keys_are_refused_with_the_variable_to_set(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.BINHDANG_CASE_KEYS = []
    settings.BINHDANG_CASE_KEY_FILE = ""
    crypto.reset_keys()
    try:
        with pytest.raises(ImproperlyConfigured, match="BINHDANG_CASE_KEYS"):
            crypto.encrypt("x")
    finally:
        crypto.reset_keys()


def test_nfd_names_are_stored_as_nfc(cw, open_case):
    import unicodedata

    case = open_case(name=unicodedata.normalize("NFD", NAME))
    assert crypto.decrypt(case.name_enc) == NAME


def test_notes_perpetrator_and_reporter_are_unreadable_in_the_database(cw, open_case):
    from datetime import datetime

    from django.utils import timezone

    from .conftest import incident_values

    case = open_case()
    services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    services.note_add(actor=cw.worker_a, case=case, text="Chị sợ chồng quay lại")
    services.report_receive(actor=cw.worker_a, org_unit=cw.world.commune_a, channel="hotline",
                            received_at=timezone.make_aware(datetime(2026, 11, 20, 9)),
                            reporter_contact="Bà Lý, 0987 111 222")  # fmt: skip
    with connection.cursor() as cursor:
        dump = ""
        for table in ("cases_incident", "cases_casenote", "cases_report"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump += " ".join(str(v) for row in cursor.fetchall() for v in row)
    for plain in ("Trần Văn Nam", "Chị sợ chồng", "0987 111 222", "Bà Lý"):
        assert plain not in dump

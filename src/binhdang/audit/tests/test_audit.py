import pytest
from django.db import connection, transaction
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.audit.services import record


@pytest.mark.django_db
def test_it_refuses_to_change_or_delete_an_entry(world):
    entry = record(actor=world.admin, action="test.write", obj=world.commune_a)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")


@pytest.mark.django_db
def test_it_is_enforced_by_postgresql_itself(world):
    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only")
    entry = record(actor=world.admin, action="test.write", obj=world.commune_a)
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET action='x' WHERE id=%s", [entry.pk])


@pytest.mark.django_db
def test_it_keeps_entries_when_the_user_is_deleted(world):
    record(actor=world.nobody, action="test.write", obj=world.commune_a)
    world.nobody.delete()
    entry = AuditEntry.objects.get(action="test.write")
    assert entry.actor_label == "nobody"


@pytest.mark.django_db
def test_it_records_the_address_and_filters_for_administrators(world, client, login):
    client.post("/accounts/login/", {"username": "reporter_a", "password": "pw-reporter_a"},
                REMOTE_ADDR="10.1.2.3")  # fmt: skip
    entry = AuditEntry.objects.get(action="auth.login")
    assert entry.ip_address == "10.1.2.3" and entry.actor == world.reporter_a
    page = login(world.admin).get(reverse("audit:list"), {"action": "auth."})
    assert b"reporter_a" in page.content
    assert login(world.standing_office).get(reverse("audit:list")).status_code == 404

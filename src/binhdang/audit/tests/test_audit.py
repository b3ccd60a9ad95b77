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
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id >= %s",
    ],
)
def test_the_database_itself_refuses_to_change_or_delete_an_entry(world, sql):
    entry = record(actor=world.admin, action="test.write", obj=world.commune_a)
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.write"


@pytest.mark.django_db(transaction=True)
def test_the_owner_can_still_empty_the_whole_database(world):
    from django.core.management import call_command

    record(actor=world.admin, action="test.write", obj=world.commune_a)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    entry = record(actor=None, action="test.after_flush")
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])


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


@pytest.mark.django_db
def test_it_shows_actions_and_changes_as_readable_vietnamese(world, client, login):
    from binhdang.reporting import services as reporting
    from binhdang.reporting.tests.factories import fill, make_round
    from tests.html_forms import forms

    client.post("/accounts/login/", {"username": "reporter_a", "password": "pw-reporter_a"})
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    reporting.submission_accept(actor=world.standing_office, submission=submission)
    record(actor=world.admin, action="future.thing", obj=world.commune_a, changes={"x": 1})

    admin = login(world.admin)
    html = admin.get(reverse("audit:list")).content.decode()
    table = html.split("<tbody>", 1)[1]
    assert "auth.login" not in table and "submission.accept" not in table
    assert "Đăng nhập" in table and "Gửi báo cáo" in table and "Tiếp nhận báo cáo" in table
    assert "Đã gửi → Đã tiếp nhận" in table  # status: submitted -> accepted, by the choices
    assert "{&#x27;status&#x27;" not in table and "{'status'" not in table
    assert "Thao tác khác (future.thing)" in table

    # The action filter lists the Vietnamese names; choosing one shows only those entries.
    (form,) = [f for f in forms(html) if "action" in f.names(tag="select")]
    labels = [o.label for o in form.control("action").options]
    assert "Tiếp nhận báo cáo" in labels and "submission.accept" not in labels
    accept = form.option("action", "Tiếp nhận báo cáo")
    filtered = admin.get(reverse("audit:list"), {**form.data(), "action": accept})
    body = filtered.content.decode().split("<tbody>", 1)[1]
    assert "Tiếp nhận báo cáo" in body and "Đăng nhập" not in body and "Gửi báo cáo" not in body


def test_it_names_the_units_an_entry_acted_on_instead_of_printing_their_ids(world, login):
    ids = [world.commune_a.pk, world.commune_b.pk]
    record(actor=world.standing_office, action="reminder.send", obj=world.district,
           changes={"units": ids, "sent": 1234, "unit_id": world.commune_a.pk})  # fmt: skip
    html = login(world.admin).get(reverse("audit:list")).content.decode()
    table = html.split("<tbody>", 1)[1]
    assert "Xã Phú Linh, Xã Kim Thạch" in table
    assert f"{world.commune_a.pk:,}".replace(",", ".") not in table  # never "100.123"
    assert str(world.commune_a.pk) in table  # an id detail prints plainly
    assert "1.234" in table  # a count reads as a number


@pytest.mark.django_db
def test_an_access_to_a_sensitive_record_is_logged_with_the_client_address(world, rf):
    from binhdang.audit.services import record_access

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    entry = record_access(
        actor=world.standing_office, obj=world.reporter_a, org_unit=world.commune_a,
        request=request, details={"section": "contact"},
    )  # fmt: skip
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.sensitive_read and stored.action == "access.read"
    assert stored.ip_address == "198.51.100.4"  # through the trusted proxy, not the proxy
    assert stored.actor == world.standing_office and stored.org_unit == world.commune_a
    assert stored.object_id == str(world.reporter_a.pk)


@pytest.mark.django_db
def test_the_filter_shows_only_access_to_sensitive_records(world, login):
    from binhdang.audit.services import record_access
    from tests.html_forms import form

    record(actor=world.standing_office, action="directive.create", obj=world.district)
    record_access(actor=world.leader, obj=world.reporter_b, org_unit=world.commune_b)
    admin = login(world.admin)

    html = admin.get(reverse("audit:list")).content.decode()
    table = html.split("<tbody>", 1)[1]
    assert "Tạo văn bản chỉ đạo" in table and "Xem một hồ sơ nhạy cảm" in table
    filters = form(html, has="sensitive_only")
    assert filters.control("sensitive_only").attrs.get("type") == "checkbox"
    pressed = admin.get(reverse("audit:list"), filters.data(sensitive_only="on"))
    body = pressed.content.decode().split("<tbody>", 1)[1]
    assert "Xem một hồ sơ nhạy cảm" in body and "leader" in body
    assert "Tạo văn bản chỉ đạo" not in body
    # Reading the log is itself such an access: the first look is listed now.
    assert "Đọc nhật ký hệ thống" in body and body.count("admin") >= 1
    reads = AuditEntry.objects.filter(action="access.audit_log", actor=world.admin)
    assert reads.count() == 2 and all(e.sensitive_read for e in reads)
    assert reads.first().changes["filters"] == {"sensitive_only": True}

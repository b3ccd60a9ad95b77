"""On SQLite too, the database itself refuses UPDATE and DELETE on the audit log
(PostgreSQL has done so since 0003)."""

from django.db import migrations

from binhdang.audit.append_only import create_sqlite_triggers, drop_sqlite_triggers


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            create_sqlite_triggers(cursor)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            drop_sqlite_triggers(cursor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_trigger")]
    operations = [migrations.RunPython(create, drop)]

"""Django's flush, which on SQLite empties tables with DELETE: the audit log's triggers refuse
that, so they are lifted for the flush and put back after it. On PostgreSQL flush uses
TRUNCATE, which the owner may run and the application's role may not."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from binhdang.audit.append_only import create_sqlite_triggers, drop_sqlite_triggers


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            has_log = "audit_auditentry" in connection.introspection.table_names(cursor)
            if has_log:
                drop_sqlite_triggers(cursor)
        try:
            return super().handle(**options)
        finally:
            if has_log:
                with connection.cursor() as cursor:
                    create_sqlite_triggers(cursor)

"""The database's own refusal to change or delete an audit entry.

PostgreSQL: a row trigger (migration 0003) raises on UPDATE and DELETE, and the application's
database role may neither change the table nor drop the trigger (`binhdang setup-db-roles`).
SQLite: two triggers raise the same way. SQLite rebuilds a table to alter it, which drops its
triggers: a migration that alters the audit table recreates them (`create_sqlite_triggers`),
and the test of the triggers runs on the migrated test database, so a missing one is seen.

Emptying the whole database stays possible for its owner: TRUNCATE on PostgreSQL (no row
trigger fires), and on SQLite `binhdang flush` lifts the triggers for the flush only
(audit/management/commands/flush.py), which `binhdang restore --force` and test databases use.
"""

MESSAGE = "The audit log is append-only."
SQLITE_TRIGGERS = {
    "audit_entry_no_update": "UPDATE",
    "audit_entry_no_delete": "DELETE",
}


def create_sqlite_triggers(cursor) -> None:
    for name, event in SQLITE_TRIGGERS.items():
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON audit_auditentry "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def drop_sqlite_triggers(cursor) -> None:
    for name in SQLITE_TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")

"""PostgreSQL: the application's own database role, which cannot rewrite the audit log.

The owner role (the one that runs `binhdang migrate`) owns every table. The application role
(gunicorn, the workers, the timer) may read and write every table except the audit log, where
it may only read and append: no UPDATE, no DELETE, no TRUNCATE, and, not being the owner, no
ALTER TABLE ... DISABLE TRIGGER nor DROP TRIGGER. Tables created by later migrations get the
same grants through default privileges; running `setup-db-roles` again after a migration is
harmless and puts every grant back as described here.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from binhdang.audit.models import AuditEntry


class RoleSetupError(Exception):
    """The roles cannot be set up; `str(exc)` says why."""


@dataclass
class RoleSetup:
    owner: str
    app_role: str
    created: bool
    tables: int


def setup_db_roles(
    app_role: str, *, password: str | None = None, using: str = DEFAULT_DB_ALIAS
) -> RoleSetup:
    """Grant `app_role` what the application needs on the current database, run as the
    owner of the tables; create the role first if missing (LOGIN, no other attribute), when
    the owner may create roles (else the database administrator creates it)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise RoleSetupError("Database roles are set up on PostgreSQL only.")
    audit_table = AuditEntry._meta.db_table
    role = connection.ops.quote_name(app_role)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        if app_role == owner:
            raise RoleSetupError(
                f"The application role must not be the owner ({owner}): run this command "
                "as the owner, with the application role's name."
            )
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s", [audit_table])
        row = cursor.fetchone()
        if row is None:
            raise RoleSetupError("The database is not migrated yet: run `binhdang migrate` first.")
        if row[0] != owner:
            raise RoleSetupError(
                f"Run this command as the owner of the tables ({row[0]}), not as {owner}."
            )
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [app_role])
        existing = cursor.fetchone()
        if existing is not None and (existing[0] or existing[1]):
            raise RoleSetupError(
                f"{app_role} is a superuser (or bypasses row security): the grants below "
                "would not hold it. Use a plain role."
            )
        if existing is None:
            cursor.execute(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
            )
            if not cursor.fetchone()[0]:
                raise RoleSetupError(
                    f"The role {app_role} does not exist and {owner} may not create roles: "
                    f"create it with `sudo -u postgres createuser --pwprompt {app_role}`, "
                    "then run this command again."
                )
            cursor.execute(f"CREATE ROLE {role} LOGIN")
        if password:
            cursor.execute(f"ALTER ROLE {role} PASSWORD %s", [password])

        quoted = connection.ops.quote_name
        db, sch, log = quoted(database), quoted(schema), quoted(audit_table)
        for statement in (
            f"GRANT CONNECT ON DATABASE {db} TO {role}",
            f"GRANT USAGE ON SCHEMA {sch} TO {role}",
            f"REVOKE CREATE ON SCHEMA {sch} FROM {role}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {sch} FROM {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {role}",
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {log} FROM {role}",
            f"REVOKE ALL ON {log} FROM PUBLIC",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {role}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quoted(owner)} IN SCHEMA {sch} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quoted(owner)} IN SCHEMA {sch} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {role}",
        ):
            cursor.execute(statement)
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s", [schema])
        tables = cursor.fetchone()[0]
    return RoleSetup(owner=owner, app_role=app_role, created=existing is None, tables=tables)

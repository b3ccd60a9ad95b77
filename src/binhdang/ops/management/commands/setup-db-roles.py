import os

from django.core.management.base import BaseCommand, CommandError

from binhdang.ops.db_roles import RoleSetupError, setup_db_roles


class Command(BaseCommand):
    help = (
        "PostgreSQL, run as the owner of the tables after `migrate`: create the application's "
        "database role if missing and grant it read/write on every table except the audit "
        "log, where it may only read and append (deploy/README.md, 'Database roles'). "
        "The role's password, if any, is read from BINHDANG_APP_DB_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--app-role", default="binhdang_app")
        parser.add_argument("--database", default="default")

    def handle(self, *args, app_role, database, **options):
        try:
            result = setup_db_roles(
                app_role, password=os.environ.get("BINHDANG_APP_DB_PASSWORD"), using=database
            )
        except RoleSetupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Role {result.app_role} {'created and ' if result.created else ''}granted: "
            f"read/write on {result.tables - 1} tables, read and append on the audit log; "
            f"owner {result.owner}."
        )

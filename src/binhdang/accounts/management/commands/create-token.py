from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from binhdang.accounts.models import TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, User
from binhdang.accounts.services import AccountError, token_create_at_command_line


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument(
            "--days",
            type=int,
            default=TOKEN_DEFAULT_DAYS,
            help=f"days the token stays valid (1 to {TOKEN_MAX_DAYS}, default {TOKEN_DEFAULT_DAYS})",
        )

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        try:
            api_token, secret = token_create_at_command_line(owner=user, name=name, days=days)
        except AccountError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"Valid until {timezone.localtime(api_token.expires_at):%d/%m/%Y %H:%M}.")
        self.stdout.write(secret)

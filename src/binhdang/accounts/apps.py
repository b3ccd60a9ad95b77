from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "binhdang.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login/logout audit hooks)
        from .permissions import ACCOUNTS_PERMISSIONS, register_permissions

        register_permissions(self.label, ACCOUNTS_PERMISSIONS)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "binhdang.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from binhdang.accounts.permissions import ROUND_VIEW
        from binhdang.core.registry import NavEntry, register_nav

        register_nav(NavEntry(_("Reports"), "documents:list", ROUND_VIEW, 60))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgUnitsConfig(AppConfig):
    name = "binhdang.orgunits"
    label = "orgunits"
    verbose_name = _("Organisation units")

    def ready(self) -> None:
        from binhdang.core.registry import NavEntry, register_nav, register_permissions

        from .permissions import ORGUNIT_VIEW, PERMISSIONS

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Units"), "orgunits:tree", ORGUNIT_VIEW, order=80))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgUnitsConfig(AppConfig):
    name = "binhdang.orgunits"
    label = "orgunits"
    verbose_name = _("Organisation units")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed

        from binhdang.core.registry import NavEntry, register_nav, register_permissions

        from .models import OrgUnit, UnitGroup, groups_changed, units_changed
        from .permissions import ORGUNIT_VIEW, PERMISSIONS

        m2m_changed.connect(
            groups_changed, sender=UnitGroup.members.through, dispatch_uid="groups_changed"
        )

        m2m_changed.connect(
            units_changed, sender=OrgUnit.successors.through, dispatch_uid="successors_changed"
        )

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Units"), "orgunits:tree", ORGUNIT_VIEW, order=80))

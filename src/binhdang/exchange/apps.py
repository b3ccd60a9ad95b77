from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "binhdang.exchange"
    label = "exchange"
    verbose_name = _("Electronic exchange")

    def ready(self) -> None:
        from binhdang.core.registry import NavEntry, register_nav, register_permissions
        from binhdang.core.uploads import UploadInspector, register_upload_inspector
        from binhdang.directives.permissions import DIRECTIVE_MANAGE
        from binhdang.documents.panels import register_job_panel, register_version_panel

        from .permissions import PERMISSIONS
        from .registry import EdxmlFileService, register_exchange_service
        from .services import inspect_upload
        from .views import job_panel, signature_finding, version_panel

        register_permissions(self.label, PERMISSIONS)
        register_nav(NavEntry(_("Receive documents"), "exchange:import", DIRECTIVE_MANAGE, 25))
        register_upload_inspector(
            UploadInspector("pdf-signature", inspect=inspect_upload, finding=signature_finding)
        )
        register_version_panel(version_panel)
        register_job_panel(job_panel)
        register_exchange_service(EdxmlFileService())

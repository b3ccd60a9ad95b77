from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from binhdang.api import api
from binhdang.core.registry import app_urlpatterns
from binhdang.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # The pages of every installed app whose urls.py names its URL_PREFIX.
    *app_urlpatterns(),
    path("", include("binhdang.core.urls")),
]

handler400 = "binhdang.core.errors.bad_request"
handler404 = "binhdang.core.errors.not_found"
handler500 = "binhdang.core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

from django.urls import path

from . import views

app_name = "exchange"
URL_PREFIX = "exchange/"
urlpatterns = [
    path("reports/<int:round_id>/versions/<int:number>/sign/", views.sign, name="sign"),
    path("reports/<int:round_id>/versions/<int:number>/edxml/", views.export, name="export"),
    path("jobs/<int:pk>/sign/", views.sign_job, name="sign_job"),
    path("signed/<int:pk>/", views.signed_download, name="signed_download"),
    path("checks/<int:pk>/", views.check, name="check"),
    path("checks/<int:pk>/recheck/", views.recheck, name="recheck"),
    path("directives/<int:pk>/edxml/", views.directive_export, name="directive_export"),
    path("import/", views.import_view, name="import"),
]

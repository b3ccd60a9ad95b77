from django.urls import path

from . import views

app_name = "servicemodels"
URL_PREFIX = "servicemodels/"

urlpatterns = [
    path("", views.model_list, name="list"),
    path("new/", views.model_create, name="create"),
    path("template.xlsx", views.model_template, name="template"),
    path("upload/", views.model_upload, name="upload"),
    path("export.xlsx", views.model_export, name="export"),
    path("periods/template.xlsx", views.period_template, name="period_template"),
    path("periods/upload/", views.period_upload, name="period_upload"),
    path("periods/export.xlsx", views.period_export, name="period_export"),
    path("replication/", views.replication, name="replication"),
    path("replication/export.xlsx", views.replication_export, name="replication_export"),
    path("communes/<int:pk>/profile/", views.commune_profile, name="commune_profile"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/edit/", views.model_edit, name="edit"),
    path("<int:pk>/status/", views.model_status, name="status"),
    path("<int:pk>/periods/new/", views.period_create, name="period_create"),
    path("periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("<int:pk>/evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path("evaluations/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]

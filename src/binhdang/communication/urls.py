from django.urls import path

from . import views

app_name = "communication"
URL_PREFIX = "communication/"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("template.xlsx", views.activity_template, name="template"),
    path("export.xlsx", views.activity_export, name="export"),
    path("upload/", views.activity_upload, name="upload"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("<int:pk>/files/", views.file_upload, name="file_upload"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("files/<int:pk>/delete/", views.file_delete, name="file_delete"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("role-models/", views.role_model_list, name="role_models"),
    path("role-models/new/", views.role_model_create, name="role_model_create"),
    path("role-models/template.xlsx", views.role_model_template, name="role_model_template"),
    path("role-models/export.xlsx", views.role_model_export, name="role_model_export"),
    path("role-models/upload/", views.role_model_upload, name="role_model_upload"),
    path("role-models/<int:pk>/", views.role_model_detail, name="role_model"),
    path("role-models/<int:pk>/edit/", views.role_model_edit, name="role_model_edit"),
    path("role-models/<int:pk>/delete/", views.role_model_delete, name="role_model_delete"),
]

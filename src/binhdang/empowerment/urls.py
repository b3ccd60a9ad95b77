from django.urls import path

from . import views

app_name = "empowerment"
URL_PREFIX = "empowerment/"

urlpatterns = [
    path("", views.support_list, name="list"),
    path("new/", views.support_create, name="create"),
    path("template.xlsx", views.support_template, name="template"),
    path("upload/", views.support_upload, name="upload"),
    path("export.xlsx", views.support_export, name="export"),
    path("<int:pk>/", views.support_detail, name="detail"),
    path("<int:pk>/edit/", views.support_edit, name="edit"),
    path("<int:pk>/delete/", views.support_delete, name="delete"),
]

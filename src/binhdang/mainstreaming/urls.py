from django.urls import path

from . import views

app_name = "mainstreaming"
URL_PREFIX = "mainstreaming/"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("summary/", views.summary, name="summary"),
    path("export/", views.export, name="export"),
    path("template/", views.template, name="template"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/delete/", views.document_delete, name="delete"),
]

from django.urls import path

from . import views

app_name = "budget"
URL_PREFIX = "budget/"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create, name="create"),
    path("summary/", views.summary, name="summary"),
    path("export/", views.export, name="export"),
    path("template/", views.template, name="template"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/delete/", views.entry_delete, name="delete"),
]

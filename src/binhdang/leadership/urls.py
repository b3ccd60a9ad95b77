from django.urls import path

from . import views

app_name = "leadership"
URL_PREFIX = "leadership/"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:kind>/", views.record_list, name="list"),
    path("<slug:kind>/new/", views.record_create, name="create"),
    path("<slug:kind>/template/", views.record_template, name="template"),
    path("<slug:kind>/upload/", views.record_upload, name="upload"),
    path("<slug:kind>/export/", views.record_export, name="export"),
    path("<slug:kind>/<int:pk>/", views.record_detail, name="record"),
    path("<slug:kind>/<int:pk>/edit/", views.record_edit, name="edit"),
    path("<slug:kind>/<int:pk>/delete/", views.record_delete, name="delete"),
]

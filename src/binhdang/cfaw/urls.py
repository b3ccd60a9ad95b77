from django.urls import path

from . import views

app_name = "cfaw"
URL_PREFIX = "cfaw/"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.committee_create, name="committee_create"),
    path("committee/<int:pk>/", views.committee_detail, name="detail"),
    path("committee/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    path("committee/<int:pk>/kien-toan/", views.reconstitute, name="reconstitute"),
    path("decisions/<int:pk>/file/", views.decision_file, name="decision_file"),
    path("<slug:kind>/", views.record_list, name="list"),
    path("<slug:kind>/new/", views.record_create, name="create"),
    path("<slug:kind>/template/", views.record_template, name="template"),
    path("<slug:kind>/upload/", views.record_upload, name="upload"),
    path("<slug:kind>/export/", views.record_export, name="export"),
    path("<slug:kind>/<int:pk>/", views.record_detail, name="record"),
    path("<slug:kind>/<int:pk>/file/", views.record_file, name="file"),
    path("<slug:kind>/<int:pk>/edit/", views.record_edit, name="edit"),
    path("<slug:kind>/<int:pk>/delete/", views.record_delete, name="delete"),
]

from django.urls import path

from . import views

app_name = "inspections"
URL_PREFIX = "inspections/"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_create, name="create"),
    path("export/", views.inspection_export, name="export"),
    path("template/", views.inspection_template, name="template"),
    path("upload/", views.inspection_upload, name="upload"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/edit/", views.inspection_edit, name="edit"),
    path("<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/files/", views.file_add, name="file_add"),
    path("follow-ups/<int:pk>/status/", views.follow_up_status, name="follow_up_status"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/export/", views.complaint_export, name="complaint_export"),
    path("complaints/template/", views.complaint_template, name="complaint_template"),
    path("complaints/upload/", views.complaint_upload, name="complaint_upload"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/edit/", views.complaint_edit, name="complaint_edit"),
    path("complaints/<int:pk>/progress/", views.complaint_progress, name="complaint_progress"),
    path("complaints/<int:pk>/identity/", views.complaint_identity, name="complaint_identity"),
    path("complaints/<int:pk>/handlers/", views.handler_add, name="handler_add"),
    path(
        "complaints/<int:pk>/handlers/<int:user_pk>/remove/",
        views.handler_remove,
        name="handler_remove",
    ),
]

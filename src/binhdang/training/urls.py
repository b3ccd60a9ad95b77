from django.urls import path

from . import views

app_name = "training"
URL_PREFIX = "training/"
urlpatterns = [
    path("", views.course_list, name="list"),
    path("new/", views.course_create, name="create"),
    path("template.xlsx", views.course_template, name="template"),
    path("export.xlsx", views.course_export, name="export"),
    path("upload/", views.course_upload, name="upload"),
    path("<int:pk>/", views.course_detail, name="detail"),
    path("<int:pk>/edit/", views.course_edit, name="edit"),
    path("<int:pk>/delete/", views.course_delete, name="delete"),
    path("<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("participants/<int:pk>/delete/", views.participant_remove, name="participant_remove"),
]

from django.urls import path

from . import views

app_name = "directives"
URL_PREFIX = "directives/"
urlpatterns = [
    path("", views.directive_list, name="list"),
    path("new/", views.directive_create, name="create"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("by-unit/", views.by_unit, name="by_unit"),
    path("by-unit/<int:unit_pk>/", views.by_unit_detail, name="by_unit_detail"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path(
        "assignments/<int:pk>/readdress/",
        views.assignment_readdress,
        name="assignment_readdress",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/", views.directive_detail, name="detail"),
    path("<int:pk>/edit/", views.directive_edit, name="edit"),
    path("<int:pk>/issue/", views.directive_issue, name="issue"),
    path("<int:pk>/close/", views.directive_close, name="close"),
    path("<int:pk>/carry-down/", views.directive_carry_down, name="carry_down"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/by-task/", views.by_task, name="by_task"),
]

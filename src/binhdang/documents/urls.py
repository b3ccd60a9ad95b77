from django.urls import path

from . import views

app_name = "documents"
URL_PREFIX = "documents/"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("rounds/<int:round_id>/", views.round_report, name="round"),
    path("rounds/<int:round_id>/compile/", views.compile_view, name="compile"),
    path("rounds/<int:round_id>/header/", views.header_view, name="header"),
    path("rounds/<int:round_id>/status/", views.status_view, name="status"),
    path("rounds/<int:round_id>/sections/<int:section_id>/", views.section_view, name="section"),
    path(
        "rounds/<int:round_id>/sections/<int:section_id>/new/<int:unit_id>/",
        views.pending_view,
        name="pending",
    ),
    path("rounds/<int:round_id>/sent/", views.send_record_view, name="send_record"),
    path("rounds/<int:round_id>/upward/", views.submit_upward_view, name="submit_upward"),
    path(
        "rounds/<int:round_id>/versions/<int:number>/<str:fmt>/",
        views.version_download,
        name="version_download",
    ),
    path("directives/<int:pk>/", views.directive_view, name="directive"),
    path("submissions/<int:pk>/", views.submission_view, name="submission"),
    path("jobs/new/", views.job_create_view, name="job_create"),
    path("jobs/<int:pk>/", views.job_view, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobs/<int:pk>/download/", views.download, name="download"),
]

from django.urls import path

from . import views

app_name = "reporting"
URL_PREFIX = "rounds/"

unit = "<slug:slug>/units/<int:unit_id>/"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create, name="round_create"),
    path("<slug:slug>/", views.round_detail, name="detail"),
    path("<slug:slug>/completeness.xlsx", views.completeness_export, name="export"),
    path("<slug:slug>/open/", views.round_open_view, name="open"),
    path("<slug:slug>/regime/", views.regime_edit, name="regime"),
    path("<slug:slug>/sections/add/", views.section_add, name="section_add"),
    path("<slug:slug>/fields/add/", views.field_add, name="field_add"),
    path("<slug:slug>/remind/", views.remind, name="remind"),
    path(unit, views.submission_page, name="submission"),
    path(unit + "autosave/", views.autosave, name="autosave"),
    path(unit + "approve/", views.approve, name="approve"),
    path(unit + "review/", views.review, name="review"),
    path(unit + "reopen/", views.reopen, name="reopen"),
    path(unit + "correct/", views.correct_values, name="correct"),
    path(unit + "versions/", views.versions, name="versions"),
    path(unit + "attachments/", views.attachment_upload, name="attach"),
    path(unit + "readdress/", views.readdress, name="readdress"),
    path(unit + "attachments/<int:pk>/", views.attachment_download, name="attachment"),
]

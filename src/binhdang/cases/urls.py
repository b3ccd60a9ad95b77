from django.urls import path

from . import views, views_forms

app_name = "cases"
URL_PREFIX = "cases/"

urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export_list, name="export"),
    path("reports/new/", views.report_new, name="report_new"),
    path("new/", views.case_new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/identity/", views.unmask, name="unmask"),
    path("<int:pk>/do/<slug:action>/", views.act, name="act"),
    path("<int:pk>/access-log/", views.access_log, name="access_log"),
    path("<int:pk>/export/", views.identifiable_export, name="identifiable_export"),
    path("access-log/", views.access_log_all, name="access_log_all"),
    path("referrals/<int:pk>/", views.referral, name="referral"),
    path("emergency-access/", views.break_glass, name="break_glass"),
    path("emergency-access/<int:pk>/", views.break_glass_review, name="break_glass_review"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    path("statistics/forms/", views_forms.report_forms, name="report_forms"),
    path("statistics/forms/fill/", views_forms.report_form_fill, name="report_form_fill"),
    path(
        "statistics/forms/<slug:form>/template/",
        views_forms.report_form_template,
        name="report_form_template",
    ),  # fmt: skip
    path(
        "statistics/forms/<slug:form>/upload/",
        views_forms.report_form_upload,
        name="report_form_upload",
    ),  # fmt: skip
    path(
        "statistics/forms/<slug:form>/reset/",
        views_forms.report_form_reset,
        name="report_form_reset",
    ),  # fmt: skip
    path("personal-data/", views.processing, name="processing"),
]

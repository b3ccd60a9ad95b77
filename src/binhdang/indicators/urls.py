from django.urls import path

from . import dhis2_views, views

app_name = "indicators"
URL_PREFIX = "indicators/"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("upload/", views.upload, name="upload"),
    path("dhis2/import/", dhis2_views.dhis2_import, name="dhis2_import"),
    path("dhis2/import/<int:pk>/", dhis2_views.dhis2_batch, name="dhis2_batch"),
    path("dhis2/import/<int:pk>/apply/", dhis2_views.dhis2_apply, name="dhis2_apply"),
    path("dhis2/mappings/", dhis2_views.dhis2_mappings, name="dhis2_mappings"),
    path("dhis2/mappings/<str:kind>/add/", dhis2_views.dhis2_mapping_add, name="dhis2_mapping_add"),
    path(
        "dhis2/mappings/<str:kind>/<int:pk>/remove/",
        dhis2_views.dhis2_mapping_remove,
        name="dhis2_mapping_remove",
    ),
    path("unit/<int:pk>/", views.dashboard, name="dashboard"),
    path("unit/<int:pk>/export/<str:fmt>/", views.dashboard_export, name="dashboard_export"),
    path("unit/<int:pk>/dhis2/<int:year>/", views.dhis2_export, name="dhis2"),
    path("unit/<int:pk>/entry/<int:year>/", views.entry, name="entry"),
    path("unit/<int:pk>/template/<int:year>/", views.template_download, name="template"),
    path("unit/<int:pk>/history/<int:year>/", views.history, name="history"),
    path("unit/<int:pk>/i/<str:code>/", views.indicator_detail, name="detail"),
    path(
        "unit/<int:pk>/i/<str:code>/export/<str:fmt>/",
        views.children_export,
        name="children_export",
    ),
    path("unit/<int:pk>/i/<str:code>/assess/<int:year>/", views.assess, name="assess"),
]

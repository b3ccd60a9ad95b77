from django.urls import path

from . import views

app_name = "indicators"
URL_PREFIX = "indicators/"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("upload/", views.upload, name="upload"),
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

from django.urls import path

from . import views

app_name = "orgunits"
URL_PREFIX = "units/"
urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
]

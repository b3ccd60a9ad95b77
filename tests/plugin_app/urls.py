from django.urls import path

from . import views

app_name = "field_visits"
URL_PREFIX = "visits/"

urlpatterns = [path("", views.index, name="index")]

from django.urls import path

from . import views

app_name = "audit"
URL_PREFIX = "audit/"
urlpatterns = [path("", views.audit_list, name="list")]

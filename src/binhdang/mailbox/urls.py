from django.urls import path

from . import views

app_name = "mailbox"
URL_PREFIX = "mailbox/"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/raw/", views.message_raw, name="raw"),
    path("<int:pk>/assign/", views.message_assign, name="assign"),
    path("<int:pk>/reject/", views.message_reject, name="reject"),
    path("addresses/", views.address_list, name="addresses"),
    path("addresses/add/", views.address_add, name="address_add"),
    path("addresses/<int:pk>/remove/", views.address_remove, name="address_remove"),
]

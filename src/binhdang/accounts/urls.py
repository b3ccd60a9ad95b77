from django.contrib.auth import views as auth_views
from django.urls import path

from . import password_reset_views, views

app_name = "accounts"
URL_PREFIX = "accounts/"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/reset/",
        password_reset_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        password_reset_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("users/", views.user_list, name="users"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("moves/", views.membership_moves, name="moves"),
    path("moves/<int:pk>/confirm/", views.move_confirm_view, name="move_confirm"),
    path("moves/<int:pk>/reject/", views.move_reject_view, name="move_reject"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("users/<int:user_id>/tokens/", views.user_tokens, name="user_tokens"),
]

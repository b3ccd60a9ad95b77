from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import LoginForm, UserCreateForm
from .permissions import USER_MANAGE
from .scoping import has_permission, units_for
from .selectors import memberships_managed_by, own_memberships, users_managed_by
from .services import membership_delete, user_create


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    # Django re-keys the current session and every other session of the user stops
    # working, because the session hash covers the password hash.
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(
            self.request, _("Your password was changed. Other sessions were signed out.")
        )
        return super().form_valid(form)


@login_required
def profile(request):
    memberships = own_memberships(request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "can_manage_users": has_permission(request.user, USER_MANAGE),
        },
    )


@login_required
def user_list(request):
    if not has_permission(request.user, USER_MANAGE):
        raise Http404
    units = units_for(request.user, USER_MANAGE).order_by("path")
    if request.method == "POST":
        form = UserCreateForm(request.POST, units=units)
        if form.is_valid():
            user_create(actor=request.user, request=request, **form.cleaned_data)
            messages.success(
                request, _("The account was created and a link to set a password was e-mailed.")
            )
            return redirect("accounts:users")
    else:
        form = UserCreateForm(units=units)
    return render(
        request,
        "accounts/users.html",
        {"users": users_managed_by(request.user)[:500], "form": form},
    )


@login_required
@require_POST
def membership_remove(request, pk: int):
    membership = get_object_or_404(memberships_managed_by(request.user), pk=pk)
    membership_delete(actor=request.user, membership=membership)
    messages.success(request, _("The membership was removed."))
    return redirect("accounts:users")

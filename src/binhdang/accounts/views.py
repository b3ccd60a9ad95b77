from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.formats.numbers import parse_id

from .forms import LoginForm, TokenCreateForm, UserCreateForm
from .permissions import USER_MANAGE
from .scoping import has_permission, units_for
from .selectors import (
    key_owners_managed_by,
    managed_user,
    memberships_managed_by,
    move_for,
    move_unit,
    open_moves_for,
    own_memberships,
    removable_memberships,
    token_for,
    tokens_of,
    users_managed_by,
)
from .services import (
    AccountError,
    membership_delete,
    move_confirm,
    move_reject,
    token_create,
    token_revoke,
    user_create,
)


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
    units = units_for(request.user, USER_MANAGE).current().order_by("path")
    if request.method == "POST":
        form = UserCreateForm(request.POST, actor=request.user, units=units)
        if form.is_valid():
            try:
                user_create(actor=request.user, request=request, **form.cleaned_data)
            except AccountError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("The account was created and a link to set a password was e-mailed."),
                )
                return redirect("accounts:users")
    else:
        form = UserCreateForm(actor=request.user, units=units)
    users = list(users_managed_by(request.user)[:500])
    return render(
        request,
        "accounts/users.html",
        {
            "users": users,
            "form": form,
            "keys_managed": key_owners_managed_by(request.user, users),
            "removable": removable_memberships(request.user, users),
        },
    )


@login_required
@require_POST
def membership_remove(request, pk: int):
    membership = get_object_or_404(memberships_managed_by(request.user), pk=pk)
    try:
        membership_delete(actor=request.user, membership=membership)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The membership was removed."))
    return redirect("accounts:users")


@login_required
def tokens(request):
    """The signed-in user's own API keys: create one (its secret is shown on this answer
    only), see when each was last used, revoke."""
    secret = None
    if request.method == "POST":
        form = TokenCreateForm(request.POST)
        if form.is_valid():
            try:
                _token, secret = token_create(actor=request.user, **form.cleaned_data)
            except AccountError as exc:
                form.add_error(None, str(exc))
            else:
                form = TokenCreateForm()
    else:
        form = TokenCreateForm()
    response = render(
        request,
        "accounts/tokens.html",
        {"tokens": tokens_of(request.user), "form": form, "secret": secret, "owner": None},
    )
    if secret is not None:
        response["Cache-Control"] = "no-store"
    return response


@login_required
def user_tokens(request, user_id: int):
    """The API keys of a user of the actor's units, for a user manager to revoke."""
    owner = managed_user(request.user, user_id)
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": tokens_of(owner), "form": None, "secret": None, "owner": owner},
    )


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    api_token = token_for(request.user, pk)
    try:
        token_revoke(actor=request.user, api_token=api_token)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The key was revoked: it no longer works."))
    if api_token.user_id == request.user.pk:
        return redirect("accounts:tokens")
    return redirect("accounts:user_tokens", user_id=api_token.user_id)


@login_required
def membership_moves(request):
    """ "Chuyển người dùng sang đơn vị mới": the proposed moves of the actor's units, grouped
    by closed unit, each confirmed (to one of its successors) or rejected."""
    if not has_permission(request.user, USER_MANAGE):
        raise Http404
    groups: dict[int, dict] = {}
    for move in open_moves_for(request.user)[:1000]:
        groups.setdefault(move.from_unit_id, {"unit": move.from_unit, "moves": []})
        groups[move.from_unit_id]["moves"].append(move)
    return render(request, "accounts/moves.html", {"groups": list(groups.values())})


@login_required
@require_POST
def move_confirm_view(request, pk: int):
    move = move_for(request.user, pk)
    unit = move_unit(move, parse_id(request.POST.get("unit", "")))
    try:
        if unit is None:
            raise AccountError(_("Choose one of the units that took over from the closed unit."))
        move_confirm(actor=request.user, move=move, unit=unit)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(user)s now works at %(unit)s.") % {"user": move.user, "unit": unit.name},
        )
    return redirect("accounts:moves")


@login_required
@require_POST
def move_reject_view(request, pk: int):
    move = move_for(request.user, pk)
    try:
        move_reject(actor=request.user, move=move)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The membership stays where it was."))
    return redirect("accounts:moves")

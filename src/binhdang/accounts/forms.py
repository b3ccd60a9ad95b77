from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from binhdang.orgunits.models import OrgUnit

from .models import TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, User
from .permissions import Role, Scope
from .scoping import grant_refusal, grantable


class LoginForm(AuthenticationForm):
    # One message for every failure: it must not tell whether the user name exists.
    error_messages = {
        "invalid_login": _("The user name or password is not correct."),
        "inactive": _("The user name or password is not correct."),
    }


class OfferedChoiceField(forms.ChoiceField):
    """Shows only the choices offered but accepts any of `accepted`, so a value that was not
    offered reaches `clean()` and is refused with the reason rather than "not a valid
    choice"."""

    def __init__(self, *args, accepted=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = set(accepted)

    def valid_value(self, value):
        return value in self.accepted or super().valid_value(value)


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    org_unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    role = OfferedChoiceField(label=_("Role"), accepted=[r for r in Role.values if r != Role.ADMIN])
    scope = OfferedChoiceField(label=_("Scope"), accepted=Scope.values, initial=Scope.UNIT)

    def __init__(self, *args, actor, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["org_unit"].queryset = units
        offered = grantable(actor)
        self.fields["role"].choices = [
            (r.value, r.label)
            for r in Role
            if r != Role.ADMIN and any(role == r for role, _scope in offered)
        ]
        self.fields["scope"].choices = [
            (s.value, s.label) for s in Scope if any(scope == s for _role, scope in offered)
        ]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is already taken."))
        return username

    def clean(self):
        data = super().clean()
        if {"org_unit", "role", "scope"} <= data.keys():
            refusal = grant_refusal(
                self.actor, role=data["role"], scope=data["scope"], unit=data["org_unit"]
            )
            if refusal is not None:
                raise forms.ValidationError(refusal)
        return data


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is for, for example the program that will use it."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=TOKEN_MAX_DAYS,
        initial=TOKEN_DEFAULT_DAYS,
    )

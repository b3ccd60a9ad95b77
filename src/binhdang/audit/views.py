from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from binhdang.accounts.scoping import has_permission

from .display import action_choices, action_label, change_lines
from .permissions import AUDIT_VIEW
from .selectors import audit_entries_for, logged_actions
from .services import record_access


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("User"), required=False)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    sensitive_only = forms.BooleanField(label=_("Access to sensitive records only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = action_choices(logged_actions())


@login_required
def audit_list(request):
    if not has_permission(request.user, AUDIT_VIEW):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: v for k, v in filters.items() if v}
    entries = audit_entries_for(request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.action_label = action_label(entry.action)
        entry.change_lines = change_lines(entry)
    # The log names people, their addresses and what they did: reading it is itself an
    # access to be accounted for (shown to system administrators, as it has no unit).
    record_access(
        actor=request.user,
        request=request,
        action="access.audit_log",
        details={"filters": filters, "page": page.number},
    )
    return render(request, "audit/list.html", {"form": form, "page": page})

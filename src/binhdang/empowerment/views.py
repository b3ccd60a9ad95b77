"""Pages of the economic-empowerment records: parse, authorize, call one service or selector,
render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.accounts.scoping import has_permission
from binhdang.core.sheets import upload_page, xlsx_response
from binhdang.formats.numbers import parse_id

from . import selectors, services
from .forms import SupportFilterForm, SupportForm, UploadForm
from .permissions import EMPOWERMENT_RECORD


def _require_recorder(user) -> None:
    if not has_permission(user, EMPOWERMENT_RECORD):
        raise Http404


def _filtered(request):
    form = SupportFilterForm(request.GET or None, units=selectors.filter_units(request.user))
    # A unit asked for (a figure's "records" link) filters even when it has no record yet,
    # so it is not among the filter's choices.
    filters = selectors.SupportFilters(unit=parse_id(request.GET.get("unit")))
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.SupportFilters(
            unit=d.get("unit"),
            programme=d.get("programme") or "",
            kind=d.get("kind") or "",
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
            text=d.get("q") or "",
        )
    return form, selectors.search_supports(request.user, filters)


@login_required
def support_list(request):
    form, supports = _filtered(request)
    totals = supports.aggregate(
        total=Sum("beneficiaries_total"),
        women=Sum("women"),
        ethnic=Sum("ethnic"),
        poor=Sum("poor"),
        amount=Sum("amount"),
    )
    page = Paginator(supports, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "empowerment/list.html",
        {
            "form": form,
            "page": page,
            "totals": totals,
            "query": query.urlencode(),
            "can_record": has_permission(request.user, EMPOWERMENT_RECORD),
        },
    )


@login_required
def support_detail(request, pk: int):
    support = selectors.support_for(request.user, pk)
    return render(
        request,
        "empowerment/detail.html",
        {"support": support, "can_record": selectors.may_record(request.user, support)},
    )


@login_required
def support_create(request):
    _require_recorder(request.user)
    form = SupportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            support = services.support_create(actor=request.user, data=form.to_data())
        except services.EmpowermentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The support was recorded."))
            return redirect("empowerment:detail", pk=support.pk)
    return render(request, "empowerment/form.html", {"form": form, "support": None})


@login_required
def support_edit(request, pk: int):
    support = selectors.recordable_support_for(request.user, pk)
    form = SupportForm(request.POST or None, user=request.user, instance=support)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_update(actor=request.user, support=support, data=form.to_data())
        except services.EmpowermentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("empowerment:detail", pk=support.pk)
    return render(request, "empowerment/form.html", {"form": form, "support": support})


@login_required
@require_POST
def support_delete(request, pk: int):
    support = selectors.recordable_support_for(request.user, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Tick the box to confirm the deletion."))
        return redirect("empowerment:detail", pk=pk)
    try:
        services.support_delete(actor=request.user, support=support)
    except services.EmpowermentError as exc:
        messages.error(request, exc.message)
        return redirect("empowerment:detail", pk=pk)
    messages.success(request, _("The record was deleted."))
    return redirect("empowerment:list")


@login_required
def support_template(request):
    _require_recorder(request.user)
    from .sheets import support_template as build

    return xlsx_response(build(request.user), "mau-ho-tro-phu-nu.xlsx")


@login_required
def support_export(request):
    from .sheets import export_supports

    _form, supports = _filtered(request)
    return xlsx_response(export_supports(supports), "ho-tro-phu-nu.xlsx")


@login_required
def support_upload(request):
    _require_recorder(request.user)
    from .sheets import import_supports

    return upload_page(
        request,
        template_name="empowerment/upload.html",
        importer=import_supports,
        success=_("%(n)s records were saved."),
        done="empowerment:list",
        form_class=UploadForm,
    )

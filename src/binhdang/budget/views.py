"""Pages of the budget: parse, authorize, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.core.sheets import upload_page, xlsx_response

from . import selectors, services
from .forms import BudgetEntryForm, BudgetFilterForm, SummaryForm


def _require_viewer(user) -> None:
    if not selectors.viewable_units(user).exists():
        raise Http404


def _require_editor(user) -> None:
    if not selectors.can_edit(user):
        raise Http404


def _filters(request):
    user = request.user
    lines = list(selectors.lines_for_choice())
    form = BudgetFilterForm(
        request.GET or None,
        years=selectors.years(user),
        units=selectors.choice_units(user),
        lines=lines,
    )
    filters = selectors.EntryFilters()
    if form.is_valid():
        d = form.cleaned_data
        unit = None
        if d.get("unit"):
            unit = selectors.viewable_unit(user, d["unit"])
        filters = selectors.EntryFilters(
            year=d.get("year"),
            unit=unit,
            source=d.get("source") or "",
            spending_line=next((x for x in lines if x.pk == d.get("line")), None),
        )
    return form, filters


@login_required
def entry_list(request):
    _require_viewer(request.user)
    form, filters = _filters(request)
    entries = selectors.search_entries(request.user, filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "budget/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "totals": selectors.totals(entries),
            "can_edit": selectors.can_edit(request.user),
        },
    )


@login_required
def entry_detail(request, pk: int):
    entry = selectors.entry_for(request.user, pk)
    return render(
        request,
        "budget/detail.html",
        {"entry": entry, "can_edit": selectors.can_edit(request.user, entry)},
    )


def _form_page(request, entry=None):
    user = request.user
    form = BudgetEntryForm(
        request.POST if request.method == "POST" else None,
        instance=entry,
        units=selectors.editable_units(user),
        lines=selectors.lines_for_choice(keep=entry.spending_line if entry else None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if entry is None:
                entry = services.entry_create(actor=user, data=form.entry_data())
                messages.success(request, _("The budget line was saved."))
            else:
                entry = services.entry_update(actor=user, entry=entry, data=form.entry_data())
                messages.success(request, _("The budget line was saved."))
            return redirect("budget:detail", pk=entry.pk)
        except services.BudgetError as exc:
            form.add_error(None, exc.message)
    return render(request, "budget/form.html", {"form": form, "entry": entry})


@login_required
def entry_create(request):
    _require_editor(request.user)
    return _form_page(request)


@login_required
def entry_edit(request, pk: int):
    return _form_page(request, selectors.editable_entry_for(request.user, pk))


@login_required
@require_POST
def entry_delete(request, pk: int):
    entry = selectors.editable_entry_for(request.user, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Tick the box to confirm the deletion."))
        return redirect("budget:detail", pk=pk)
    try:
        services.entry_delete(actor=request.user, entry=entry)
    except services.BudgetError as exc:
        messages.error(request, exc.message)
        return redirect("budget:detail", pk=pk)
    messages.success(request, _("The budget line was deleted."))
    return redirect("budget:list")


@login_required
def summary(request):
    user = request.user
    _require_viewer(user)
    years = selectors.years(user)
    units = selectors.choice_units(user)
    default = selectors.default_unit(user)
    data = request.GET.copy()
    data.setdefault("year", str(years[0]))
    if default is not None:
        data.setdefault("unit", str(default.pk))
    form = SummaryForm(data, years=years, units=units)
    rollup = None
    chart_svg = ""
    if form.is_valid():
        unit = selectors.viewable_unit(user, form.cleaned_data["unit"])
        rollup = selectors.rollup(user, unit, form.cleaned_data["year"])
        if rollup.by_source:
            from binhdang.charts import bar_chart

            chart_svg = bar_chart(
                _("Budget spent by source, %(year)s") % {"year": rollup.year},
                [r.label for r in rollup.by_source],
                [r.spent_millions for r in rollup.by_source],
                unit_label=_("million VND"),
            ).svg()
    return render(
        request,
        "budget/summary.html",
        {
            "form": form,
            "rollup": rollup,
            "chart_svg": chart_svg,
            "can_edit": selectors.can_edit(user),
        },
    )


@login_required
def export(request):
    _require_viewer(request.user)
    from .sheets import export_bytes

    _form, filters = _filters(request)
    content = export_bytes(selectors.search_entries(request.user, filters))
    return xlsx_response(content, "kinh-phi-binh-dang-gioi.xlsx")


@login_required
def template(request):
    _require_editor(request.user)
    from .sheets import template_bytes

    return xlsx_response(template_bytes(request.user), "mau-kinh-phi-binh-dang-gioi.xlsx")


@login_required
def upload(request):
    _require_editor(request.user)
    from .sheets import upload as upload_rows

    return upload_page(
        request,
        template_name="budget/upload.html",
        importer=upload_rows,
        success=_("%(count)s budget lines were saved."),
        done="budget:list",
        context={"can_edit": True},
    )

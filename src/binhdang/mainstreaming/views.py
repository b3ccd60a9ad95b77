"""Pages of the mainstreaming records: parse, authorize, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.core.sheets import upload_page, xlsx_response

from . import selectors, services
from .forms import DocumentFilterForm, DocumentForm, SummaryForm


def _require_viewer(user) -> None:
    if not selectors.viewable_units(user).exists():
        raise Http404


def _require_editor(user) -> None:
    if not selectors.can_edit(user):
        raise Http404


def _filters(request):
    user = request.user
    form = DocumentFilterForm(
        request.GET or None, years=selectors.years(user), units=selectors.choice_units(user)
    )
    filters = selectors.DocumentFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.DocumentFilters(
            year=d.get("year"),
            unit=selectors.viewable_unit(user, d["unit"]) if d.get("unit") else None,
            kind=d.get("kind") or "",
            assessed={"yes": True, "no": False}.get(d.get("assessed") or ""),
            text=d.get("q") or "",
        )
    return form, filters


@login_required
def document_list(request):
    _require_viewer(request.user)
    form, filters = _filters(request)
    page = Paginator(selectors.search_documents(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mainstreaming/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_edit": selectors.can_edit(request.user),
        },
    )


@login_required
def document_detail(request, pk: int):
    document = selectors.document_for(request.user, pk)
    return render(
        request,
        "mainstreaming/detail.html",
        {"document": document, "can_edit": selectors.can_edit(request.user, document)},
    )


def _form_page(request, document=None):
    user = request.user
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        instance=document,
        units=selectors.editable_units(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if document is None:
                document = services.document_create(actor=user, data=form.document_data())
            else:
                document = services.document_update(
                    actor=user, document=document, data=form.document_data()
                )
            messages.success(request, _("The document was saved."))
            return redirect("mainstreaming:detail", pk=document.pk)
        except services.MainstreamingError as exc:
            form.add_error(None, exc.message)
    return render(request, "mainstreaming/form.html", {"form": form, "document": document})


@login_required
def document_create(request):
    _require_editor(request.user)
    return _form_page(request)


@login_required
def document_edit(request, pk: int):
    return _form_page(request, selectors.editable_document_for(request.user, pk))


@login_required
@require_POST
def document_delete(request, pk: int):
    document = selectors.editable_document_for(request.user, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Tick the box to confirm the deletion."))
        return redirect("mainstreaming:detail", pk=pk)
    try:
        services.document_delete(actor=request.user, document=document)
    except services.MainstreamingError as exc:
        messages.error(request, exc.message)
        return redirect("mainstreaming:detail", pk=pk)
    messages.success(request, _("The document was deleted."))
    return redirect("mainstreaming:list")


@login_required
def summary(request):
    user = request.user
    _require_viewer(user)
    years = selectors.years(user)
    default = selectors.default_unit(user)
    data = request.GET.copy()
    data.setdefault("year", str(years[0]))
    if default is not None:
        data.setdefault("unit", str(default.pk))
    form = SummaryForm(data, years=years, units=selectors.choice_units(user))
    counts = None
    if form.is_valid():
        unit = selectors.viewable_unit(user, form.cleaned_data["unit"])
        counts = selectors.counts(user, unit, form.cleaned_data["year"])
    return render(
        request,
        "mainstreaming/summary.html",
        {"form": form, "counts": counts, "can_edit": selectors.can_edit(user)},
    )


@login_required
def export(request):
    _require_viewer(request.user)
    from .sheets import export_bytes

    _form, filters = _filters(request)
    content = export_bytes(selectors.search_documents(request.user, filters))
    return xlsx_response(content, "long-ghep-binh-dang-gioi.xlsx")


@login_required
def template(request):
    _require_editor(request.user)
    from .sheets import template_bytes

    return xlsx_response(template_bytes(request.user), "mau-long-ghep-binh-dang-gioi.xlsx")


@login_required
def upload(request):
    _require_editor(request.user)
    from .sheets import upload as upload_rows

    return upload_page(
        request,
        template_name="mainstreaming/upload.html",
        importer=upload_rows,
        success=_("%(count)s documents were saved."),
        done="mainstreaming:list",
        context={"can_edit": True},
    )

"""Pages of the DHIS2 import: upload and dry run, apply, and the mapping tables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdang.formats.numbers import format_number

from . import dhis2_import as dhis2
from .models import DISAGGREGATIONS


def _page(request, context, status=200):
    return render(request, "indicators/dhis2_import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def dhis2_import(request):
    if not dhis2.may_import(request.user):
        raise Http404
    context = {}
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            context["file_error"] = _("Choose a dataValueSets file (JSON or CSV).")
        else:
            try:
                batch, result = dhis2.import_check(actor=request.user, uploaded=uploaded)
            except dhis2.Dhis2FileError as exc:
                context["file_error"] = str(exc)
            else:
                return redirect("indicators:dhis2_batch", pk=batch.pk)
    return _page(request, context)


@login_required
def dhis2_batch(request, pk: int):
    batch = dhis2.batch_for(request.user, pk)
    return _page(
        request, {"batch": batch, "preview": dhis2.import_preview(actor=request.user, batch=batch)}
    )


@login_required
@require_POST
def dhis2_apply(request, pk: int):
    batch = dhis2.batch_for(request.user, pk)
    try:
        result = dhis2.import_apply(actor=request.user, batch=batch)
    except dhis2.Dhis2Refused as exc:
        messages.error(request, str(exc))
        return _page(request, {"batch": batch, "preview": exc.preview}, status=400)
    except dhis2.Dhis2FileError as exc:
        messages.error(request, str(exc))
        return redirect("indicators:dhis2_batch", pk=batch.pk)
    counts = result.counts
    messages.success(
        request,
        _("Imported: %(new)s new and %(changed)s changed values; %(unchanged)s unchanged.")
        % {
            "new": format_number(counts["new"]),
            "changed": format_number(counts["changed"]),
            "unchanged": format_number(counts["unchanged"]),
        },
    )
    return redirect("indicators:dhis2_batch", pk=batch.pk)


@login_required
def dhis2_mappings(request):
    if not dhis2.may_map(request.user):
        raise Http404
    return render(
        request,
        "indicators/dhis2_mappings.html",
        {
            "mappings": dhis2.mappings_for(request.user),
            "elements": dhis2.element_choices(),
            "combos": [(code, str(label)) for code, label in DISAGGREGATIONS.items()],
        },
    )


@login_required
@require_POST
def dhis2_mapping_add(request, kind: str):
    if not dhis2.may_map(request.user) or kind not in dhis2.MAPPING_MODELS:
        raise Http404
    target = dhis2.mapping_target(request.user, kind, request.POST.get("target"))
    if target is None:
        messages.error(
            request,
            _(
                "Choose what the DHIS2 identifier stands for here (for a unit: its official code or exact name, among the units you manage)."
            ),
        )
        return redirect("indicators:dhis2_mappings")
    try:
        row = dhis2.mapping_add(
            actor=request.user, kind=kind, dhis2_id=request.POST.get("dhis2_id", ""), target=target
        )
    except dhis2.Dhis2FileError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Mapping added: %(row)s.") % {"row": str(row)})
    return redirect("indicators:dhis2_mappings")


@login_required
@require_POST
def dhis2_mapping_remove(request, kind: str, pk: int):
    row = dhis2.mapping_for(request.user, kind, pk)
    dhis2.mapping_remove(actor=request.user, row=row)
    messages.success(request, _("Mapping removed: %(id)s.") % {"id": row.dhis2_id})
    return redirect("indicators:dhis2_mappings")

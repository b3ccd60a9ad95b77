"""The pages of a kind of record (`records.RecordType`): list with filters and totals, detail,
new, edit, delete, the Excel template, the upload (all or nothing) and the export. An app's
views call these with its record type and its URL namespace."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.audit.services import record_access
from binhdang.core.api import MAX_ID
from binhdang.core.sheets import upload_page, xlsx_response
from binhdang.formats.numbers import parse_id

from . import records
from .records import Filters, RecordError, RecordType

# The level a new record of a unit of this kind is at, chosen for the user.
LEVEL_OF_KIND = {
    "province": "province",
    "district": "district",
    "commune": "commune",
    "ward": "commune",
    "township": "commune",
    "special_zone": "commune",
}


def _id(raw) -> int | None:
    value = parse_id(raw)
    return value if value is not None and 0 < value <= MAX_ID else None


def _filters(request, rtype: RecordType) -> Filters:
    year = _id(request.GET.get("year"))
    choice = request.GET.get("choice", "")
    if rtype.filter_field and choice not in {
        str(v) for v, _l in rtype.field(rtype.filter_field).choices
    }:
        choice = ""
    return Filters(
        unit=_id(request.GET.get("unit")),
        year=year if year and 1900 <= year <= 2100 else None,
        choice=choice,
    )


def _require_view(request, rtype: RecordType) -> None:
    if not records.view_units(request.user, rtype).exists():
        raise Http404


def record_list(request, rtype: RecordType, namespace: str, extra: dict | None = None):
    _require_view(request, rtype)
    filters = _filters(request, rtype)
    qs = records.filtered(request.user, rtype, filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    units = records.view_units(request.user, rtype).order_by("path")
    rows = [
        {
            "obj": obj,
            "unit": records.unit_of(rtype, obj),
            "cells": [records.display(f, obj) for f in rtype.list_fields],
        }
        for obj in page.object_list
    ]
    sums = records.totals(qs, rtype)
    if rtype.audit_reads:
        record_access(
            actor=request.user,
            request=request,
            action=f"{rtype.audit_name}.list",
            details={"unit": filters.unit, "year": filters.year, "shown": len(rows)},
        )
    context = {
        "rtype": rtype,
        "ns": namespace,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "filters": filters,
        "units": units[:500],
        "years": records.years_of(request.user, rtype),
        "choice_field": rtype.field(rtype.filter_field) if rtype.filter_field else None,
        "totals": [sums.get(f.name) if f.kind == "int" else None for f in rtype.list_fields],
        "can_record": records.record_units(request.user, rtype).exists(),
        **(extra or {}),
    }
    return render(request, "leadership/records/list.html", context)


def _object(request, rtype: RecordType, pk: int):
    obj = records.visible_records(request.user, rtype).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def record_detail(request, rtype: RecordType, namespace: str, pk: int):
    obj = _object(request, rtype, pk)
    unit = records.unit_of(rtype, obj)
    if rtype.audit_reads:
        record_access(
            actor=request.user,
            obj=obj,
            org_unit=unit,
            request=request,
            action=f"{rtype.audit_name}.read",
        )
    return render(
        request,
        "leadership/records/detail.html",
        {
            "rtype": rtype,
            "ns": namespace,
            "obj": obj,
            "unit": unit,
            "cells": [(f.label, records.display(f, obj)) for f in rtype.fields],
            "can_record": records.may_record(request.user, rtype, unit),
            "refusal": rtype.refuse_edit(obj) if rtype.refuse_edit else "",
            "file_name": _file_name(rtype, obj),
        },
    )


def _file_field(rtype: RecordType):
    return next((f for f in rtype.fields if f.kind == "file"), None)


def _file_name(rtype: RecordType, obj) -> str:
    f = _file_field(rtype)
    return getattr(obj, f.file_name_field, "") if f is not None and getattr(obj, f.name) else ""


def record_file(request, rtype: RecordType, namespace: str, pk: int):
    """The file attached to a record (minutes of a meeting), for those who read the record."""
    obj = _object(request, rtype, pk)
    f = _file_field(rtype)
    if f is None or not getattr(obj, f.name):
        raise Http404
    try:
        handle = getattr(obj, f.name).open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=getattr(obj, f.file_name_field))


def _form_page(request, rtype: RecordType, namespace: str, obj=None):
    user = request.user
    if obj is None:
        units = list(records.record_units(user, rtype))
        if not units:
            raise Http404
        fixed = units[0] if len(units) == 1 else None
    else:
        fixed = records.unit_of(rtype, obj)
        if not records.may_record(user, rtype, fixed):
            raise Http404
        units = [fixed]
    errors = {}
    if request.method == "POST":
        unit = fixed
        if unit is None:
            wanted = _id(request.POST.get("unit"))
            unit = next((u for u in units if u.pk == wanted), None)
        raw = records.raw_from_post(rtype, request.POST, request.FILES)
        if unit is None:
            errors["unit"] = _("Choose the unit.")
            messages.error(request, _("Some values are not valid; nothing was saved."))
        else:
            try:
                saved = records.save_record(
                    actor=user, rtype=rtype, unit=unit, raw=raw, instance=obj
                )
            except RecordError as exc:
                messages.error(request, str(exc))
                errors = exc.errors
            else:
                messages.success(request, _("The record was saved."))
                return redirect(f"{namespace}:record", kind=rtype.slug, pk=saved.pk)
        form = records.record_form(rtype, units, unit=fixed, data=request.POST, files=request.FILES)
    else:
        initial = records.initial_of(rtype, obj) if obj is not None else _defaults(request, rtype)
        if obj is None and fixed is not None and "level" in {f.name for f in rtype.fields}:
            initial.setdefault("level", LEVEL_OF_KIND.get(fixed.kind, ""))
        form = records.record_form(rtype, units, unit=fixed, initial=initial)
    bound = [(form[name], errors.get(name, "")) for name in form.fields]
    return render(
        request,
        "leadership/records/form.html",
        {"rtype": rtype, "ns": namespace, "obj": obj, "fields": bound, "unit": fixed},
    )


def _defaults(request, rtype: RecordType) -> dict:
    """A new record copies the query's values ("?as_of=31/12/2023&level=commune")."""
    return {f.name: request.GET[f.name] for f in rtype.fields if f.name in request.GET}


def record_create(request, rtype: RecordType, namespace: str):
    return _form_page(request, rtype, namespace)


def record_edit(request, rtype: RecordType, namespace: str, pk: int):
    obj = _object(request, rtype, pk)
    return _form_page(request, rtype, namespace, obj)


def record_delete(request, rtype: RecordType, namespace: str, pk: int):
    obj = _object(request, rtype, pk)
    if not records.may_record(request.user, rtype, records.unit_of(rtype, obj)):
        raise Http404
    try:
        records.delete_record(actor=request.user, rtype=rtype, obj=obj)
    except RecordError as exc:
        messages.error(request, str(exc))
        return redirect(f"{namespace}:record", kind=rtype.slug, pk=pk)
    messages.success(request, _("The record was deleted."))
    return redirect(f"{namespace}:list", kind=rtype.slug)


def record_template(request, rtype: RecordType, namespace: str):
    if not records.record_units(request.user, rtype).exists():
        raise Http404
    return xlsx_response(records.template_sheet(request.user, rtype), f"mau-{rtype.slug}.xlsx")


def record_export(request, rtype: RecordType, namespace: str):
    _require_view(request, rtype)
    content = records.export_sheet(request.user, rtype, _filters(request, rtype))
    return xlsx_response(content, f"{rtype.slug}.xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled template (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )


def record_upload(request, rtype: RecordType, namespace: str):
    if not records.record_units(request.user, rtype).exists():
        raise Http404

    def importer(user, uploaded) -> int:
        return records.import_sheet(actor=user, rtype=rtype, uploaded=uploaded)

    return upload_page(
        request,
        template_name="leadership/records/upload.html",
        importer=importer,
        success=_("%(count)s rows were saved."),
        done=reverse(f"{namespace}:list", kwargs={"kind": rtype.slug}),
        context={"rtype": rtype, "ns": namespace},
        form_class=UploadForm,
    )

"""Pages of the report forms of Thông tư 07/2017/TT-BVHTTDL: fill a form for a unit and a
year; for a standing office, download its template, upload its own version, reset to the
shipped one (forms_tt07.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.core.sheets import xlsx_response
from binhdang.formats.numbers import parse_id
from binhdang.orgunits.models import TERRITORIAL_KINDS, OrgUnit

from . import forms_tt07, statistics
from .permissions import CASE_REPORT_FORMS


def _statistics_units(user):
    units = statistics.statistics_units(user)
    if not units.exists():
        raise Http404
    return units


def _office_units(user) -> list[OrgUnit]:
    """The units whose forms the user may change: those of their own memberships."""
    from binhdang.accounts.scoping import has_permission, home_units

    return [u for u in home_units(user) if has_permission(user, CASE_REPORT_FORMS, u)]


def _office_unit(request, value) -> OrgUnit:
    unit_id = parse_id(value)
    for unit in _office_units(request.user):
        if unit.pk == unit_id:
            return unit
    raise Http404


@login_required
def report_forms(request):
    units = _statistics_units(request.user)
    choices = list(units.filter(kind__in=TERRITORIAL_KINDS).order_by("path"))
    offices = []
    for unit in _office_units(request.user):
        rows = []
        for form in forms_tt07.FORMS.values():
            rows.append(
                {
                    "form": form,
                    "current": forms_tt07.current(form.code, unit),
                    "versions": list(forms_tt07.versions(form.code, unit)[:5]),
                }
            )
        offices.append({"unit": unit, "rows": rows})
    return render(
        request,
        "cases/report_forms.html",
        {
            "units": choices,
            "year": forms_tt07.default_year(),
            "offices": offices,
            "counts": forms_tt07.COUNTS,
            "texts": forms_tt07.TEXTS,
        },
    )


@login_required
def report_form_fill(request):
    """The form of the chosen unit and year, filled from the case records."""
    units = _statistics_units(request.user)
    unit = units.filter(pk=parse_id(request.GET.get("unit")), kind__in=TERRITORIAL_KINDS).first()
    if unit is None:
        raise Http404
    year = parse_id(request.GET.get("year")) or forms_tt07.default_year()
    if not 2000 <= year <= 2100:
        messages.error(request, _("Enter a year between 2000 and 2100."))
        return redirect("cases:report_forms")
    try:
        form, content = forms_tt07.render(request.user, unit, year)
    except forms_tt07.FormError as exc:
        messages.error(request, str(exc))
        return redirect("cases:report_forms")
    return xlsx_response(content, f"bieu-tt07-{form.code}-{unit.pk}-{year}.xlsx")


@login_required
def report_form_template(request, form: str):
    """The template in use for the office's unit (its own version, or the shipped one)."""
    if form not in forms_tt07.FORMS:
        raise Http404
    unit = _office_unit(request, request.GET.get("unit"))
    return xlsx_response(forms_tt07.template_bytes(form, unit), f"mau-tt07-{form}.xlsx")


@login_required
@require_POST
def report_form_upload(request, form: str):
    unit = _office_unit(request, request.POST.get("unit"))
    try:
        version = forms_tt07.template_upload(
            actor=request.user, form=form, unit=unit, uploaded=request.FILES.get("file")
        )
    except forms_tt07.FormError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Version %(version)s of the template is now in use.") % {"version": version.version}
        )  # fmt: skip
    return redirect("cases:report_forms")


@login_required
@require_POST
def report_form_reset(request, form: str):
    unit = _office_unit(request, request.POST.get("unit"))
    try:
        forms_tt07.template_reset(actor=request.user, form=form, unit=unit)
    except forms_tt07.FormError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The shipped template is in use again."))
    return redirect("cases:report_forms")

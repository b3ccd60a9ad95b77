"""Pages of the exchange app: signing a finalised report, its signed copy, the check of a
received signed file, and edXML export and import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from binhdang.core.uploads import Finding
from binhdang.documents import selectors as documents
from binhdang.documents.engine import pdf_available
from binhdang.documents.views import content_disposition

from . import selectors, services
from .forms import ImportForm
from .messages import reason_labels
from .registry import exchange_services


def _report(user, round_id: int):
    reporting_round = documents.round_for(user, round_id)
    report = documents.report_of(user, reporting_round)
    if report is None:
        raise Http404
    return report


def version_panel(request, report, version) -> str:
    """Under the files of a finalised version: its signed copy, the sign button and the
    edXML export."""
    user = request.user
    current = report.frozen_version
    is_current = current is not None and current.pk == version.pk
    signed = selectors.signed_files_of(user, report, version)
    may_sign = is_current and selectors.may_sign(user, report)
    certificate = selectors.certificate_of(report.round.owner_unit) if may_sign else None
    context = {
        "round": report.round,
        "report": report,
        "version": version,
        "signed": signed,
        "may_sign": may_sign and not signed,
        "certificate": certificate,
        "pdf_available": pdf_available(),
        "may_export": is_current and documents.can_sign(user, report.round),
        "services": exchange_services(),
    }
    return render_to_string("exchange/_version_panel.html", context, request=request)


def job_panel(request, job) -> str:
    """Under a generated PDF's download: its signed copy or the sign button."""
    if job.fmt != "pdf" or job.status != "done":
        return ""
    signed = selectors.signed_of_job(job)
    may_sign = signed is None and selectors.may_sign_job(request.user, job)
    if signed is None and not may_sign:
        return ""
    context = {
        "job": job,
        "signed": signed,
        "may_sign": may_sign,
        "certificate": selectors.certificate_of(job.org_unit) if may_sign else None,
    }
    return render_to_string("exchange/_job_panel.html", context, request=request)


@login_required
@require_POST
def sign_job(request, pk: int):
    job = documents.job_for(request.user, pk)
    try:
        signed = services.sign_job(actor=request.user, job=job)
    except services.ExchangeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Signed: %(name)s.") % {"name": signed.file_name})
    return redirect("documents:job", pk=job.pk)


def signature_finding(record) -> Finding | None:
    """Beside a stored file: the result of its signature check."""
    check = selectors.latest_check(record)
    if check is None:
        return None
    return Finding(
        label=check.get_status_display(),
        css=check.status_css,
        url=reverse("exchange:check", kwargs={"pk": check.pk}),
    )


@login_required
@require_POST
def sign(request, round_id: int, number: int):
    report = _report(request.user, round_id)
    try:
        signed = services.sign_report(actor=request.user, report=report, number=number)
    except services.ExchangeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Signed: %(name)s.") % {"name": signed.file_name})
    return redirect("documents:round", round_id=report.round_id)


@login_required
@require_GET
def signed_download(request, pk: int):
    signed = selectors.signed_file_for(request.user, pk)
    try:
        handle = signed.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(signed.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def export(request, round_id: int, number: int):
    report = _report(request.user, round_id)
    service = request.GET.get("service", "edxml")
    try:
        delivery = services.export_report(
            actor=request.user, report=report, number=number, service_key=service
        )
    except services.ExchangeError as exc:
        messages.error(request, str(exc))
        return redirect("documents:round", round_id=report.round_id)
    if not delivery.data:
        messages.success(
            request, _("Sent; reference %(reference)s.") % {"reference": delivery.reference}
        )
        return redirect("documents:round", round_id=report.round_id)
    response = HttpResponse(delivery.data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition(delivery.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def directive_export(request, pk: int):
    service = request.GET.get("service", "edxml")
    try:
        directive, delivery = services.export_directive(
            actor=request.user, directive_id=pk, service_key=service
        )
    except services.ExchangeError as exc:
        messages.error(request, str(exc))
        return redirect("directives:detail", pk=pk)
    if not delivery.data:
        messages.success(
            request, _("Sent; reference %(reference)s.") % {"reference": delivery.reference}
        )
        return redirect("directives:detail", pk=directive.pk)
    response = HttpResponse(delivery.data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition(delivery.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def import_view(request):
    units = selectors.import_units(request.user)
    if not units.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            directive = services.import_package(
                actor=request.user,
                uploaded=form.cleaned_data["package"],
                issuing_unit=form.cleaned_data["issuing_unit"],
            )
        except services.ExchangeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Imported %(number)s into the register as a draft: check it and issue it.")
                % {"number": directive.number_symbol},
            )
            return redirect("directives:detail", pk=directive.pk)
    return render(
        request, "exchange/import.html", {"form": form}, status=400 if form.errors else 200
    )


def _moment(iso: str | None) -> str:
    """An ISO time of a check as the pages write times: dd/mm/yyyy HH:MM:SS, local time."""
    import datetime

    from django.utils import timezone

    if not iso:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M:%S")


@login_required
@require_GET
def check(request, pk: int):
    found = selectors.check_for(request.user, pk)
    history = selectors.checks_of(request.user, found.file_record)
    return render(
        request,
        "exchange/check.html",
        {
            "check": found,
            "reasons": reason_labels(found.summary.split(", ") if found.summary else []),
            "signatures": [
                {
                    **s,
                    "reason_labels": reason_labels(s.get("reasons", [])),
                    "timestamp": _moment(s.get("timestamp")),
                }
                for s in found.signatures
            ],
            "history": history,
        },
    )


@login_required
@require_POST
def recheck(request, pk: int):
    found = selectors.check_for(request.user, pk)
    try:
        fresh = services.recheck(actor=request.user, check=found)
    except services.ExchangeError as exc:
        messages.error(request, str(exc))
        return redirect("exchange:check", pk=found.pk)
    messages.success(
        request, _("Checked again: %(result)s.") % {"result": fresh.get_status_display()}
    )
    return redirect("exchange:check", pk=fresh.pk)

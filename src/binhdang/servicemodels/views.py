"""Pages of the service-model register: parse, authorize, call one service or selector, render."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.accounts.scoping import has_permission
from binhdang.core.sheets import upload_page, xlsx_response
from binhdang.formats.numbers import parse_id

from . import selectors, services
from .forms import (
    CommuneProfileForm,
    EvaluationForm,
    EvidenceForm,
    ModelFilterForm,
    PeriodForm,
    ReplicationForm,
    ServiceModelForm,
    StatusForm,
    UploadForm,
)
from .permissions import SERVICEMODEL_RECORD


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, 2014, -1))


def _may_record_any(user) -> bool:
    return has_permission(user, SERVICEMODEL_RECORD)


def _require_recorder(user) -> None:
    if not _may_record_any(user):
        raise Http404


def _filters(request):
    user = request.user
    form = ModelFilterForm(
        request.GET or None,
        units=selectors.filter_units(user),
        communes=selectors.filter_communes(user),
    )
    # A unit asked for (a figure's "records" link) filters even when it has no model yet,
    # so it is not among the filter's choices.
    filters = selectors.ModelFilters(unit=parse_id(request.GET.get("unit")))
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.ModelFilters(
            unit=d.get("unit"),
            commune=d.get("commune"),
            kind=d.get("kind") or "",
            status=d.get("status") or "",
            text=d.get("q") or "",
        )
    return form, filters


@login_required
def model_list(request):
    form, filters = _filters(request)
    page = Paginator(selectors.search_models(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    chart_svg = ""
    by_commune = selectors.models_by_commune(request.user)
    if by_commune:
        from binhdang.charts import bar_chart

        chart_svg = bar_chart(
            _("Active service models by commune"),
            [name for name, _n in by_commune],
            [n for _name, n in by_commune],
            unit_label=_("models"),
        ).svg()
    return render(
        request,
        "servicemodels/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_record": _may_record_any(request.user),
            "chart_svg": chart_svg,
        },
    )


@login_required
def model_detail(request, pk: int):
    model = selectors.model_for(request.user, pk)
    can_record = selectors.may_record(request.user, model)
    return render(
        request,
        "servicemodels/detail.html",
        {
            "model": model,
            "contact": selectors.contact_of(request.user, model),
            "contact_shown": selectors.may_see_contact(request.user, model),
            "can_record": can_record,
            "status_form": StatusForm(initial={"on": timezone.localdate()}) if can_record else None,
            "history": model.status_changes.all(),
            "periods": selectors.model_periods(request.user, model),
            "evaluations": selectors.model_evaluations(request.user, model),
        },
    )


@login_required
def model_create(request):
    _require_recorder(request.user)
    form = ServiceModelForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            model = services.service_model_create(actor=request.user, data=form.to_data())
        except services.ServiceModelError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The model was registered."))
            return redirect("servicemodels:detail", pk=model.pk)
    return render(request, "servicemodels/form.html", {"form": form, "model": None})


@login_required
def model_edit(request, pk: int):
    model = selectors.recordable_model_for(request.user, pk)
    form = ServiceModelForm(request.POST or None, user=request.user, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_model_update(
                actor=request.user, service_model=model, data=form.to_data()
            )
        except services.ServiceModelError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("servicemodels:detail", pk=model.pk)
    return render(request, "servicemodels/form.html", {"form": form, "model": model})


@login_required
@require_POST
def model_status(request, pk: int):
    model = selectors.recordable_model_for(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.service_model_set_status(
                actor=request.user,
                service_model=model,
                status=d["status"],
                on=d["on"],
                reason=d["reason"],
            )
        except services.ServiceModelError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The status was changed."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("servicemodels:detail", args=[model.pk]) + "#status")


def _period_page(request, model, period=None):
    form = PeriodForm(request.POST or None, years=_years(), instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            services.period_record_save(
                actor=request.user, service_model=model, data=form.to_data(), period=period
            )
        except services.ServiceModelError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The period was recorded."))
            return redirect(reverse("servicemodels:detail", args=[model.pk]) + "#periods")
    return render(
        request, "servicemodels/period_form.html", {"form": form, "model": model, "period": period}
    )


@login_required
def period_create(request, pk: int):
    return _period_page(request, selectors.recordable_model_for(request.user, pk))


@login_required
def period_edit(request, pk: int):
    period = selectors.period_for(request.user, pk)
    return _period_page(request, period.service_model, period)


def _evaluation_page(request, model, evaluation=None):
    form = EvaluationForm(request.POST or None, years=_years(), instance=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_save(
                actor=request.user,
                service_model=model,
                data=form.to_data(),
                evaluation=evaluation,
            )
        except services.ServiceModelError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The evaluation was saved."))
            return redirect("servicemodels:evaluation", pk=evaluation.pk)
    return render(
        request,
        "servicemodels/evaluation_form.html",
        {"form": form, "model": model, "evaluation": evaluation},
    )


@login_required
def evaluation_create(request, pk: int):
    return _evaluation_page(request, selectors.recordable_model_for(request.user, pk))


@login_required
def evaluation_edit(request, pk: int):
    evaluation = selectors.evaluation_for(request.user, pk)
    model = selectors.recordable_model_for(request.user, evaluation.service_model_id)
    return _evaluation_page(request, model, evaluation)


@login_required
def evaluation_detail(request, pk: int):
    evaluation = selectors.evaluation_for(request.user, pk)
    model = evaluation.service_model
    can_record = selectors.may_record(request.user, model)
    scores = selectors.evaluation_scores(evaluation)
    return render(
        request,
        "servicemodels/evaluation.html",
        {
            "evaluation": evaluation,
            "model": model,
            "scores": scores,
            "total": sum((s.score for s in scores), Decimal(0)),
            "maximum": sum(s.criterion.max_score for s in scores),
            "evidence": evaluation.evidence.all(),
            "can_record": can_record,
            "evidence_form": EvidenceForm() if can_record else None,
        },
    )


@login_required
@require_POST
def evidence_upload(request, pk: int):
    evaluation = selectors.evaluation_for(request.user, pk)
    selectors.recordable_model_for(request.user, evaluation.service_model_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.user, evaluation=evaluation, uploaded=form.cleaned_data["file"]
            )
        except services.ServiceModelError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("servicemodels:evaluation", args=[evaluation.pk]) + "#evidence")


@login_required
def evidence_download(request, pk: int):
    evidence = selectors.evidence_for(request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)


# ---------------------------------------------------------------- replication


def _replication(request):
    form = ReplicationForm(
        request.GET or None,
        years=_years(),
        initial={"year": selectors.latest_risk_year(request.user)},
    )
    year = selectors.latest_risk_year(request.user) or timezone.localdate().year - 1
    threshold = selectors.DEFAULT_THRESHOLD
    sort = "-rate"
    if form.is_valid():
        d = form.cleaned_data
        year = d.get("year") or year
        threshold = d.get("threshold") if d.get("threshold") is not None else threshold
        sort = d.get("sort") or sort
    rows = selectors.replication_rows(request.user, year, threshold=threshold, sort=sort)
    return form, year, threshold, rows


@login_required
def replication(request):
    form, year, threshold, rows = _replication(request)
    only_needed = request.GET.get("needed") == "1"
    shown = [r for r in rows if r.needs_model] if only_needed else rows
    return render(
        request,
        "servicemodels/replication.html",
        {
            "form": form,
            "year": year,
            "threshold": threshold,
            "rows": shown,
            "needed": [r for r in rows if r.needs_model],
            "only_needed": only_needed,
            "can_manage": selectors.may_manage_profiles(request.user),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def commune_profile(request, pk: int):
    commune = selectors.profile_commune_for(request.user, pk)
    profile = getattr(commune, "service_profile", None)
    initial = (
        {
            "population": profile.population,
            "ethnic_minority_area": profile.ethnic_minority_area,
            "source": profile.source,
        }
        if profile
        else {}
    )
    form = CommuneProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.commune_profile_save(
                actor=request.user,
                commune=commune,
                population=d["population"],
                ethnic_minority_area=d["ethnic_minority_area"],
                source=d["source"],
            )
        except services.ServiceModelError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The commune's profile was saved."))
            return redirect("servicemodels:replication")
    return render(request, "servicemodels/commune_profile.html", {"form": form, "commune": commune})


@login_required
def replication_export(request):
    from .sheets import export_replication

    _form, year, threshold, rows = _replication(request)
    if request.GET.get("needed") == "1":
        rows = [r for r in rows if r.needs_model]
    return xlsx_response(export_replication(rows, year), f"nhan-rong-mo-hinh-{year}.xlsx")


# ---------------------------------------------------------------- Excel


@login_required
def model_template(request):
    _require_recorder(request.user)
    from .sheets import model_template as build

    return xlsx_response(build(request.user), "mau-mo-hinh.xlsx")


@login_required
def model_export(request):
    from .sheets import export_models

    _form, filters = _filters(request)
    models = selectors.search_models(request.user, filters)
    return xlsx_response(export_models(request.user, models), "danh-sach-mo-hinh.xlsx")


@login_required
def model_upload(request):
    _require_recorder(request.user)
    from .sheets import import_models

    return upload_page(
        request,
        template_name="servicemodels/upload.html",
        importer=import_models,
        success=_("%(n)s models were registered."),
        done="servicemodels:list",
        form_class=UploadForm,
    )


@login_required
def period_template(request):
    _require_recorder(request.user)
    from .sheets import period_template as build

    return xlsx_response(build(request.user), "mau-ket-qua-mo-hinh.xlsx")


@login_required
def period_export(request):
    from .sheets import export_periods

    _form, filters = _filters(request)
    models = selectors.search_models(request.user, filters)
    return xlsx_response(export_periods(models), "ket-qua-mo-hinh.xlsx")


@login_required
def period_upload(request):
    _require_recorder(request.user)
    from .sheets import import_periods

    return upload_page(
        request,
        template_name="servicemodels/upload.html",
        importer=import_periods,
        success=_("%(n)s periods were recorded."),
        done="servicemodels:list",
        context={"periods": True},
        form_class=UploadForm,
    )

"""Pages of the communication records: activities, campaigns, role models."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.accounts.scoping import has_permission
from binhdang.core.sheets import upload_page, xlsx_response

from . import charts, selectors, services, sheets
from .errors import CommunicationError
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    CampaignForm,
    FileForm,
    RoleModelForm,
)
from .models import SESSION_CHANNELS
from .permissions import COMMUNICATION_EDIT


def _may_record(user) -> bool:
    return has_permission(user, COMMUNICATION_EDIT)


def _require_record(user) -> None:
    if not _may_record(user):
        raise Http404


def confirmed(request) -> bool:
    """A deletion goes ahead only with its confirmation ticked; otherwise the user is sent
    back with a message."""
    if request.POST.get("confirm") == "1":
        return True
    messages.error(request, _("Tick the confirmation box to delete."))
    return False


def _service_error(form, exc: CommunicationError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _filters(form) -> selectors.ActivityFilters:
    if not form.is_valid():
        return selectors.ActivityFilters()
    d = form.cleaned_data
    return selectors.ActivityFilters(
        unit=d.get("unit"),
        year=d.get("year"),
        channel=d.get("channel") or "",
        topic=d.get("topic") or "",
        campaign=d.get("campaign"),
        date_from=d.get("date_from"),
        date_to=d.get("date_to"),
        text=d.get("q") or "",
    )


def _filtered(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    qs = selectors.search_activities(request.user, _filters(form))
    if form.is_valid() and form.cleaned_data.get("sessions"):
        qs = qs.filter(channel__in=SESSION_CHANNELS)
    return form, qs


def _charts(user, qs, year: int | None):
    years = selectors.activity_years(user)
    year = year or (years[0] if years else None)
    if year is None:
        return None
    in_year = qs.filter(starts_on__year=year)
    month = selectors.action_month_on_year(year)
    t = selectors.totals(in_year)
    return {
        "year": year,
        "monthly": charts.monthly_chart(
            year,
            selectors.monthly(in_year),
            (month.starts_on, month.ends_on) if month else None,
        ).svg(),
        "sex": charts.sex_chart(
            t["audience_total"], t["audience_women"],
            f"Số người được tiếp cận theo giới tính, năm {year}",
        ).svg(),
    }  # fmt: skip


@login_required
def activity_list(request):
    form, qs = _filtered(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    return render(
        request,
        "communication/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "totals": selectors.totals(qs),
            "charts": _charts(request.user, qs, year),
            "may_record": _may_record(request.user),
        },
    )


@login_required
def activity_create(request):
    _require_record(request.user)
    form = ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, data=form.service_data())
        except CommunicationError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect("communication:detail", pk=activity.pk)
    return render(request, "communication/form.html", {"form": form, "activity": None})


@login_required
def activity_detail(request, pk: int):
    activity = selectors.activity_for(request.user, pk)
    return render(
        request,
        "communication/detail.html",
        {
            "activity": activity,
            "files": selectors.activity_files(request.user, activity),
            "can_edit": selectors.can_edit(request.user, activity.org_unit),
            "file_form": FileForm(),
        },
    )


@login_required
def activity_edit(request, pk: int):
    activity = selectors.editable_activity_for(request.user, pk)
    form = ActivityForm(request.POST or None, user=request.user, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                actor=request.user, activity=activity, data=form.service_data()
            )
        except CommunicationError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("communication:detail", pk=activity.pk)
    return render(request, "communication/form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = selectors.editable_activity_for(request.user, pk)
    if not confirmed(request):
        return redirect("communication:detail", pk=activity.pk)
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, _("The activity was deleted."))
    return redirect("communication:list")


@login_required
@require_POST
def file_upload(request, pk: int):
    activity = selectors.editable_activity_for(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file and its kind."))
        return redirect("communication:detail", pk=activity.pk)
    try:
        services.file_add(
            actor=request.user,
            activity=activity,
            uploaded=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
        )
    except CommunicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The file was attached."))
    return redirect("communication:detail", pk=activity.pk)


@login_required
def file_download(request, pk: int):
    attachment = selectors.file_for(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
@require_POST
def file_delete(request, pk: int):
    attachment = selectors.file_for(request.user, pk)
    activity = attachment.activity
    if not selectors.can_edit(request.user, activity.org_unit):
        raise Http404
    if not confirmed(request):
        return redirect("communication:detail", pk=activity.pk)
    services.file_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect("communication:detail", pk=activity.pk)


# ---------------------------------------------------------------- Excel


@login_required
def activity_template(request):
    _require_record(request.user)
    return xlsx_response(sheets.activity_template(request.user), "mau-hoat-dong-truyen-thong.xlsx")


@login_required
def activity_export(request):
    _form, qs = _filtered(request)
    return xlsx_response(sheets.activity_export(request.user, qs), "hoat-dong-truyen-thong.xlsx")


def upload(request, importer, *, title: str, back: str, template: str):
    """The upload page of a kind of record (activities, role models, courses)."""
    return upload_page(
        request,
        template_name="communication/upload.html",
        importer=importer,
        success=_("%(n)s rows were saved."),
        done=back,
        context={"title": title, "back": back, "template": template},
    )


@login_required
def activity_upload(request):
    _require_record(request.user)
    return upload(
        request,
        sheets.activity_import,
        title=_("Upload activities from Excel"),
        back="communication:list",
        template="communication:template",
    )


# ---------------------------------------------------------------- campaigns


@login_required
def campaign_list(request):
    return render(
        request,
        "communication/campaigns.html",
        {
            "campaigns": selectors.visible_campaigns(request.user).select_related("org_unit"),
            "may_launch": selectors.can_manage_campaigns(request.user),
        },
    )


@login_required
def campaign_create(request):
    if not selectors.can_manage_campaigns(request.user):
        raise Http404
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, data=form.cleaned_data)
        except CommunicationError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The campaign was created."))
            return redirect("communication:campaign", pk=campaign.pk)
    return render(request, "communication/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request, pk: int):
    campaign = selectors.campaign_for(request.user, pk)
    activities = selectors.campaign_activities(request.user, campaign)
    t = selectors.totals(activities)
    chart = None
    if t["activities"]:
        shaded = (campaign.starts_on, campaign.ends_on) if campaign.is_action_month else None
        chart = {
            "monthly": charts.monthly_chart(
                campaign.starts_on.year,
                selectors.monthly(selectors.visible_activities(request.user).filter(
                    starts_on__year=campaign.starts_on.year)),
                shaded,
            ).svg(),
            "sex": charts.sex_chart(t["audience_total"], t["audience_women"]).svg(),
        }  # fmt: skip
    return render(
        request,
        "communication/campaign.html",
        {
            "campaign": campaign,
            "rows": selectors.campaign_by_unit(request.user, campaign),
            "days": selectors.campaign_days(request.user, campaign),
            "totals": t,
            "chart": chart,
            "may_record": _may_record(request.user),
        },
    )


# ---------------------------------------------------------------- role models


@login_required
def role_model_list(request):
    text = (request.GET.get("q") or "")[:200]
    qs = selectors.search_role_models(request.user, text=text)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "communication/role_models.html",
        {"page": page, "q": text, "may_record": _may_record(request.user)},
    )


@login_required
def role_model_create(request):
    _require_record(request.user)
    form = RoleModelForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.role_model_create(actor=request.user, data=form.cleaned_data)
        except CommunicationError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The role model was recorded."))
            return redirect("communication:role_model", pk=found.pk)
    return render(request, "communication/role_model_form.html", {"form": form, "role_model": None})


@login_required
def role_model_detail(request, pk: int):
    found = selectors.role_model_for(request.user, pk)
    return render(
        request,
        "communication/role_model.html",
        {"role_model": found, "can_edit": selectors.can_edit(request.user, found.org_unit)},
    )


@login_required
def role_model_edit(request, pk: int):
    found = selectors.editable_role_model_for(request.user, pk)
    form = RoleModelForm(request.POST or None, user=request.user, role_model=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_model_update(actor=request.user, role_model=found, data=form.cleaned_data)
        except CommunicationError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The role model was saved."))
            return redirect("communication:role_model", pk=found.pk)
    return render(
        request, "communication/role_model_form.html", {"form": form, "role_model": found}
    )


@login_required
@require_POST
def role_model_delete(request, pk: int):
    found = selectors.editable_role_model_for(request.user, pk)
    if not confirmed(request):
        return redirect("communication:role_model", pk=found.pk)
    services.role_model_delete(actor=request.user, role_model=found)
    messages.success(request, _("The role model was deleted."))
    return redirect("communication:role_models")


@login_required
def role_model_template(request):
    _require_record(request.user)
    return xlsx_response(sheets.role_model_template(request.user), "mau-guong-dien-hinh.xlsx")


@login_required
def role_model_export(request):
    qs = selectors.search_role_models(request.user)
    return xlsx_response(sheets.role_model_export(request.user, qs), "guong-dien-hinh.xlsx")


@login_required
def role_model_upload(request):
    _require_record(request.user)
    return upload(
        request,
        sheets.role_model_import,
        title=_("Upload role models from Excel"),
        back="communication:role_models",
        template="communication:role_model_template",
    )

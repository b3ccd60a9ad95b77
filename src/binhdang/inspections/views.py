"""Pages of inspections and complaints: parse, authorize, call one service or selector,
render. The complainant's identity has a page of its own, and every look at it is audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.audit.services import record_access
from binhdang.core.sheets import upload_page, xlsx_response

from . import deadlines, selectors, services
from .forms import (
    ComplaintFilterForm,
    ComplaintForm,
    FileForm,
    FollowUpForm,
    FollowUpStatusForm,
    HandlerForm,
    IdentityForm,
    InspectionFilterForm,
    InspectionForm,
    ProgressForm,
    inspection_initial,
    progress_initial,
)
from .permissions import COMPLAINT_VIEW, INSPECTION_VIEW


def _paged(request, qs):
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# ---------------------------------------------------------------- inspections


def _require_inspection_viewer(user) -> None:
    if not selectors.viewable_inspection_units(user).exists():
        raise Http404


def _require_inspection_editor(user) -> None:
    if not selectors.can_edit_inspection(user):
        raise Http404


def _inspection_filters(request):
    user = request.user
    form = InspectionFilterForm(
        request.GET or None,
        years=selectors.inspection_years(user),
        units=selectors.filter_units(user, INSPECTION_VIEW, selectors.visible_inspections(user)),
    )
    filters = selectors.InspectionFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.InspectionFilters(
            year=d.get("year"),
            unit=selectors.viewable_unit(user, INSPECTION_VIEW, d["unit"])
            if d.get("unit")
            else None,
            kind=d.get("kind") or "",
            text=d.get("q") or "",
        )
    return form, filters


@login_required
def inspection_list(request):
    _require_inspection_viewer(request.user)
    form, filters = _inspection_filters(request)
    page, query = _paged(request, selectors.search_inspections(request.user, filters))
    return render(
        request,
        "inspections/list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "can_edit": selectors.can_edit_inspection(request.user),
        },
    )


@login_required
def inspection_detail(request, pk: int):
    user = request.user
    inspection = selectors.inspection_for(user, pk)
    can_edit = selectors.can_edit_inspection(user, inspection)
    follow_ups = list(inspection.follow_ups.select_related("responsible_unit"))
    for item in follow_ups:
        item.may_update = services.may_update_follow_up(user, item)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "inspected": inspection.inspected_units.all(),
            "follow_ups": follow_ups,
            "files": inspection.files.all(),
            "can_edit": can_edit,
            "follow_up_form": FollowUpForm(units=inspection.inspected_units.all())
            if can_edit
            else None,
            "status_form": FollowUpStatusForm(),
            "file_form": FileForm() if can_edit else None,
        },
    )


def _inspection_form_page(request, inspection=None):
    user = request.user
    keep = list(inspection.inspected_units.all()) if inspection else []
    form = InspectionForm(
        request.POST if request.method == "POST" else None,
        initial=inspection_initial(inspection) if inspection else None,
        units=selectors.inspection_units(user),
        inspectable=selectors.inspectable_units(user, keep=keep),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if inspection is None:
                inspection = services.inspection_create(actor=user, data=form.inspection_data())
            else:
                inspection = services.inspection_update(
                    actor=user, inspection=inspection, data=form.inspection_data()
                )
            messages.success(request, _("The inspection was saved."))
            return redirect("inspections:detail", pk=inspection.pk)
        except services.InspectionError as exc:
            form.add_error(None, exc.message)
    return render(request, "inspections/form.html", {"form": form, "inspection": inspection})


@login_required
def inspection_create(request):
    _require_inspection_editor(request.user)
    return _inspection_form_page(request)


@login_required
def inspection_edit(request, pk: int):
    return _inspection_form_page(request, selectors.editable_inspection_for(request.user, pk))


@login_required
@require_POST
def follow_up_add(request, pk: int):
    inspection = selectors.editable_inspection_for(request.user, pk)
    form = FollowUpForm(request.POST, units=inspection.inspected_units.all())
    if form.is_valid():
        try:
            services.follow_up_add(actor=request.user, inspection=inspection, **form.cleaned_data)
            messages.success(request, _("The follow-up item was added."))
        except services.InspectionError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("inspections:detail", pk=pk)


@login_required
@require_POST
def follow_up_status(request, pk: int):
    item = selectors.follow_up_for(request.user, pk)
    if not services.may_update_follow_up(request.user, item):
        raise Http404
    form = FollowUpStatusForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_set_status(actor=request.user, item=item, **form.cleaned_data)
            messages.success(request, _("The follow-up item was updated."))
        except services.InspectionError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("inspections:detail", pk=item.inspection_id)


@login_required
@require_POST
def file_add(request, pk: int):
    inspection = selectors.editable_inspection_for(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.file_add(
                actor=request.user, inspection=inspection, uploaded=form.cleaned_data["file"]
            )
            messages.success(request, _("The file was attached."))
        except services.InspectionError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect("inspections:detail", pk=pk)


@login_required
def file_download(request, pk: int):
    attachment = selectors.file_for(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
def inspection_export(request):
    _require_inspection_viewer(request.user)
    from .sheets import export_inspections

    _form, filters = _inspection_filters(request)
    content = export_inspections(selectors.search_inspections(request.user, filters))
    return xlsx_response(content, "thanh-tra-kiem-tra.xlsx")


@login_required
def inspection_template(request):
    _require_inspection_editor(request.user)
    from .sheets import inspection_template_bytes

    return xlsx_response(inspection_template_bytes(request.user), "mau-thanh-tra-kiem-tra.xlsx")


@login_required
def inspection_upload(request):
    _require_inspection_editor(request.user)
    from .sheets import upload_inspections

    return upload_page(
        request,
        template_name="inspections/upload.html",
        importer=upload_inspections,
        success=_("%(count)s inspections were saved."),
        done="inspections:list",
    )


# ---------------------------------------------------------------- complaints


def _require_complaint_viewer(user) -> None:
    if not selectors.viewable_complaint_units(user).exists():
        raise Http404


def _complaint_filters(request):
    user = request.user
    form = ComplaintFilterForm(
        request.GET or None,
        years=selectors.complaint_years(user),
        units=selectors.filter_units(user, COMPLAINT_VIEW, selectors.visible_complaints(user)),
    )
    filters = selectors.ComplaintFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.ComplaintFilters(
            year=d.get("year"),
            unit=selectors.viewable_unit(user, COMPLAINT_VIEW, d["unit"])
            if d.get("unit")
            else None,
            kind=d.get("kind") or "",
            open_only=bool(d.get("open_only")),
        )
    return form, filters


@login_required
def complaint_list(request):
    _require_complaint_viewer(request.user)
    form, filters = _complaint_filters(request)
    page, query = _paged(request, selectors.search_complaints(request.user, filters))
    for complaint in page.object_list:
        complaint.next_deadline = deadlines.next_deadline(complaint)
    return render(
        request,
        "inspections/complaint_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "can_register": selectors.complaint_units(request.user).exists(),
        },
    )


@login_required
def complaint_detail(request, pk: int):
    user = request.user
    complaint = selectors.complaint_for(user, pk)
    handles = selectors.may_handle(user, complaint)
    next_deadline = deadlines.next_deadline(complaint)
    return render(
        request,
        "inspections/complaint_detail.html",
        {
            "complaint": complaint,
            "steps": deadlines.steps(complaint),
            "next_deadline": next_deadline,
            "overdue": next_deadline is not None and next_deadline.due < timezone.localdate(),
            "handles": handles,
            "may_see_identity": selectors.may_see_identity(user, complaint),
            "handlers": selectors.handlers(complaint),
            "handler_form": HandlerForm(people=selectors.eligible_handlers(complaint))
            if handles
            else None,
        },
    )


def _complaint_form_page(request, complaint=None):
    user = request.user
    data = request.POST if request.method == "POST" else None
    initial = None
    if complaint is not None:
        initial = {k: getattr(complaint, k) for k in ComplaintForm.base_fields}
    form = ComplaintForm(data, initial=initial, units=selectors.complaint_units(user))
    identity_form = IdentityForm(data, prefix="identity") if complaint is None else None
    valid = request.method == "POST" and form.is_valid()
    if identity_form is not None:
        valid = valid and identity_form.is_valid()
    if valid:
        try:
            if complaint is None:
                complaint = services.complaint_create(
                    actor=user,
                    data=form.complaint_data(),
                    identity=identity_form.identity_data(),
                )
            else:
                complaint = services.complaint_update(
                    actor=user, complaint=complaint, data=form.complaint_data()
                )
            messages.success(request, _("The complaint was saved."))
            return redirect("inspections:complaint_detail", pk=complaint.pk)
        except services.InspectionError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "inspections/complaint_form.html",
        {"form": form, "identity_form": identity_form, "complaint": complaint},
    )


@login_required
def complaint_create(request):
    if not selectors.complaint_units(request.user).exists():
        raise Http404
    return _complaint_form_page(request)


@login_required
def complaint_edit(request, pk: int):
    return _complaint_form_page(request, selectors.handled_complaint_for(request.user, pk))


@login_required
def complaint_progress(request, pk: int):
    user = request.user
    complaint = selectors.handled_complaint_for(user, pk)
    form = ProgressForm(
        request.POST if request.method == "POST" else None, initial=progress_initial(complaint)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_progress(actor=user, complaint=complaint, data=form.progress_data())
            messages.success(request, _("The steps taken were saved."))
            return redirect("inspections:complaint_detail", pk=pk)
        except services.InspectionError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "inspections/complaint_progress.html",
        {"form": form, "complaint": complaint, "steps": deadlines.steps(complaint)},
    )


@login_required
def complaint_identity(request, pk: int):
    """The complainant's identity, for its handlers; each look (and each change) is in the
    audit log as an access to a sensitive record."""
    user = request.user
    complaint = selectors.complaint_for(user, pk)
    identity = selectors.identity_for(user, complaint)
    form = IdentityForm(
        request.POST if request.method == "POST" else None,
        prefix="identity",
        initial={"name": identity.name, "contact": identity.contact, "address": identity.address},
    )
    if request.method == "POST":
        if not selectors.may_handle(user, complaint):
            raise Http404
        if form.is_valid():
            try:
                services.identity_update(
                    actor=user, complaint=complaint, identity=form.identity_data()
                )
                messages.success(request, _("The identity was saved."))
                return redirect("inspections:complaint_identity", pk=pk)
            except services.InspectionError as exc:
                form.add_error(None, exc.message)
    record_access(
        actor=user,
        obj=complaint,
        org_unit=complaint.org_unit,
        request=request,
        action="complaint.identity.read",
    )
    return render(
        request,
        "inspections/complaint_identity.html",
        {"complaint": complaint, "identity": identity, "form": form},
    )


@login_required
@require_POST
def handler_add(request, pk: int):
    complaint = selectors.handled_complaint_for(request.user, pk)
    form = HandlerForm(request.POST, people=selectors.eligible_handlers(complaint))
    if form.is_valid():
        person = selectors.user_by_id(form.cleaned_data["user"])
        try:
            services.handler_add(actor=request.user, complaint=complaint, user=person)
            messages.success(request, _("The handler was added."))
        except services.InspectionError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose a person from the list."))
    return redirect("inspections:complaint_detail", pk=pk)


@login_required
@require_POST
def handler_remove(request, pk: int, user_pk: int):
    complaint = selectors.handled_complaint_for(request.user, pk)
    person = next((u for u in selectors.handlers(complaint) if u.pk == user_pk), None)
    if person is None:
        raise Http404
    try:
        services.handler_remove(actor=request.user, complaint=complaint, user=person)
        messages.success(request, _("The handler was removed."))
    except services.InspectionError as exc:
        messages.error(request, exc.message)
    return redirect("inspections:complaint_detail", pk=pk)


@login_required
def complaint_export(request):
    _require_complaint_viewer(request.user)
    from .sheets import export_complaints

    _form, filters = _complaint_filters(request)
    content = export_complaints(selectors.search_complaints(request.user, filters))
    return xlsx_response(content, "khieu-nai-to-cao.xlsx")


@login_required
def complaint_template(request):
    if not selectors.complaint_units(request.user).exists():
        raise Http404
    from .sheets import complaint_template_bytes

    return xlsx_response(complaint_template_bytes(request.user), "mau-so-khieu-nai-to-cao.xlsx")


@login_required
def complaint_upload(request):
    if not selectors.complaint_units(request.user).exists():
        raise Http404
    from .sheets import upload_complaints

    return upload_page(
        request,
        template_name="inspections/complaint_upload.html",
        importer=upload_complaints,
        success=_("%(count)s complaints and denunciations were registered."),
        done="inspections:complaint_list",
    )

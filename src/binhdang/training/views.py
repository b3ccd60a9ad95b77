"""Pages of the training records: courses and their participants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.communication.views import confirmed, upload
from binhdang.core.sheets import xlsx_response

from . import selectors, services, sheets
from .errors import TrainingError
from .forms import CourseFilterForm, CourseForm, ParticipantForm


def _service_error(form, exc: TrainingError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _filtered(request):
    form = CourseFilterForm(request.GET or None, user=request.user)
    filters = selectors.CourseFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.CourseFilters(
            unit=d.get("unit"), year=d.get("year"), topic=d.get("topic") or "",
            date_from=d.get("date_from"), date_to=d.get("date_to"), text=d.get("q") or "",
        )  # fmt: skip
    return form, selectors.search_courses(request.user, filters)


def _sex_chart(t: dict):
    from binhdang.communication.charts import sex_chart

    if not t["participants_total"]:
        return None
    return sex_chart(
        t["participants_total"], t["participants_women"], "Học viên theo giới tính"
    ).svg()


@login_required
def course_list(request):
    form, qs = _filtered(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    t = selectors.totals(qs)
    return render(
        request,
        "training/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "totals": t,
            "sex_chart": _sex_chart(t),
            "may_record": selectors.may_record(request.user),
        },
    )


@login_required
def course_create(request):
    if not selectors.may_record(request.user):
        raise Http404
    form = CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(actor=request.user, data=form.cleaned_data)
        except TrainingError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The course was recorded."))
            return redirect("training:detail", pk=course.pk)
    return render(request, "training/form.html", {"form": form, "course": None})


@login_required
def course_detail(request, pk: int):
    course = selectors.course_for(request.user, pk)
    return render(
        request,
        "training/detail.html",
        {
            "course": course,
            "participants": selectors.participants(request.user, course),
            "can_edit": selectors.can_edit(request.user, course.org_unit),
            "participant_form": ParticipantForm(),
        },
    )


@login_required
def course_edit(request, pk: int):
    course = selectors.editable_course_for(request.user, pk)
    form = CourseForm(request.POST or None, user=request.user, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, data=form.cleaned_data)
        except TrainingError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("training:detail", pk=course.pk)
    return render(request, "training/form.html", {"form": form, "course": course})


@login_required
@require_POST
def course_delete(request, pk: int):
    course = selectors.editable_course_for(request.user, pk)
    if not confirmed(request):
        return redirect("training:detail", pk=course.pk)
    services.course_delete(actor=request.user, course=course)
    messages.success(request, _("The course was deleted."))
    return redirect("training:list")


@login_required
@require_POST
def participant_add(request, pk: int):
    course = selectors.editable_course_for(request.user, pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            services.participant_add(actor=request.user, course=course, data=form.cleaned_data)
        except TrainingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The participant was added."))
    else:
        messages.error(request, _("Enter the participant's name, sex and position."))
    return redirect("training:detail", pk=course.pk)


@login_required
@require_POST
def participant_remove(request, pk: int):
    person = selectors.participant_for(request.user, pk)
    course = person.course
    if not selectors.can_edit(request.user, course.org_unit):
        raise Http404
    if not confirmed(request):
        return redirect("training:detail", pk=course.pk)
    services.participant_remove(actor=request.user, participant=person)
    messages.success(request, _("The participant was removed."))
    return redirect("training:detail", pk=course.pk)


@login_required
def course_template(request):
    if not selectors.may_record(request.user):
        raise Http404
    return xlsx_response(sheets.course_template(request.user), "mau-lop-tap-huan.xlsx")


@login_required
def course_export(request):
    _form, qs = _filtered(request)
    return xlsx_response(sheets.course_export(request.user, qs), "lop-tap-huan.xlsx")


@login_required
def course_upload(request):
    if not selectors.may_record(request.user):
        raise Http404
    return upload(
        request,
        sheets.course_import,
        title=_("Upload courses from Excel"),
        back="training:list",
        template="training:template",
    )

"""Pages of the directive register: parse, authorize, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.accounts.scoping import has_permission, home_units
from binhdang.core.api import MAX_ID
from binhdang.formats.numbers import parse_id

from . import selectors, services
from .forms import (
    AssignmentStatusForm,
    AttachmentForm,
    CarryDownForm,
    DirectiveFilterForm,
    DirectiveForm,
    LegalBasisFormSet,
    TaskFormSet,
    basis_initial,
    task_initial,
)
from .models import AssignmentStatus, DirectiveStatus
from .permissions import DIRECTIVE_MANAGE


def _id(raw: str | None) -> int | None:
    """An id from a query string, or None for anything that cannot be one."""
    value = parse_id(raw)
    return value if value is not None and 0 < value <= MAX_ID else None


def _require_manager(user) -> None:
    if not has_permission(user, DIRECTIVE_MANAGE):
        raise Http404


@login_required
def directive_list(request):
    form = DirectiveFilterForm(
        request.GET or None,
        years=selectors.register_years(request.user),
        issuers=selectors.register_issuers(request.user),
    )
    filters = selectors.DirectiveFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.DirectiveFilters(
            year=d.get("year"),
            issuing_unit=d.get("issuing_unit"),
            doc_type=d.get("doc_type") or "",
            status=d.get("status") or "",
            text=d.get("q") or "",
        )
    page = Paginator(selectors.search_directives(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directives/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": has_permission(request.user, DIRECTIVE_MANAGE),
        },
    )


@login_required
def directive_detail(request, pk: int):
    directive = selectors.directive_for(request.user, pk)
    can_manage = selectors.can_manage(request.user, directive)
    bases = selectors.legal_bases(request.user, directive)
    return render(
        request,
        "directives/detail.html",
        {
            "directive": directive,
            "can_manage": can_manage,
            "rows": selectors.directive_task_rows(request.user, directive),
            "bases": [b for b in bases if not b.footnote_marker],
            "footnotes": [b for b in bases if b.footnote_marker],
            "recipient_groups": directive.recipient_groups.all(),
            "recipient_units": directive.recipient_units.all(),
            "closed_flags": selectors.closed_unit_flags(request.user, directive)
            if can_manage
            else [],
            "closed_recipients": selectors.closed_recipients(directive) if can_manage else [],
            "chain_up": selectors.chain_up(request.user, directive),
            "chain_down": selectors.chain_down(request.user, directive),
            "attachments": selectors.directive_attachments(request.user, directive),
            "attachment_form": AttachmentForm() if can_manage else None,
            "can_carry_down": selectors.can_carry_down(request.user, directive),
        },
    )


def _directive_form_page(request, directive=None):
    user = request.user
    kept = selectors.task_unit_ids(directive) if directive else []
    units = selectors.assignable_units(user).current(keep=kept)
    citable = selectors.citable_directives(user, directive)
    data = request.POST if request.method == "POST" else None
    form = DirectiveForm(data, instance=directive, user=user)
    tasks = TaskFormSet(
        data,
        prefix="tasks",
        form_kwargs={"units": units},
        initial=task_initial(directive) if directive else None,
    )
    bases = LegalBasisFormSet(
        data,
        prefix="bases",
        form_kwargs={"directives": citable},
        initial=basis_initial(directive) if directive else None,
    )
    if request.method == "POST" and form.is_valid() and tasks.is_valid() and bases.is_valid():
        d = form.cleaned_data
        values = {k: d.get(k) for k in services.DIRECTIVE_FIELDS if k in d}
        values["number_symbol"] = values.get("number_symbol") or ""
        try:
            if directive is None:
                directive = services.directive_create(
                    actor=user,
                    data=values,
                    tasks=tasks.task_data(),
                    legal_bases=bases.basis_data(),
                    recipient_units=d["recipient_units"],
                    recipient_groups=d["recipient_groups"],
                )
                messages.success(request, _("The directive was saved as a draft."))
            else:
                directive = services.directive_update(
                    actor=user,
                    directive=directive,
                    data=values,
                    tasks=tasks.task_data(),
                    legal_bases=bases.basis_data(),
                    recipient_units=d["recipient_units"],
                    recipient_groups=d["recipient_groups"],
                )
                messages.success(request, _("The directive was saved."))
            return redirect("directives:detail", pk=directive.pk)
        except services.DirectiveError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "directives/form.html",
        {"form": form, "tasks": tasks, "bases": bases, "directive": directive},
    )


@login_required
def directive_create(request):
    _require_manager(request.user)
    return _directive_form_page(request)


@login_required
def directive_edit(request, pk: int):
    directive = selectors.managed_directive_for(request.user, pk)
    return _directive_form_page(request, directive)


@login_required
@require_POST
def directive_issue(request, pk: int):
    directive = selectors.managed_directive_for(request.user, pk)
    try:
        services.directive_issue(actor=request.user, directive=directive)
        messages.success(request, _("The directive was issued and its tasks assigned."))
    except services.DirectiveError as exc:
        messages.error(request, str(exc))
    return redirect("directives:detail", pk=pk)


@login_required
@require_POST
def directive_close(request, pk: int):
    directive = selectors.managed_directive_for(request.user, pk)
    try:
        services.directive_close(actor=request.user, directive=directive)
        messages.success(request, _("The directive was closed."))
    except services.DirectiveError as exc:
        messages.error(request, str(exc))
    return redirect("directives:detail", pk=pk)


@login_required
def directive_carry_down(request, pk: int):
    parent = selectors.directive_for(request.user, pk)
    form = CarryDownForm(request.POST or None, user=request.user, parent=parent)
    if not form.fields["issuing_unit"].queryset.exists() or parent.status == DirectiveStatus.DRAFT:
        raise Http404
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            directive = services.directive_carry_down(
                actor=request.user,
                parent_directive=parent,
                issuing_unit=d["issuing_unit"],
                number_symbol=d.get("number_symbol") or "",
                issued_on=d.get("issued_on"),
                place=d.get("place") or "",
            )
            messages.success(
                request,
                _("A draft implementing %(number)s was created; complete it and issue it.")
                % {"number": parent.number_symbol},
            )
            return redirect("directives:edit", pk=directive.pk)
        except services.DirectiveError as exc:
            form.add_error(None, str(exc))
    return render(request, "directives/carry_down.html", {"form": form, "parent": parent})


@login_required
@require_POST
def attachment_upload(request, pk: int):
    directive = selectors.managed_directive_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.attachment_add(
                    actor=request.user,
                    directive=directive,
                    uploaded=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                )
            messages.success(request, _("The file was attached."))
        except services.DirectiveError as exc:
            messages.error(request, str(exc))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{directive_url(directive)}#attachments")


def directive_url(directive) -> str:
    from django.urls import reverse

    return reverse("directives:detail", args=[directive.pk])


@login_required
def attachment_download(request, pk: int):
    attachment = selectors.attachment_for(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # FileResponse writes filename*=utf-8''... (RFC 5987) for a Vietnamese name.
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
def my_tasks(request):
    unit_id = _id(request.GET.get("unit"))
    show = request.GET.get("show", "open")
    assignments = selectors.my_task_assignments(
        request.user, unit=unit_id, open_only=(show != "all")
    )
    rows = [
        (
            a,
            selectors.can_update_assignment(request.user, a),
            AssignmentStatusForm(initial={"status": a.status}, prefix=f"a{a.pk}"),
        )
        for a in assignments[:300]
    ]
    return render(
        request,
        "directives/my_tasks.html",
        {
            "rows": rows,
            "units": home_units(request.user),
            "unit_id": unit_id,
            "show": show,
        },
    )


@login_required
def assignment_detail(request, pk: int):
    assignment = selectors.assignment_for(request.user, pk)
    can_update = selectors.can_update_assignment(request.user, assignment)
    prefix = f"a{assignment.pk}"
    form = AssignmentStatusForm(
        request.POST if request.method == "POST" else None,
        initial={"status": assignment.status},
        prefix=prefix,
    )
    if request.method == "POST":
        if not can_update:
            raise Http404
        if form.is_valid():
            try:
                services.task_assignment_update_status(
                    actor=request.user,
                    assignment=assignment,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    on=form.cleaned_data.get("on"),
                )
                messages.success(request, _("The progress was saved."))
                target = request.POST.get("next", "")
                if target.startswith("/directives/") and "//" not in target:
                    return redirect(target)
                return redirect("directives:assignment", pk=assignment.pk)
            except services.DirectiveError as exc:
                form.add_error(None, str(exc))
    return render(
        request,
        "directives/assignment.html",
        {
            "assignment": assignment,
            "task": assignment.task,
            "directive": assignment.task.directive,
            "form": form,
            "can_update": can_update,
            "notes": selectors.progress_notes(request.user, assignment),
            "overdue": assignment.is_overdue(),
        },
    )


@login_required
def by_unit(request):
    _require_manager(request.user)
    directive_id = _id(request.GET.get("directive"))
    managed = selectors.managed_issued_directives(request.user)
    return render(
        request,
        "directives/by_unit.html",
        {
            "rows": selectors.assignments_by_unit(request.user, directive=directive_id),
            "directives": managed,
            "directive_id": directive_id,
        },
    )


@login_required
def by_unit_detail(request, unit_pk: int):
    _require_manager(request.user)
    assignments = list(selectors.managed_assignments_of_unit(request.user, unit_pk))
    if not assignments:
        raise Http404
    return render(
        request,
        "directives/by_unit_detail.html",
        {"unit": assignments[0].org_unit, "assignments": assignments},
    )


@login_required
def by_task(request, pk: int):
    directive = selectors.managed_directive_for(request.user, pk)
    return render(
        request,
        "directives/by_task.html",
        {
            "directive": directive,
            "matrix": selectors.assignment_matrix(request.user, directive),
            "statuses": AssignmentStatus,
        },
    )


@login_required
@require_POST
def assignment_readdress(request, pk: int):
    """One click of the issuing office: the open assignment of a closed unit goes to the
    units that took over from it (those ticked)."""
    assignment = selectors.readdressable_assignment(request.user, pk)
    chosen = selectors.units_by_ids(request.POST.getlist("unit"))
    try:
        units = services.assignment_readdress(
            actor=request.user, assignment=assignment, to_units=chosen
        )
    except services.DirectiveError as exc:
        messages.error(request, str(exc))
    else:
        if units:
            messages.success(
                request,
                _("The task now goes to %(units)s.") % {"units": ", ".join(u.name for u in units)},
            )
        else:
            messages.info(request, _("This task was already re-addressed."))
    return redirect("directives:detail", pk=assignment.task.directive_id)

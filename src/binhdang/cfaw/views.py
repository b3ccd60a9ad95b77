"""Pages of the committees: the list, a committee as on a date, its creation and editing, a
kiện toàn decision, and the record pages of its members, programme and meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdang.core.api import MAX_ID
from binhdang.formats.dates import DateError, format_date, parse_date
from binhdang.formats.numbers import parse_id
from binhdang.leadership import record_views

from . import selectors, services
from .models import CommitteePost, Level, Sex
from .types import TYPES

NS = "cfaw"
NEW_ROWS = 6


def _id(raw) -> int | None:
    value = parse_id(raw)
    return value if value is not None and 0 < value <= MAX_ID else None


def _type(kind: str):
    rtype = TYPES.get(kind)
    if rtype is None:
        raise Http404
    return rtype


def _tabs(user, active: str = "") -> list[dict]:
    tabs = [{"label": _("Committees"), "url": reverse("cfaw:index"), "active": active == ""}]
    for rtype in TYPES.values():
        tabs.append(
            {
                "label": rtype.label,
                "url": reverse("cfaw:list", kwargs={"kind": rtype.slug}),
                "active": active == rtype.slug,
            }
        )
    return tabs


def _on(request):
    """The date of ?on=dd/mm/yyyy (today when absent), and a message when it is not a date."""
    raw = request.GET.get("on", "")
    try:
        return parse_date(raw) or timezone.localdate(), ""
    except DateError as exc:
        return timezone.localdate(), str(exc)


@login_required
def index(request):
    if not selectors.committee_units(request.user).exists():
        raise Http404
    on, error = _on(request)
    level = request.GET.get("level", "")
    level = level if level in Level.values else ""
    text = request.GET.get("q", "").strip()[:100]
    qs = selectors.with_counts(selectors.committees(request.user, level=level, text=text), on)
    return render(
        request,
        "cfaw/index.html",
        {
            "tabs": _tabs(request.user),
            "tabs_label": _("Committee records"),
            "committees": qs[:500],
            "on": on,
            "on_text": format_date(on),
            "date_error": error,
            "level": level,
            "q": text,
            "levels": Level.choices,
            "can_create": bool(services.units_without_committee(request.user)),
        },
    )


@login_required
def committee_detail(request, pk: int):
    committee = selectors.committee_for(request.user, pk)
    on, error = _on(request)
    year = _id(request.GET.get("year")) or on.year
    if not 2000 <= year <= 2100:
        year = on.year
    context = selectors.committee_page(committee, on, year)
    members = context["members"]
    return render(
        request,
        "cfaw/detail.html",
        {
            **context,
            "committee": committee,
            "on": on,
            "on_text": format_date(on),
            "date_error": error,
            "year": year,
            "women": sum(1 for m in members if m.sex == Sex.FEMALE),
            "can_manage": services.may_manage(request.user, committee.org_unit),
            "tabs": _tabs(request.user),
            "tabs_label": _("Committee records"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request):
    units = services.units_without_committee(request.user)
    if not units:
        raise Http404
    errors, values = {}, {"name": "", "note": "", "unit": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        unit = next((u for u in units if u.pk == _id(values["unit"])), None)
        if len(units) == 1:
            unit = units[0]
        if unit is None:
            errors["unit"] = _("Choose the unit.")
            messages.error(request, _("Choose the unit."))
        else:
            try:
                committee = services.committee_create(
                    actor=request.user, unit=unit, name=values["name"], note=values["note"]
                )
            except services.CommitteeError as exc:
                messages.error(request, str(exc))
                errors = exc.errors
            else:
                messages.success(request, _("The committee was created."))
                return redirect("cfaw:detail", pk=committee.pk)
    return render(
        request,
        "cfaw/committee_form.html",
        {"units": units, "values": values, "errors": errors, "committee": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request, pk: int):
    committee = selectors.committee_for(request.user, pk)
    if not services.may_manage(request.user, committee.org_unit):
        raise Http404
    errors = {}
    values = {"name": committee.name, "note": committee.note}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            services.committee_update(
                actor=request.user, committee=committee, name=values["name"], note=values["note"]
            )
        except services.CommitteeError as exc:
            messages.error(request, str(exc))
            errors = exc.errors
        else:
            messages.success(request, _("The committee was saved."))
            return redirect("cfaw:detail", pk=committee.pk)
    return render(
        request,
        "cfaw/committee_form.html",
        {"units": [], "values": values, "errors": errors, "committee": committee},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reconstitute(request, pk: int):
    committee = selectors.committee_for(request.user, pk)
    if not services.may_manage(request.user, committee.org_unit):
        raise Http404
    errors = {}
    post = request.POST if request.method == "POST" else {}
    signed_text = post.get("signed_on", "")
    try:
        signed_on = parse_date(signed_text) if signed_text else None
    except DateError as exc:
        signed_on, errors["signed_on"] = None, str(exc)
    on = signed_on or timezone.localdate()
    current = list(services.members_on(committee, on))
    new_rows = [
        {
            k: post.get(f"new-{n}-{k}", "")
            for k in ("full_name", "post", "from_body", "job_title", "sex")
        }
        for n in range(NEW_ROWS)
    ]
    if request.method == "POST" and not errors:
        join = [services.NewMember(**row) for row in new_rows if any(row.values())]
        leave = [i for i in (_id(v) for v in request.POST.getlist("leave")) if i]
        try:
            services.reconstitute(
                actor=request.user,
                committee=committee,
                number=post.get("number", ""),
                signed_on=signed_on,
                signer=post.get("signer", ""),
                summary=post.get("summary", ""),
                uploaded=request.FILES.get("file"),
                leave=leave,
                join=join,
            )
        except services.CommitteeError as exc:
            messages.error(request, str(exc))
            errors = exc.errors
        else:
            messages.success(request, _("The decision was recorded and the committee changed."))
            return redirect(
                reverse("cfaw:detail", kwargs={"pk": committee.pk})
                + f"?on={format_date(signed_on)}"
            )
    elif request.method == "POST":
        messages.error(request, _("The decision was not recorded; nothing was changed."))
    return render(
        request,
        "cfaw/reconstitute.html",
        {
            "committee": committee,
            "current": current,
            "leaving": set(request.POST.getlist("leave")) if request.method == "POST" else set(),
            "new_rows": new_rows,
            "posts": CommitteePost.choices,
            "sexes": Sex.choices,
            "post": post,
            "errors": errors,
            "row_errors": [
                errors.get(f"new-{n}") for n in range(1, NEW_ROWS + 1) if errors.get(f"new-{n}")
            ],
        },
    )


@login_required
def decision_file(request, pk: int):
    decision = selectors.decision_for(request.user, pk)
    if not decision.file:
        raise Http404
    try:
        handle = decision.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=decision.original_name)


def _extra(request, rtype):
    return {"tabs": _tabs(request.user, rtype.slug), "tabs_label": _("Committee records")}


@login_required
def record_list(request, kind: str):
    rtype = _type(kind)
    return record_views.record_list(request, rtype, NS, _extra(request, rtype))


@login_required
def record_detail(request, kind: str, pk: int):
    return record_views.record_detail(request, _type(kind), NS, pk)


@login_required
def record_file(request, kind: str, pk: int):
    return record_views.record_file(request, _type(kind), NS, pk)


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, kind: str):
    return record_views.record_create(request, _type(kind), NS)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, kind: str, pk: int):
    return record_views.record_edit(request, _type(kind), NS, pk)


@login_required
@require_POST
def record_delete(request, kind: str, pk: int):
    return record_views.record_delete(request, _type(kind), NS, pk)


@login_required
def record_template(request, kind: str):
    return record_views.record_template(request, _type(kind), NS)


@login_required
def record_export(request, kind: str):
    return record_views.record_export(request, _type(kind), NS)


@login_required
@require_http_methods(["GET", "POST"])
def record_upload(request, kind: str):
    return record_views.record_upload(request, _type(kind), NS)

"""Pages of the leadership records: the overview with the chart, and each kind of record."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import record_views, records, selectors
from .charts import leadership_chart
from .types import TYPES

NS = "leadership"
FIRST_YEAR = 2019


def _type(kind: str):
    rtype = TYPES.get(kind)
    if rtype is None:
        raise Http404
    return rtype


def _tabs(user, active: str = "") -> list[dict]:
    tabs = [{"label": _("Overview"), "url": reverse("leadership:index"), "active": active == ""}]
    for rtype in TYPES.values():
        if records.view_units(user, rtype).exists():
            tabs.append(
                {
                    "label": rtype.label,
                    "url": reverse("leadership:list", kwargs={"kind": rtype.slug}),
                    "active": active == rtype.slug,
                }
            )
    return tabs


@login_required
def index(request):
    units = selectors.leadership_units(request.user).order_by("path")
    if not units.exists():
        raise Http404
    this_year = timezone.localdate().year
    year = record_views._id(request.GET.get("year")) or this_year - 1
    if not FIRST_YEAR <= year <= this_year + 5:
        year = this_year - 1
    root_id = record_views._id(request.GET.get("unit"))
    root = units.filter(pk=root_id).first() if root_id else units.first()
    rows, total = selectors.overview(request.user, year, root)
    chart = leadership_chart(request.user, root, range(FIRST_YEAR, max(year, this_year) + 1))
    return render(
        request,
        "leadership/index.html",
        {
            "tabs": _tabs(request.user),
            "tabs_label": _("Leadership records"),
            "year": year,
            "years": list(range(this_year, FIRST_YEAR - 1, -1)),
            "root": root,
            "units": units[:500],
            "rows": rows,
            "total": total,
            "chart_svg": chart.svg() if chart else "",
            "targets": selectors.targets(),
        },
    )


def _extra(request, rtype):
    return {"tabs": _tabs(request.user, rtype.slug), "tabs_label": _("Leadership records")}


@login_required
def record_list(request, kind: str):
    rtype = _type(kind)
    return record_views.record_list(request, rtype, NS, _extra(request, rtype))


@login_required
def record_detail(request, kind: str, pk: int):
    return record_views.record_detail(request, _type(kind), NS, pk)


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

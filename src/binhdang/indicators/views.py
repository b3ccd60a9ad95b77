import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binhdang.accounts.scoping import has_permission
from binhdang.core.db import reads_from_replica
from binhdang.core.uploads import UploadRejected
from binhdang.formats.numbers import format_number, parse_id
from binhdang.formats.templatetags.vn import fig

from . import selectors, services
from .computed import computed_values
from .dashboard_rows import dashboard_rows
from .excel import build_template
from .exports import dhis2_data_value_set, table_csv, table_xlsx
from .forecast import MIN_YEARS, NOT_ENOUGH, STATUS_CSS, STATUS_ICONS, STATUS_LABELS
from .models import IndicatorSettings, disaggregation_label
from .permissions import INDICATOR_ASSESS, INDICATOR_ENTER, INDICATOR_VIEW
from .remapping import RULE_TEXT as REMAP_RULE
from .selectors import TARGET_YEARS
from .wording import coverage, target


def _asked_year(request) -> int | None:
    raw = request.GET.get("year", "")
    if (year := parse_id(raw)) is not None and 2000 <= year <= 2100:
        return year
    return None


def _year(request, unit) -> int:
    return (
        _asked_year(request)
        or selectors.latest_data_year(request.user, unit)
        or date.today().year - 1
    )


def _require_any(user, permission) -> None:
    if not has_permission(user, permission):
        raise Http404


@login_required
def index(request):
    _require_any(request.user, INDICATOR_VIEW)
    unit = selectors.default_unit(request.user)
    if unit is None:
        raise Http404
    return redirect("indicators:dashboard", pk=unit.pk)


# A unit id no other part of a dashboard's URL holds.
_UNIT_MARK = 987654321987654321


@login_required
@reads_from_replica
def dashboard(request, pk: int):
    unit = selectors.unit_for_view(request.user, pk)
    facts = selectors.unit_facts(request.user, unit)
    year = _asked_year(request) or facts.latest_year or date.today().year - 1
    shown = selectors.level_rows(request.user, unit, year)
    rows = shown.rows
    # One reverse for the links of all the units under it (an id where the mark is).
    before, _mark, after = reverse("indicators:dashboard", args=[_UNIT_MARK]).rpartition(
        str(_UNIT_MARK)
    )
    children = [
        (child, f"{before}{child.pk}{after}") for child in selectors.child_units(request.user, unit)
    ]
    return render(
        request,
        "indicators/dashboard.html",
        {
            "unit": unit,
            "year": year,
            "years": list(range(year - 4, year + 2)),
            "rows": rows,
            "table_rows": dashboard_rows(rows, unit, year),
            "left_out": shown.left_out,
            "no_local_target": not any(r.local_target for r in rows),
            "no_forecast": not any(s.prediction for r in rows for s in r.statuses),
            "children": children,
            "ancestors": selectors.visible_ancestors(request.user, unit),
            "is_demo": facts.is_demo,
            "can_enter": has_permission(request.user, INDICATOR_ENTER, unit),
            "margin": shown.margin,
            "boundary": facts.boundary,
            "remap_rule": REMAP_RULE,
        },
    )


def _dashboard_table(rows, year):
    """The dashboard as a table for Excel and CSV: figures stay numbers; a cell without a
    figure says why instead of staying blank."""
    no_data, no_target = _("no data"), _("no target")
    header = [
        _("Code"),
        _("Indicator"),
        _("Unit of measure"),
        _("Latest year"),
        _("Latest value"),
        _("Data coverage"),
        _("Origin of the latest value"),
        _("Local target"),
    ]
    for target_year in TARGET_YEARS:
        header += [
            _("National target %(year)s") % {"year": target_year},
            _("Forecast %(year)s") % {"year": target_year},
            _("95%% prediction interval %(year)s") % {"year": target_year},
            _("Path to the %(year)s target, latest year") % {"year": target_year},
            _("Status %(year)s") % {"year": target_year},
        ]
    body = []
    for r in rows:
        s = {st.year: st for st in r.statuses}
        latest = r.latest
        line = [
            ", ".join(r.codes),
            r.indicator.name,
            r.indicator.unit_label,
            r.latest_year or no_data,
            _round(float(latest.value)) if latest else no_data,
            coverage(r.coverage) or no_data,
            _origin(latest) if latest else no_data,
            f"{r.local_target.comparison} {fig(r.local_target.value)} ({r.local_target.year})"
            if r.local_target
            else no_target,
        ]
        for target_year in TARGET_YEARS:
            st = s[target_year]
            gap = _forecast_gap(st)
            line += [
                _target_text(st, r.indicator) or no_target,
                _round(st.projection) if st.prediction else gap,
                f"{fig(_round(st.low))} - {fig(_round(st.high))}" if st.low is not None else gap,
                _round(st.required) if st.required is not None else gap,
                st.label,
            ]
        body.append(line)
    return header, body


def _origin(figure) -> str:
    if figure.estimated:
        return _("estimated: re-mapped from a former unit that was split")
    if figure.remapped:
        return _("re-mapped from the former units")
    return _("recorded at the unit and the units under it")


def _forecast_gap(status) -> str:
    if status.target is None:
        return _("no target")
    if status.status != NOT_ENOUGH:
        return _("not forecast")
    return _("not enough data (%(n)s of %(min)s years)") % {
        "n": status.years,
        "min": MIN_YEARS,
    }


def _round(value):
    return None if value is None else round(value, 2)


def _target_text(status, indicator) -> str:
    if status.target is None:
        return ""
    return target(status.target, status.comparison, indicator)


def _download(content, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table_response(fmt: str, title: str, header, body, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        return _download(table_xlsx(title, header, body), f"{filename}.xlsx", XLSX)
    if fmt == "csv":
        return _download(table_csv(header, body), f"{filename}.csv", "text/csv; charset=utf-8")
    raise Http404


@login_required
@reads_from_replica
def dashboard_export(request, pk: int, fmt: str):
    unit = selectors.unit_for_view(request.user, pk)
    year = _year(request, unit)
    rows = selectors.level_rows(request.user, unit, year).rows
    header, body = _dashboard_table(rows, year)
    name = f"chi-tieu-{slugify(unit.short_name or unit.name)}-{year}"
    return _table_response(fmt, _("Indicators"), header, body, name)


@login_required
@reads_from_replica
def indicator_detail(request, pk: int, code: str):
    unit = selectors.unit_for_view(request.user, pk)
    indicator = selectors.indicator_by_code(code)
    year = _year(request, unit)
    sort = request.GET.get("sort", "name")
    row = selectors.indicator_rows(request.user, unit, year, [indicator])[0]
    children = selectors.children_comparison(request.user, unit, indicator, year, sort)
    bar_svg = ""
    with_values = [c for c in children if c.value is not None]
    if with_values:
        from binhdang.charts import bar_chart

        target = row.main_status.target if row.main_status else None
        bar_svg = bar_chart(
            f"{indicator.code} · {year}",
            [c.unit.short_name or c.unit.name for c in with_values],
            [float(c.value) for c in with_values],
            target=None if target is None or indicator.lower_is_better else float(target),
            unit_label=indicator.unit_label,
        ).svg()
    return render(
        request,
        "indicators/detail.html",
        {
            "unit": unit,
            "indicator": indicator,
            "year": year,
            "row": row,
            "trend_svg": row.chart().svg(),
            "bar_svg": bar_svg,
            "children": children,
            "sort": sort,
            "assessment": selectors.assessment_of(
                request.user, indicator, indicator.lead_unit or unit, year
            ),
            "can_assess": has_permission(request.user, INDICATOR_ASSESS, indicator.lead_unit)
            if indicator.lead_unit
            else has_permission(request.user, INDICATOR_ASSESS, unit),
            "assess_unit": indicator.lead_unit or unit,
            "is_demo": selectors.has_demo_values(request.user, unit),
            "applies": indicator.applies_at(selectors.unit_level(unit)),
            "margin": IndicatorSettings.current().margin_percent,
            "boundary": selectors.boundary_change(request.user, unit),
            "remap_rule": REMAP_RULE,
        },
    )


@login_required
@reads_from_replica
def children_export(request, pk: int, code: str, fmt: str):
    unit = selectors.unit_for_view(request.user, pk)
    indicator = selectors.indicator_by_code(code)
    year = _year(request, unit)
    children = selectors.children_comparison(
        request.user, unit, indicator, year, request.GET.get("sort", "name")
    )
    header = [_("Unit"), _("Code"), _("Numerator"), _("Denominator"), indicator.unit_label]
    body = [
        [
            c.unit.name,
            c.unit.code,
            c.figure.numerator if c.figure else None,
            c.figure.denominator if c.figure else None,
            _round(float(c.value)) if c.value is not None else None,
        ]
        for c in children
    ]
    name = f"{indicator.code}-{slugify(unit.short_name or unit.name)}-{year}"
    return _table_response(fmt, indicator.code, header, body, name)


@login_required
@reads_from_replica
def dhis2_export(request, pk: int, year: int):
    unit = selectors.unit_for_view(request.user, pk)
    payload = dhis2_data_value_set(selectors.values_for_export(request.user, unit, year))
    return _download(
        json.dumps(payload, ensure_ascii=False, indent=1),
        f"dataValueSets-{slugify(unit.short_name or unit.name)}-{year}.json",
        "application/json",
    )


def _entry_fields(elements, values, year, result=None, posted=None, computed=None):
    groups = []
    current = None
    for element in elements:
        if current is None or current["name"] != element.group:
            current = {"name": element.group, "elements": []}
            groups.append(current)
        fields = []
        for option in element.options:
            key = (element.code, option)
            name = f"v__{element.code}__{option}"
            if posted is not None:
                shown = posted.get(name, "")
            else:
                stored = values.get((element.code, option, year))
                shown = fig(stored, plain=True) if stored is not None else ""
            last = values.get((element.code, option, year - 1))
            fields.append(
                {
                    "name": name,
                    "id": f"f-{element.code}-{option}",
                    "label": disaggregation_label(option),
                    "value": shown,
                    "last": last,
                    "errors": (result.errors.get(key, []) if result else []),
                    "warnings": (result.warnings.get(key, []) if result else []),
                    "computed": (computed or {}).get(key),
                }
            )
        current["elements"].append({"element": element, "fields": fields})
    return groups


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, pk: int, year: int):
    unit = selectors.unit_for_entry(request.user, pk)
    if not 2000 <= year <= 2100:
        raise Http404
    elements = selectors.entry_elements()
    result, posted = None, None
    computed = computed_values(unit, year)
    if request.method == "POST" and request.POST.get("use_computed"):
        try:
            result = services.record_computed_values(actor=request.user, unit=unit, year=year)
        except services.IndicatorError as exc:
            messages.error(request, str(exc))
            result = exc.result
        else:
            messages.success(request, _("The values computed from the records were saved."))
            return redirect("indicators:entry", pk=unit.pk, year=year)
    elif request.method == "POST":
        posted = request.POST
        raw = {}
        for element in elements:
            for option in element.options:
                name = f"v__{element.code}__{option}"
                if name in request.POST:
                    raw[(element.code, option)] = request.POST.get(name, "")
        try:
            result = services.record_values(actor=request.user, unit=unit, year=year, raw=raw)
        except services.IndicatorError as exc:
            messages.error(request, str(exc))
            result = exc.result
        else:
            if result.warnings:
                messages.warning(
                    request,
                    _("Saved. Some values are far from earlier years: please check them."),
                )
            else:
                messages.success(request, _("The values were saved."))
                return redirect("indicators:entry", pk=unit.pk, year=year)
    values = selectors.stored_values(request.user, unit, [year, year - 1])
    return render(
        request,
        "indicators/entry.html",
        {
            "unit": unit,
            "year": year,
            "groups": _entry_fields(elements, values, year, result, posted, computed),
            "has_computed": bool(computed),
            "is_demo": selectors.has_demo_values(request.user, unit),
        },
    )


@login_required
def template_download(request, pk: int, year: int):
    unit = selectors.unit_for_entry(request.user, pk)
    units = [unit]
    if request.GET.get("children") == "1":
        units += selectors.entry_child_units(request.user, unit)
    stored = {}
    for u in units:
        for (code, option, y), value in selectors.stored_values(
            request.user, u, [year, year - 1]
        ).items():
            stored[(u.pk, code, option, y)] = value
    content = build_template(units, year, selectors.entry_elements(), stored)
    return _download(
        content, f"mau-nhap-chi-tieu-{slugify(unit.short_name or unit.name)}-{year}.xlsx", XLSX
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _require_any(request.user, INDICATOR_ENTER)
    context = {}
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            context["file_error"] = _("Choose the filled Excel file.")
        else:
            try:
                outcome = services.upload_values(actor=request.user, uploaded=uploaded)
            except UploadRejected as exc:
                context["file_error"] = str(exc)
            except services.IndicatorError as exc:
                context["cell_errors"] = exc.result
                context["file_error"] = str(exc)
            else:
                context["outcome"] = outcome
                messages.success(
                    request,
                    _("Saved: %(n)s values changed for %(units)s.")
                    % {
                        "n": format_number(outcome.changed),
                        "units": ", ".join(u.name for u in outcome.saved_units),
                    },
                )
    context["entry_units"] = selectors.entry_units(request.user)[:50]
    return render(request, "indicators/upload.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request, pk: int, code: str, year: int):
    unit = selectors.unit_for_assessment(request.user, pk)
    indicator = selectors.indicator_by_code(code)
    existing = selectors.assessment_of(request.user, indicator, unit, year)
    error = None
    text = existing.assessment if existing else ""
    solutions = existing.solutions if existing else ""
    if request.method == "POST":
        text = request.POST.get("assessment", "")
        solutions = request.POST.get("solutions", "")
        try:
            services.assessment_save(
                actor=request.user, indicator=indicator, unit=unit, year=year,
                assessment=text, solutions=solutions,
            )  # fmt: skip
        except services.IndicatorError as exc:
            error = str(exc)
        else:
            messages.success(request, _("The assessment was saved."))
            return redirect(
                reverse("indicators:detail", kwargs={"pk": unit.pk, "code": indicator.code})
                + f"?year={year}"
            )
    row = selectors.indicator_rows(request.user, unit, year, [indicator])[0]
    return render(
        request,
        "indicators/assess.html",
        {
            "unit": unit,
            "indicator": indicator,
            "year": year,
            "row": row,
            "text": text,
            "solutions": solutions,
            "error": error,
        },
    )


@login_required
def catalogue(request):
    _require_any(request.user, INDICATOR_VIEW)
    return render(
        request,
        "indicators/catalogue.html",
        {
            "indicators": selectors.catalogue(),
            "margin": IndicatorSettings.current().margin_percent,
            "statuses": [(STATUS_ICONS[k], STATUS_LABELS[k], STATUS_CSS[k]) for k in STATUS_LABELS],
        },
    )


@login_required
def history(request, pk: int, year: int):
    unit = selectors.unit_for_view(request.user, pk)
    return render(
        request,
        "indicators/history.html",
        {"unit": unit, "year": year, "changes": selectors.value_history(request.user, unit, year)},
    )

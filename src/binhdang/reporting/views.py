"""Pages of reporting rounds: parse, authorize through selectors, call a service, render."""

import difflib
from decimal import Decimal, InvalidOperation
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.accounts.scoping import has_permission
from binhdang.formats.numbers import format_number, input_value, parse_id
from binhdang.reporting.permissions import ROUND_MANAGE, SUBMISSION_EDIT, SUBMISSION_REVIEW

from . import selectors, services
from .exports import completeness_workbook
from .forms import FieldAddForm, RoundCreateForm, RoundRegimeForm, SectionAddForm
from .models import (
    AttachmentKind,
    NarrativePart,
    RoundStatus,
    SubmissionStatus,
)

BUCKET_CSS = {
    "on_time": "ok",
    "late": "warn",
    "returned": "warn",
    "awaiting_approval": "info",
    "draft": "none",
    "missing": "bad",
}


def _bucket_labels() -> dict:
    # Evaluated per request so the active language applies.
    return {
        "on_time": _("Submitted on time"),
        "late": _("Submitted late"),
        "returned": _("Returned"),
        "awaiting_approval": _("Awaiting approval"),
        "draft": _("Draft"),
        "missing": _("Missing"),
    }


# ---------------------------------------------------------------- rounds


@login_required
def round_list(request):
    rows = selectors.round_list_rows(request.user)
    can_create = has_permission(request.user, ROUND_MANAGE)
    return render(request, "reporting/round_list.html", {"rows": rows, "can_create": can_create})


@login_required
def round_create(request):
    if not has_permission(request.user, ROUND_MANAGE):
        raise Http404
    form = RoundCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = services.round_setup(actor=request.user, **form.service_values())
        except services.ReportingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The round was created as a draft."))
            return redirect("reporting:detail", slug=reporting_round.slug)
    return render(request, "reporting/round_create.html", {"form": form})


def _managed_draft_post(request, slug: str):
    reporting_round = selectors.round_for(request.user, slug)
    if not selectors.can_manage(request.user, reporting_round):
        raise Http404
    return reporting_round


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@login_required
@require_POST
def section_add(request, slug: str):
    reporting_round = _managed_draft_post(request, slug)
    form = SectionAddForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.form_section_add(
                actor=request.user, reporting_round=reporting_round, **form.cleaned_data
            )
        except services.ReportingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The section was added."))
    return redirect(reverse("reporting:detail", kwargs={"slug": slug}) + "#form")


@login_required
@require_POST
def field_add(request, slug: str):
    reporting_round = _managed_draft_post(request, slug)
    form = FieldAddForm(request.POST, reporting_round=reporting_round)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.form_field_add(
                actor=request.user, reporting_round=reporting_round, **form.cleaned_data
            )
        except services.ReportingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The numeric field was added."))
    return redirect(reverse("reporting:detail", kwargs={"slug": slug}) + "#form")


@login_required
@require_POST
def regime_edit(request, slug: str):
    reporting_round = _managed_draft_post(request, slug)
    form = RoundRegimeForm(request.POST, reporting_round=reporting_round)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.round_regime_update(
                actor=request.user, reporting_round=reporting_round, **form.cleaned_data
            )
        except services.ReportingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The reporting regime was saved."))
    return redirect(reverse("reporting:detail", kwargs={"slug": slug}) + "#regime")


# A unit id no URL of a round holds elsewhere: the unit's place in a reversed URL.
_UNIT_MARK = 987654321987654321


def _unit_url(name: str, slug: str):
    """unit id -> the URL `name` of the round's unit, from one `reverse` for all the units."""
    before, _mark, after = reverse(name, args=[slug, _UNIT_MARK]).rpartition(str(_UNIT_MARK))
    return lambda unit_id: f"{before}{unit_id}{after}"


def _shown_time(value, fmt: str) -> str:
    """`{{ value|date:fmt|default:"—" }}`: the time in the current time zone, or a dash."""
    return date_filter(template_localtime(value), fmt) or "—"


_UNIT_ROW = (
    '<tr data-unit="{name}">\n'
    "      <td>{name}</td>\n"
    "      <td>{group}</td>\n"
    '      <td><span class="status {css}">{label}</span>{mark}</td>\n'
    "      <td>{first_submitted}</td>\n"
    "      <td>{accepted}</td>\n"
    "      <td>{actions}</td>\n"
    "    </tr>"
)


def _unit_rows(rows, slug: str, labels: dict) -> list[str]:
    """The rows of the completeness table, one unit each, as HTML. Every text is escaped
    (`html.escape`, which Django's `escape` applies): a hundred rows of eight cells each
    cost several times more through `format_html`."""
    open_url = _unit_url("reporting:submission", slug)
    review_url = _unit_url("reporting:review", slug)
    shown = {bucket: escape(label) for bucket, label in labels.items()}
    to_review, accepted = escape(_("to review")), escape(_("accepted"))
    marks = {
        "submitted": f' <span class="status info">{to_review}</span>',
        "accepted": f' <span class="status ok">{accepted}</span>',
    }
    open_text, review_text = escape(_("Open")), escape(_("Review"))
    html = []
    for row in rows:
        bucket = selectors.row_bucket(row)
        status = row["submission__status"]
        actions = ""
        if status:
            unit_id = row["org_unit_id"]
            actions = f'<a href="{escape(open_url(unit_id))}">{open_text}</a>'
            if status == "submitted":
                actions += f' · <a href="{escape(review_url(unit_id))}">{review_text}</a>'
        cells = _UNIT_ROW.format(
            name=escape(row["org_unit__name"]),
            group=escape(row["unit_group__name"] or "—"),
            css=BUCKET_CSS[bucket],
            label=shown[bucket],
            mark=marks.get(status, ""),
            first_submitted=escape(_shown_time(row["submission__first_submitted_at"], "d/m/Y H:i")),
            accepted=escape(_shown_time(row["submission__accepted_at"], "d/m/Y")),
            actions=actions,
        )
        # Every text in it was escaped above (tests/security/test_xss_browser.py).
        html.append(mark_safe(cells))  # noqa: S308  # nosec B308 B703
    return html


@login_required
def round_detail(request, slug: str):
    reporting_round = selectors.round_for(request.user, slug)
    user = request.user
    context = {
        "round": reporting_round,
        "can_manage": selectors.can_manage(user, reporting_round),
        "my_units": selectors.my_unit_rows(user, reporting_round),
        "labels": _bucket_labels(),
    }
    if context["can_manage"] and reporting_round.status == RoundStatus.OPEN:
        context["closed_flags"] = selectors.closed_expected_flags(user, reporting_round)
    if context["can_manage"] and reporting_round.status != RoundStatus.CLOSED:
        context["regime_form"] = RoundRegimeForm(reporting_round=reporting_round)
    if context["can_manage"] and reporting_round.status == RoundStatus.DRAFT:
        context.update(
            {
                "sections": selectors.round_sections(user, reporting_round),
                "numeric_fields": selectors.round_fields(user, reporting_round),
                "section_form": SectionAddForm(),
                "field_form": FieldAddForm(reporting_round=reporting_round),
            }
        )
    if selectors.can_oversee(user, reporting_round):
        params = {k: request.GET.get(k, "") for k in ("bucket", "group", "q", "sort")}
        data = selectors.completeness(
            user, reporting_round, **{k: v for k, v in params.items() if v}
        )
        paginator = Paginator(data.rows, 100)
        if data.row_count is not None:
            paginator.count = data.row_count  # known from the counts: no COUNT query
        page = paginator.get_page(request.GET.get("page"))
        labels = context["labels"]
        context.update(
            {
                "data": data,
                "page": page,
                "unit_rows": _unit_rows(page.object_list, slug, labels),
                "params": params,
                "cards": [
                    {"key": b, "label": labels[b], "count": data.totals[b], "css": BUCKET_CSS[b]}
                    for b in selectors.BUCKETS
                ],
                "buckets": list(labels.items()),
                "bucket_css": BUCKET_CSS,
                "query_string": request.GET.urlencode(),
                "filter_string": "&".join(
                    f"{k}={v}" for k, v in params.items() if v and k != "sort"
                ),
            }
        )
    return render(request, "reporting/round_detail.html", context)


@login_required
def completeness_export(request, slug: str):
    reporting_round = selectors.round_for(request.user, slug)
    data = selectors.completeness(request.user, reporting_round)
    workbook = completeness_workbook(reporting_round, data, _bucket_labels())
    response = HttpResponse(
        workbook,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-completeness.xlsx"'
    return response


@login_required
def round_open_view(request, slug: str):
    reporting_round = selectors.round_for(request.user, slug)
    if not selectors.can_manage(request.user, reporting_round):
        raise Http404
    if request.method == "POST":
        try:
            count = services.round_open(actor=request.user, reporting_round=reporting_round)
        except services.ReportingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The round is open; %(count)s units are expected.") % {"count": count}
            )
        return redirect("reporting:detail", slug=slug)
    return render(request, "reporting/confirm_open.html", {"round": reporting_round})


@login_required
def remind(request, slug: str):
    reporting_round = selectors.round_for(request.user, slug)
    if not selectors.can_manage(request.user, reporting_round):
        raise Http404
    pending = selectors.units_not_arrived(request.user, reporting_round)[:2000]
    errors, message = {}, ""
    chosen = set()
    if request.method == "POST":
        message = request.POST.get("message", "")
        chosen = {parse_id(v) for v in request.POST.getlist("units")} - {None}
        try:
            sent = services.remind_units_now(
                actor=request.user,
                reporting_round=reporting_round,
                units=selectors.expected_units(request.user, reporting_round, chosen),
                message=message,
            )
        except services.InvalidSubmission as exc:
            errors = exc.errors
        else:
            messages.success(
                request, _("Reminder sent (%(count)s notifications).") % {"count": sent}
            )
            return redirect("reporting:detail", slug=slug)
    else:
        message = _(
            "Your unit has not sent the report “%(round)s” yet. The deadline is "
            "%(deadline)s. Please send it as soon as possible."
        ) % {
            "round": reporting_round.title,
            "deadline": reporting_round.deadline.strftime("%d/%m/%Y"),
        }
        chosen = {row.org_unit_id for row in pending}
    return render(
        request,
        "reporting/remind.html",
        {
            "round": reporting_round,
            "pending": pending,
            "chosen": chosen,
            "message": message,
            "errors": errors,
        },
    )


# ---------------------------------------------------------------- submissions


def _context(request, slug: str, unit_id: int):
    reporting_round = selectors.round_for(request.user, slug)
    unit = selectors.unit_in_round(request.user, reporting_round, unit_id)
    submission = selectors.submission_of(request.user, reporting_round, unit)
    return reporting_round, unit, submission


def _form_rows(
    user, reporting_round, submission, posted=None, errors=None, content=None, *, unit=None,
    editing=False,
):  # fmt: skip
    """Sections with their parts' current (or posted) text and fields' values, as far as
    the user may read them (`selectors.submission_content`). A field counted from the records
    carries the count for `unit` and the unit's explanation; `editing` fills a blank one in
    with the count."""
    errors = errors or {}
    content = content or selectors.submission_content(user, submission)
    answers, values = content.answers, content.values
    counted = (
        selectors.counted_figures(reporting_round, unit)
        if unit is not None and not content.hidden
        else {}
    )
    notes = (submission.figure_notes or {}) if submission is not None else {}
    comments = selectors.last_return_comments(user, submission)
    sections, loose = selectors.form_of(user, reporting_round)

    def field_row(field):
        key = f"v_{field.code}"
        if posted is not None and key in posted:
            shown = posted.get(key, "")
        else:
            value = values.get(field.pk)
            if field.is_computed:
                num, den = values.get(field.numerator_id), values.get(field.denominator_id)
                value = (num * 100 / den).quantize(1) if num is not None and den else None
            figure = counted.get(field.pk)
            if value is None and editing and figure is not None and field.pk not in values:
                value = figure.value
            shown = "" if value is None else input_value(value)
        stored = values.get(field.pk) if not field.is_computed else None
        if field.is_computed and shown:
            stored = Decimal(shown.replace(",", "."))
        return {
            "field": field,
            "key": key,
            "value": shown,
            # As a person reads it (14.085, 1.104,4), in the read-only views.
            "read": format_number(stored) if stored is not None else "",
            "error": errors.get(key),
            "counted": counted.get(field.pk),
            "counted_read": format_number(counted[field.pk].value) if field.pk in counted else "",
            "note_key": f"x_{field.code}",
            "note": posted.get(f"x_{field.code}", "")
            if posted is not None and f"x_{field.code}" in posted
            else notes.get(field.code, ""),
            "note_error": errors.get(f"x_{field.code}"),
            "differs": field.pk in counted
            and stored is not None
            and stored != counted[field.pk].value,
        }

    rows = []
    for section in sections:
        parts = []
        for part, label in section.part_list():
            key = f"a_{section.pk}_{part}"
            text = (
                posted.get(key, "") if posted is not None else answers.get((section.pk, part), "")
            )
            parts.append({"key": key, "label": label, "text": text, "error": errors.get(key)})
        rows.append(
            {
                "section": section,
                "parts": parts,
                "fields": [field_row(f) for f in section.fields.all()],
                "comments": comments.get(section.pk, []),
            }
        )
    return rows, [field_row(f) for f in loose], comments.get(None, [])


def _posted_data(post) -> dict:
    """The answers and values of a posted report form, as the services take them. A field
    name that is not `a_<section id>_<part>` or `v_<code>` is ignored (a stray or forged
    field is never an error page)."""
    answers, values, explanations = {}, {}, {}
    for key, text in post.items():
        if key.startswith("a_"):
            section_id, _sep, part = key[2:].partition("_")
            if parse_id(section_id) is not None and part:
                answers[f"{section_id}:{part}"] = text
        elif key.startswith("v_") and len(key) > 2:
            values[key[2:]] = text
        elif key.startswith("x_") and len(key) > 2:
            explanations[key[2:]] = text
    return {"answers": answers, "values": values, "explanations": explanations}


PICKS = ("theirs", "mine", "edit")


def _resolution(post) -> tuple[dict, dict, list[str]]:
    """A posted conflict page -> (the texts to save, every chosen text, keys left unchosen).

    For each form key K the page carries `mine_K`, `theirs_K` (as shown), the choice `pick_K`
    and the edited text in K. Keeping theirs saves nothing for K (the server text stays)."""
    to_save, chosen, missing = {}, {}, []
    for name in post:
        if not name.startswith("mine_"):
            continue
        key = name[5:]
        pick = post.get(f"pick_{key}", "")
        if pick not in PICKS:
            missing.append(key)
            chosen[key] = post.get(key, post.get(name, ""))
            continue
        text = {
            "theirs": post.get(f"theirs_{key}", ""),
            "mine": post.get(name, ""),
            "edit": post.get(key, ""),
        }[pick]
        chosen[key] = text
        if pick != "theirs":
            to_save[key] = text
    return to_save, chosen, missing


def _conflict_rows(user, submission, data: dict, post=None) -> list:
    """The conflicts between the stored draft and `data`, with what the user had picked and
    edited on a conflict page already (when `post` is one)."""
    conflicts = selectors.draft_conflicts(user, submission, data)
    for conflict in conflicts:
        conflict.pick = post.get(f"pick_{conflict.key}", "") if post is not None else ""
        conflict.edited = (
            post.get(conflict.key, conflict.mine) if post is not None else conflict.mine
        )
        if post is not None and f"mine_{conflict.key}" in post:
            conflict.mine = post[f"mine_{conflict.key}"]
    return conflicts


def _version(post) -> int:
    raw = post.get("version", "")
    value = parse_id(raw)
    return -1 if value is None else value


@login_required
def submission_page(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _context(request, slug, unit_id)
    user = request.user
    can_edit = (
        selectors.can_edit_for(user, unit)
        and reporting_round.status == RoundStatus.OPEN
        and (submission is None or submission.is_editable)
    )
    posted, errors, conflicts = None, {}, None
    if request.method == "POST":
        if not selectors.can_edit_for(user, unit):
            raise Http404
        if not can_edit:
            return _redirect_back(request)
        action = request.POST.get("action", "save")
        posted = request.POST
        resolving = action == "resolve"
        if resolving:
            to_save, chosen, missing = _resolution(request.POST)
            data = _posted_data(to_save)
        else:
            data = _posted_data(request.POST)
        try:
            if resolving and missing:
                raise _Unchosen
            submission = services.submission_save(
                actor=user,
                reporting_round=reporting_round,
                org_unit=unit,
                submission=submission,
                data=data,
                expected_version=_version(request.POST),
            )
            if action == "submit":
                services.submission_submit(actor=user, submission=submission)
                messages.success(
                    request,
                    _("Your report was sent for the head's approval.")
                    if submission.status == SubmissionStatus.AWAITING_APPROVAL
                    else _("Your report was sent to the standing office."),
                )
            elif resolving:
                messages.success(
                    request,
                    _("Your choice was saved at %(time)s. Check the report, then send it.")
                    % {"time": timezone.localtime(submission.updated_at).strftime("%H:%M")},
                )
            else:
                messages.success(
                    request,
                    _("Draft saved at %(time)s.")
                    % {"time": timezone.localtime(submission.updated_at).strftime("%H:%M")},
                )
            return redirect("reporting:submission", slug=slug, unit_id=unit.pk)
        except _Unchosen:
            messages.error(request, _("Choose which text to keep for every part marked below."))
            conflicts = _conflict_rows(user, submission, _posted_data(chosen), request.POST)
            for conflict in conflicts:
                conflict.error = conflict.key in missing
        except services.StaleDraft as exc:
            messages.error(request, str(exc))
            submission = exc.submission or submission
            submission.refresh_from_db()
            mine = _posted_data(chosen) if resolving else data
            conflicts = _conflict_rows(user, submission, mine, request.POST if resolving else None)
            if not conflicts:
                # Saved elsewhere with the very same text: nothing to choose, nothing lost.
                messages.info(request, _("The newer version holds the same text as yours."))
                return redirect("reporting:submission", slug=slug, unit_id=unit.pk)
        except services.InvalidSubmission as exc:
            errors = exc.errors
            messages.error(request, str(exc))
            if submission is not None:
                submission.refresh_from_db()
                # The draft was saved before submit checked it: the form must carry the new
                # version, or the next save would look stale.
                posted = None if action == "submit" else posted
            if resolving:
                conflicts = _conflict_rows(user, submission, _posted_data(chosen), request.POST)
                for conflict in conflicts:
                    conflict.error = errors.get(conflict.key)
        except services.ReportingError as exc:
            messages.error(request, str(exc))
            posted = None if resolving else posted
    content = selectors.submission_content(user, submission)
    sections, loose, general_comments = _form_rows(
        user, reporting_round, submission, posted, errors, content, unit=unit, editing=can_edit
    )
    return render(
        request,
        "reporting/submission.html",
        {
            "round": reporting_round,
            "unit": unit,
            "submission": submission,
            "sections": sections,
            "loose_fields": loose,
            "general_comments": general_comments,
            "errors": errors,
            "can_edit": can_edit,
            "version": submission.version if submission else 0,
            "conflicts": conflicts,
            "can_review": selectors.can_review(user, reporting_round),
            "problems": selectors.indicator_problems(user, submission)
            if submission is not None and submission.status == SubmissionStatus.ACCEPTED
            else [],
            "can_approve": selectors.can_approve_for(user, unit),
            "can_attach": can_edit or selectors.can_review(user, reporting_round),
            "attachments": content.attachments,
            "text_hidden": content.hidden,
            "kinds": AttachmentKind.choices,
        },
    )


class _Unchosen(Exception):
    """A conflict page posted without a choice for every part."""


def _redirect_back(request):
    messages.error(request, _("This report can no longer be changed."))
    return redirect(request.path)


@login_required
@require_POST
def autosave(request, slug: str, unit_id: int):
    """JSON: {"ok": true, "version": n, "saved_at": "10:42"}; 409 with the stored version when
    another tab saved newer work; 400 with field errors."""
    reporting_round, unit, submission = _context(request, slug, unit_id)
    if not selectors.can_edit_for(request.user, unit):
        raise Http404
    try:
        submission = services.submission_save(
            actor=request.user,
            reporting_round=reporting_round,
            org_unit=unit,
            submission=submission,
            data=_posted_data(request.POST),
            expected_version=_version(request.POST),
        )
    except services.StaleDraft as exc:
        submission = exc.submission or submission
        submission.refresh_from_db()
        conflicts = _conflict_rows(request.user, submission, _posted_data(request.POST))
        html = render_to_string(
            "reporting/_conflict.html",
            {"round": reporting_round, "unit": unit, "version": submission.version,
             "conflicts": conflicts},
            request=request,
        )  # fmt: skip
        return JsonResponse(
            {
                "ok": False,
                "stale": True,
                "version": exc.current_version,
                "error": str(exc),
                "conflicts": len(conflicts),
                "conflict_html": html,
            },
            status=409,
        )
    except services.InvalidSubmission as exc:
        return JsonResponse({"ok": False, "errors": exc.errors, "error": str(exc)}, status=400)
    except services.ReportingError as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=409)
    return JsonResponse(
        {
            "ok": True,
            "version": submission.version,
            "saved_at": timezone.localtime(submission.updated_at).strftime("%H:%M"),
        }
    )


@login_required
def approve(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _context(request, slug, unit_id)
    if not selectors.can_approve_for(request.user, unit):
        raise Http404
    if request.method == "POST" and submission is not None:
        try:
            if request.POST.get("action") == "send_back":
                services.submission_send_back(
                    actor=request.user, submission=submission, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The report was sent back to the reporter."))
            else:
                services.submission_approve(actor=request.user, submission=submission)
                messages.success(request, _("Approved and sent to the standing office."))
            return redirect("reporting:submission", slug=slug, unit_id=unit.pk)
        except services.ReportingError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "reporting/approve.html",
        _read_context(request.user, reporting_round, unit, submission),
    )


def _read_context(user, reporting_round, unit, submission) -> dict:
    content = selectors.submission_content(user, submission)
    sections, loose, general = _form_rows(
        user, reporting_round, submission, content=content, unit=unit
    )
    return {
        "round": reporting_round,
        "unit": unit,
        "submission": submission,
        "sections": sections,
        "loose_fields": loose,
        "general_comments": general,
        "attachments": content.attachments,
        "text_hidden": content.hidden,
    }


def _problems_message(request, problems) -> None:
    """Tell the office which numbers the indicators did not record, and why."""
    if not problems:
        return
    messages.warning(
        request,
        _(
            "None of the report's numbers was recorded in the indicators, because an indicator "
            "rule refuses: %(problems)s. Correct the numbers or reopen the report below."
        )
        % {
            "problems": "; ".join(
                f"{p.label} ({p.value}): {' '.join(p.messages)}"
                if p.value
                else " ".join(p.messages)
                for p in problems
            )
        },
    )


@login_required
def review(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _context(request, slug, unit_id)
    if not selectors.can_review(request.user, reporting_round) or submission is None:
        raise Http404
    errors = {}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                services.submission_accept(
                    actor=request.user,
                    submission=submission,
                    expected_version=_version(request.POST),
                )
                messages.success(
                    request, _("The report of %(unit)s was accepted.") % {"unit": unit.name}
                )
                if submission.indicator_problems:
                    _problems_message(request, submission.indicator_problems)
                    return redirect("reporting:submission", slug=slug, unit_id=unit.pk)
            else:
                comments = {
                    key[2:]: text
                    for key, text in request.POST.items()
                    if key.startswith("c_") and parse_id(key[2:]) is not None
                }
                services.submission_return(
                    actor=request.user,
                    submission=submission,
                    comments=comments,
                    general=request.POST.get("general", ""),
                    expected_version=_version(request.POST),
                )
                messages.success(
                    request, _("The report of %(unit)s was returned.") % {"unit": unit.name}
                )
            return redirect("reporting:detail", slug=slug)
        except services.StaleReview as exc:
            messages.error(request, str(exc))
            submission.refresh_from_db()
        except services.InvalidSubmission as exc:
            errors = exc.errors
            messages.error(request, str(exc))
        except services.ReportingError as exc:
            messages.error(request, str(exc))
    context = _read_context(request.user, reporting_round, unit, submission)
    if request.method == "POST":
        # A refused action keeps what the reviewer wrote.
        for row in context["sections"]:
            row["posted_comment"] = request.POST.get(f"c_{row['section'].pk}", "")
    context.update(
        {
            "errors": errors,
            "posted": request.POST if request.method == "POST" else {},
            "problems": selectors.indicator_problems(request.user, submission),
        }
    )
    return render(request, "reporting/review.html", context)


@login_required
@require_POST
def correct_values(request, slug: str, unit_id: int):
    """The standing office corrects the numbers an indicator rule refuses, from the review
    page (before accepting) or the submission page (after)."""
    reporting_round, unit, submission = _context(request, slug, unit_id)
    if not selectors.can_review(request.user, reporting_round) or submission is None:
        raise Http404
    values = {
        key[2:]: text for key, text in request.POST.items() if key.startswith("v_") and key[2:]
    }
    try:
        services.submission_correct_values(
            actor=request.user,
            submission=submission,
            values=values,
            expected_version=_version(request.POST),
        )
    except services.InvalidSubmission as exc:
        messages.error(request, str(exc))
        for message in exc.errors.values():
            messages.error(request, message)
    except services.ReportingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The numbers were corrected; the unit was told."))
        if submission.status == SubmissionStatus.ACCEPTED:
            if submission.indicator_problems:
                _problems_message(request, submission.indicator_problems)
            else:
                messages.success(
                    request, _("The report's numbers were recorded in the indicators.")
                )
    name = (
        "reporting:review"
        if submission.status == SubmissionStatus.SUBMITTED
        else "reporting:submission"
    )
    return redirect(name, slug=slug, unit_id=unit.pk)


@login_required
def reopen(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _context(request, slug, unit_id)
    if not selectors.can_review(request.user, reporting_round) or submission is None:
        raise Http404
    errors = {}
    if request.method == "POST":
        try:
            services.submission_reopen(
                actor=request.user, submission=submission, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The report was reopened; the unit can correct it."))
            return redirect("reporting:submission", slug=slug, unit_id=unit.pk)
        except services.InvalidSubmission as exc:
            errors = exc.errors
        except services.ReportingError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "reporting/reopen.html",
        {"round": reporting_round, "unit": unit, "submission": submission, "errors": errors},
    )


@login_required
def versions(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _context(request, slug, unit_id)
    if submission is None:
        raise Http404
    history = selectors.submission_versions(request.user, submission)
    by_number = {v.number: v for v in history}
    a = by_number.get(parse_id(request.GET.get("a")))
    b = by_number.get(parse_id(request.GET.get("b")))
    if a is None and b is None and len(history) >= 2:
        a, b = history[1], history[0]
    comparison = _compare(request.user, reporting_round, a, b) if a and b else None
    return render(
        request,
        "reporting/versions.html",
        {
            "round": reporting_round,
            "unit": unit,
            "submission": submission,
            "history": history,
            "a": a,
            "b": b,
            "comparison": comparison,
        },
    )


def _compare(user, reporting_round, a, b) -> list[dict]:
    """Per answer and value that differs: label and a word-level diff as (op, text) pieces."""
    parts = dict(NarrativePart.choices)
    sections = {s.number: s.title for s in selectors.round_sections(user, reporting_round)}
    fields = {f.code: f.label for f in selectors.round_fields(user, reporting_round)}
    out = []
    keys = list(dict.fromkeys([*a.data.get("answers", {}), *b.data.get("answers", {})]))
    for key in keys:
        old = a.data.get("answers", {}).get(key, "")
        new = b.data.get("answers", {}).get(key, "")
        if old == new:
            continue
        number, _sep, part = key.partition(":")
        label = f"{number}. {sections.get(number, '')} · {parts.get(part, part)}"
        out.append({"label": label, "pieces": _word_diff(old, new)})
    codes = list(dict.fromkeys([*a.data.get("values", {}), *b.data.get("values", {})]))
    for code in codes:
        old = a.data.get("values", {}).get(code, "")
        new = b.data.get("values", {}).get(code, "")
        if old != new:
            out.append(
                {
                    "label": fields.get(code, code),
                    "pieces": [
                        ("del", _read_number(old)),
                        ("eq", " → "),
                        ("ins", _read_number(new)),
                    ],
                }
            )
    return out


def _read_number(text: str) -> str:
    """A snapshot's number ("14085", "1104.4") as a person reads it (14.085, 1.104,4)."""
    if not text:
        return "—"
    try:
        return format_number(Decimal(text))
    except (InvalidOperation, ValueError):
        return text


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(" "), new.split(" ")
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("eq", " ".join(a[i1:i2]) + " "))
        else:
            if i2 > i1:
                pieces.append(("del", " ".join(a[i1:i2]) + " "))
            if j2 > j1:
                pieces.append(("ins", " ".join(b[j1:j2]) + " "))
    return pieces


@login_required
@require_POST
def attachment_upload(request, slug: str, unit_id: int):
    reporting_round, unit, submission = _context(request, slug, unit_id)
    user = request.user
    if not (selectors.can_edit_for(user, unit) or selectors.can_review(user, reporting_round)):
        raise Http404
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a file to attach."))
        return redirect("reporting:submission", slug=slug, unit_id=unit.pk)
    try:
        if submission is None:
            submission = services.submission_start(
                actor=user, reporting_round=reporting_round, org_unit=unit
            )
        attachment = services.attachment_add(
            actor=user, submission=submission, uploaded=uploaded, kind=request.POST.get("kind", "")
        )
    except services.ReportingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Attached %(name)s.") % {"name": attachment.original_name})
    return redirect("reporting:submission", slug=slug, unit_id=unit.pk)


@login_required
def attachment_download(request, slug: str, unit_id: int, pk: int):
    _round, _unit, submission = _context(request, slug, unit_id)
    attachment = selectors.submission_attachment(request.user, submission, pk)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@login_required
@require_POST
def readdress(request, slug: str, unit_id: int):
    """One click of the standing office: a closed unit's expected report is expected from
    the units that took over from it (those ticked)."""
    reporting_round = selectors.round_for(request.user, slug)
    if not selectors.can_manage(request.user, reporting_round):
        raise Http404
    unit = selectors.expected_unit_of(reporting_round, unit_id)
    chosen = selectors.units_by_ids(request.POST.getlist("unit"))
    try:
        units = services.expected_unit_readdress(
            actor=request.user, reporting_round=reporting_round, org_unit=unit, to_units=chosen
        )
    except services.ReportingError as exc:
        messages.error(request, str(exc))
    else:
        if units:
            messages.success(
                request,
                _("The round now expects the report of %(units)s.")
                % {"units": ", ".join(u.name for u in units)},
            )
        else:
            messages.info(request, _("This unit was already re-addressed."))
    return redirect("reporting:detail", slug=reporting_round.slug)


def work_items(user):
    """ "My work": rounds the user's units must answer; rounds waiting for the user's review."""
    from django.utils.translation import gettext_lazy

    from binhdang.core.registry import MAX_WORK_ITEMS, WorkItem, WorkKind

    to_send = WorkKind("reports-to-send", gettext_lazy("Reports to send"), order=10)
    to_review = WorkKind("reports-to-review", gettext_lazy("Reports to review"), order=15)
    # A query is built only for the permissions the user holds somewhere (each selector
    # scopes by the units of its permission, none without it).
    answer = has_permission(user, SUBMISSION_EDIT)
    review = has_permission(user, SUBMISSION_REVIEW)
    manage = has_permission(user, ROUND_MANAGE)
    items = []
    labels = dict(SubmissionStatus.choices)
    for row in selectors.rounds_to_answer(user)[:MAX_WORK_ITEMS] if answer else ():
        submission = row.submission
        status = submission.status if submission else ""
        if status in (SubmissionStatus.ACCEPTED,):
            continue
        items.append(
            WorkItem(
                title=row.round.title,
                url=reverse(
                    "reporting:submission",
                    kwargs={"slug": row.round.slug, "unit_id": row.org_unit_id},
                ),
                due=row.round.deadline,
                unit=row.org_unit,
                status=str(labels.get(status, _("Not started"))),
                status_css=submission.status_css if submission else "bad",
                kind=to_send,
            )
        )
    for reporting_round in selectors.rounds_to_review(user)[:MAX_WORK_ITEMS] if review else ():
        items.append(
            WorkItem(
                title=reporting_round.title,
                url=reverse("reporting:detail", kwargs={"slug": reporting_round.slug})
                + "?bucket=to_review&sort=-submitted",
                due=reporting_round.deadline,
                unit=reporting_round.standing_office,
                status=_("%(count)s to review") % {"count": reporting_round.waiting},
                status_css="info",
                detail=_("Reports waiting for review"),
                kind=to_review,
            )
        )
    closed_units = WorkKind(
        "rounds-closed-units", gettext_lazy("Reports expected from units that no longer exist"), 17
    )
    for row in selectors.expected_closed_units(user)[:MAX_WORK_ITEMS] if manage else ():
        items.append(
            WorkItem(
                title=row.round.title,
                url=reverse("reporting:detail", kwargs={"slug": row.round.slug}),
                due=row.round.deadline,
                unit=row.org_unit,
                status=_("Unit closed"),
                status_css="warn",
                detail=_("Re-address it to the units that took over, on the round's page."),
                kind=closed_units,
            )
        )
    return items

"""Pages of case coordination. Each parses the request, finds the record through a selector
(out of scope: 404), calls one service and shows the result; a refused change comes back as a
message on the page it was made from, with nothing changed."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.core.sheets import xlsx_response
from binhdang.formats.dates import DateError, parse_date
from binhdang.formats.numbers import NumberError, parse_id, parse_number

from . import access_labels, exports, selectors, services, statistics
from .classification import CLASSIFICATION_QUESTIONS, SUPPORT_POINTS
from .models import (
    CLOSURE_CHECKLIST,
    NEED_AREAS,
    SHAREABLE_SECTIONS,
    Channel,
    ContactReason,
    GivenBy,
    GoalStatus,
    LegalFrame,
    MeasureKind,
    PerpetratorAge,
    Relationship,
    Risk,
    Section,
    ServiceStatus,
    ServiceType,
    Sex,
    SupportStatus,
    TraffickingPlace,
    TraffickingStatus,
    ViolenceForm,
)
from .permissions import CASE_AUDIT, CASE_BREAK_GLASS, CASE_RECEIVE, CASE_SUPERVISE, CASE_VIEW
from .processing import PROCESSINGS
from .rules import holds, is_team, may_see_any_case, units


class BadInput(Exception):
    pass


def _date(request, name: str, *, required: bool = True):
    try:
        value = parse_date(request.POST.get(name, ""))
    except DateError as exc:
        raise BadInput(str(exc)) from exc
    if value is None and required:
        raise BadInput(_("Enter the date (dd/mm/yyyy)."))
    return value


def _datetime(request, name: str):
    day = _date(request, f"{name}_date")
    raw = request.POST.get(f"{name}_time", "").strip() or "00:00"
    try:
        hour, minute = (int(x) for x in raw.split(":"))
        clock = time(hour, minute)
    except (ValueError, TypeError) as exc:
        raise BadInput(_("Enter the time as hh:mm.")) from exc
    return timezone.make_aware(datetime.combine(day, clock))


def _int(request, name: str):
    try:
        value = parse_number(request.POST.get(name, ""), integer=True)
    except NumberError as exc:
        raise BadInput(str(exc)) from exc
    return int(value) if value is not None else None


def _flag(request, name: str) -> bool:
    return request.POST.get(name) in ("1", "on", "true")


def _unit(request, queryset):
    unit = selectors.one_of(queryset, parse_id(request.POST.get("org_unit")))
    if unit is None:
        raise BadInput(_("Choose a unit from the list."))
    return unit


def _require(request, permission: str):
    if not may_see_any_case(request.user, permission):
        raise Http404


# ---------------------------------------------------------------- lists


@login_required
def index(request):
    _require(request, CASE_VIEW)
    rows = selectors.case_rows(request.user, request=request)
    return render(
        request,
        "cases/index.html",
        {
            "rows": rows,
            "may_receive": holds(request.user, CASE_RECEIVE),
            "may_break_glass": holds(request.user, CASE_BREAK_GLASS),
            "may_audit": holds(request.user, CASE_AUDIT),
        },
    )


@login_required
def export_list(request):
    """The case list as a spreadsheet: codes and masked names only (audited)."""
    _require(request, CASE_VIEW)
    rows = selectors.case_rows(request.user, request=request)
    content = exports.case_list_xlsx(rows)
    return xlsx_response(content, "danh-sach-ca.xlsx")


# ---------------------------------------------------------------- reports and new cases


@login_required
def report_new(request):
    communes = units(request.user, CASE_RECEIVE)
    if not communes.exists():
        raise Http404
    if request.method == "POST":
        try:
            report = services.report_receive(
                actor=request.user,
                org_unit=_unit(request, communes),
                channel=request.POST.get("channel", ""),
                received_at=_datetime(request, "received"),
                reporter_contact=request.POST.get("reporter_contact", ""),
                child_victim=_flag(request, "child_victim"),
                crime_suspected=_flag(request, "crime_suspected"),
            )
        except (BadInput, services.CaseError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The report was recorded. Search for an earlier case."))
            return redirect(f"{_case_new_url()}?report={report.pk}")
    return render(
        request, "cases/report_new.html", {"communes": communes, "channels": Channel.choices}
    )


def _case_new_url() -> str:
    from django.urls import reverse

    return reverse("cases:new")


@login_required
def case_new(request):
    """The duplicate search, then the new case (from a report received, if given)."""
    communes = units(request.user, CASE_RECEIVE)
    if not communes.exists():
        raise Http404
    report_id = parse_id(request.GET.get("report") or request.POST.get("report"))
    report = selectors.report_for(request.user, report_id) if report_id else None
    matches = None
    if request.method == "POST":
        try:
            unit = _unit(request, communes)
            birth_year = _int(request, "birth_year")
            if request.POST.get("step") == "search":
                matches = services.duplicate_matches(
                    actor=request.user,
                    org_unit=unit,
                    phone=request.POST.get("phone", ""),
                    id_number=request.POST.get("id_number", ""),
                    name=request.POST.get("name", ""),
                    birth_year=birth_year,
                )
            else:
                case = services.case_open(
                    actor=request.user,
                    org_unit=unit,
                    legal_frame=request.POST.get("legal_frame", ""),
                    risk=request.POST.get("risk", ""),
                    sex=request.POST.get("sex", ""),
                    age=_int(request, "age"),
                    birth_year=birth_year,
                    disability=_flag(request, "disability"),
                    ethnicity=request.POST.get("ethnicity", ""),
                    name=request.POST.get("name", ""),
                    phone=request.POST.get("phone", ""),
                    address=request.POST.get("address", ""),
                    id_number=request.POST.get("id_number", ""),
                    report=report,
                )
                messages.success(request, _("Case %(code)s was opened.") % {"code": case.code})
                return redirect("cases:detail", pk=case.pk)
        except (BadInput, services.CaseError) as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "cases/case_new.html",
        {
            "communes": communes,
            "report": report,
            "matches": matches,
            "posted": request.POST if request.method == "POST" else {},
            "legal_frames": LegalFrame.choices,
            "risks": Risk.choices,
            "sexes": Sex.choices,
        },
    )


# ---------------------------------------------------------------- one case


@login_required
def detail(request, pk: int):
    view = selectors.open_case(request.user, pk, request=request)
    case = view.case
    team = is_team(request.user, case)
    return render(
        request,
        "cases/detail.html",
        {
            "view": view,
            "case": case,
            "S": {s.name: s.value for s in Section},
            "team": team,
            "supervisor": holds(request.user, CASE_SUPERVISE, case.org_unit),
            "chair": holds(request.user, "case.decide_measure", case.org_unit),
            "auditor": holds(request.user, CASE_AUDIT, case.org_unit),
            "questions": CLASSIFICATION_QUESTIONS,
            "forms": ViolenceForm.choices,
            "sexes": Sex.choices,
            "perp_ages": PerpetratorAge.choices,
            "relationships": Relationship.choices,
            "measure_kinds": [
                k for k in MeasureKind.choices if k[0] != MeasureKind.NO_CONTACT_COURT
            ],
            "service_types": ServiceType.choices,
            "service_statuses": ServiceStatus.choices,
            "shareable": [(s, Section(s).label) for s in SHAREABLE_SECTIONS],
            "given_by": GivenBy.choices,
            "contact_reasons": ContactReason.choices,
            "checklist": CLOSURE_CHECKLIST.items(),
            "need_areas": NEED_AREAS.items(),
            "goal_statuses": GoalStatus.choices,
            "risks": Risk.choices,
            "has_approved_plan": services.approved_plan(case) is not None,
            "points": dict(SUPPORT_POINTS),
            "support_statuses": SupportStatus.choices,
            "trafficking_statuses": TraffickingStatus.choices,
            "trafficking_places": TraffickingPlace.choices,
            "recipients": selectors.service_points(),
            "supervisors": selectors.supervisors_for(case),
            "workers": selectors.workers_for(case),
        },
    )


@login_required
@require_POST
def unmask(request, pk: int):
    case = selectors.case_for(request.user, pk)
    try:
        identity = services.unmask_identity(actor=request.user, case=case, request=request)
    except services.CaseError as exc:
        raise Http404 from exc
    return render(request, "cases/identity.html", {"case": case, "identity": identity})


def _consent(request, case):
    services.consent_record(
        actor=request.user,
        case=case,
        given_by=request.POST.get("given_by", ""),
        services=_flag(request, "services"),
        reporting=_flag(request, "reporting"),
        referral_types=request.POST.getlist("referral_types"),
        withheld_from=request.POST.get("withheld_from", ""),
        given_on=_date(request, "given_on"),
    )
    return _("The consent was recorded.")


def _incident(request, case):
    answers = {key: _flag(request, key) for key, _q, _t in CLASSIFICATION_QUESTIONS}
    incident = services.incident_record(
        actor=request.user,
        case=case,
        survivors=_int(request, "survivors") or 0,
        answers=answers,
        violence_form=request.POST.get("violence_form", ""),
        incident_date=_date(request, "incident_date"),
        first_report_date=_date(request, "first_report_date"),
        perpetrator_sex=request.POST.get("perpetrator_sex", ""),
        perpetrator_age=request.POST.get("perpetrator_age", ""),
        perpetrator_relationship=request.POST.get("perpetrator_relationship", ""),
        perpetrator_identity=request.POST.get("perpetrator_identity", ""),
    )
    return _("The incident was recorded as: %(type)s.") % {"type": incident.get_core_type_display()}


def _note(request, case):
    services.note_add(actor=request.user, case=case, text=request.POST.get("text", ""))
    return _("The note was saved.")


def _measure(request, case):
    services.measure_request(
        actor=request.user,
        case=case,
        kind=request.POST.get("kind", ""),
        requested_by_agency=_flag(request, "requested_by_agency"),
        victim_consent=_flag(request, "victim_consent"),
    )
    return _("The measure was recorded.")


def _case_measure(request, case):
    measure = selectors.case_child(case, "measures", parse_id(request.POST.get("measure")))
    if measure is None:
        raise BadInput(_("Choose a measure of this case."))
    return measure


def _decide(request, case):
    measure = _case_measure(request, case)
    if request.POST.get("decision") == "refuse":
        services.no_contact_refuse(
            actor=request.user, measure=measure, reason=request.POST.get("reason", "")
        )
        return _("The request was refused in writing.")
    services.no_contact_decide(
        actor=request.user,
        measure=measure,
        starts_on=_date(request, "starts_on"),
        ends_on=_date(request, "ends_on"),
        notified=request.POST.getlist("notified"),
    )
    return _("The no-contact decision is in force.")


def _court_order(request, case):
    services.court_order_record(
        actor=request.user,
        case=case,
        starts_on=_date(request, "starts_on"),
        ends_on=_date(request, "ends_on"),
    )
    return _("The court's order was recorded.")


def _contact(request, case):
    measure = _case_measure(request, case)
    starts_at = _datetime(request, "starts")
    ends_at = _datetime(request, "ends")
    countersigner = selectors.one_of(
        selectors.supervisors_for(case), parse_id(request.POST.get("countersigned_by"))
    )
    services.contact_exception_record(
        actor=request.user,
        measure=measure,
        reason=request.POST.get("reason", ""),
        starts_at=starts_at,
        ends_at=ends_at,
        countersigned_by=countersigner,
    )
    return _("The contact notice was recorded.")


def _refer(request, case):
    recipient = selectors.one_of(
        selectors.service_points(), parse_id(request.POST.get("recipient"))
    )
    if recipient is None:
        raise BadInput(_("Choose a service point from the list."))
    services.referral_create(
        actor=request.user,
        case=case,
        service_type=request.POST.get("service_type", ""),
        recipient_unit=recipient,
        shared_sections=request.POST.getlist("shared_sections"),
        override_reason=request.POST.get("override_reason", ""),
    )
    return _("The referral was sent.")


def _service(request, case):
    services.service_record(
        actor=request.user,
        case=case,
        service_type=request.POST.get("service_type", ""),
        status=request.POST.get("status", ""),
        on=_date(request, "on"),
    )
    return _("The service was recorded.")


def _follow_up(request, case):
    services.follow_up_plan(actor=request.user, case=case, due_on=_date(request, "due_on"))
    return _("The follow-up was planned.")


def _follow_up_done(request, case):
    follow_up = selectors.case_child(case, "follow_ups", parse_id(request.POST.get("follow_up")))
    if follow_up is None:
        raise BadInput(_("Choose a follow-up of this case."))
    services.follow_up_done(actor=request.user, follow_up=follow_up)
    return _("The follow-up is done.")


def _assign_supervisor(request, case):
    supervisor = selectors.one_of(
        selectors.supervisors_for(case), parse_id(request.POST.get("supervisor"))
    )
    if supervisor is None:
        raise BadInput(_("Choose a supervisor from the list."))
    services.supervisor_assign(actor=request.user, case=case, supervisor=supervisor)
    return _("The supervisor was assigned.")


def _team_add(request, case):
    worker = selectors.one_of(selectors.workers_for(case), parse_id(request.POST.get("worker")))
    if worker is None:
        raise BadInput(_("Choose a case worker from the list."))
    services.team_add(actor=request.user, case=case, user=worker)
    return _("The case worker joined the team.")


def _close(request, case):
    checklist = {key: _flag(request, key) for key in CLOSURE_CHECKLIST}
    services.closure_request(actor=request.user, case=case, checklist=checklist)
    return _("The closure was sent to the supervisor for approval.")


def _approve(request, case):
    approve = request.POST.get("decision") != "return"
    services.closure_approve(actor=request.user, case=case, approve=approve)
    return _("The case was closed.") if approve else _("The closure was returned.")


def _reopen(request, case):
    services.case_reopen(actor=request.user, case=case, reason=request.POST.get("reason", ""))
    return _("The case was reopened.")


def _trafficking(request, case):
    services.trafficking_identify(
        actor=request.user,
        case=case,
        status=request.POST.get("status", ""),
        place=request.POST.get("place", ""),
        accompanying_minor=_flag(request, "accompanying_minor"),
    )
    return _("The identification was recorded.")


def _support(request, case):
    line = selectors.case_child(case, "trafficking_support", parse_id(request.POST.get("line")))
    if line is None:
        raise BadInput(_("Choose a support line of this case."))
    services.trafficking_support_mark(
        actor=request.user,
        line=line,
        status=request.POST.get("status", ""),
        provided_on=_date(request, "provided_on", required=False),
        provided_by=request.POST.get("provided_by", ""),
    )
    return _("The support ledger was updated.")


def _consent_withdraw(request, case):
    consent = selectors.case_child(case, "consents", parse_id(request.POST.get("consent")))
    if consent is not None and consent.withdrawn_at is not None:
        consent = None
    if consent is None:
        raise BadInput(_("Choose a consent of this case."))
    services.consent_withdraw(actor=request.user, consent=consent)
    return _("The consent was withdrawn.")


def _revoke(request, case):
    referral = selectors.case_child(case, "referrals", parse_id(request.POST.get("referral")))
    if referral is None:
        raise BadInput(_("Choose a referral of this case."))
    services.referral_revoke(actor=request.user, referral=referral)
    return _("The referral was revoked.")


def _assessment(request, case):
    services.assessment_record(
        actor=request.user,
        case=case,
        assessed_on=_date(request, "assessed_on"),
        needs={key: request.POST.get(f"need_{key}", "") for key in NEED_AREAS},
        risk=request.POST.get("risk", ""),
        notes=request.POST.get("notes", ""),
    )
    return _("The assessment was recorded.")


def _safety_plan(request, case):
    services.safety_plan_record(
        actor=request.user,
        case=case,
        risks=request.POST.get("risks", ""),
        actions=request.POST.get("actions", ""),
        safe_place=request.POST.get("safe_place", ""),
        review_on=_date(request, "review_on"),
    )
    return _("The safety plan was saved.")


def _plan_goal(request, case):
    services.plan_goal_add(
        actor=request.user,
        case=case,
        goal=request.POST.get("goal", ""),
        action=request.POST.get("action", ""),
        responsible=request.POST.get("responsible", ""),
        due_on=_date(request, "due_on"),
    )
    return _("The goal was added to the action plan.")


def _plan_goal_status(request, case):
    goal = selectors.case_goal(case, parse_id(request.POST.get("goal")))
    if goal is None:
        raise BadInput(_("Choose a goal of this case's action plan."))
    services.plan_goal_status(
        actor=request.user, case=case, goal=goal, status=request.POST.get("status", "")
    )
    return _("The goal's status was saved.")


def _plan_submit(request, case):
    services.plan_submit(actor=request.user, case=case, review_on=_date(request, "review_on"))
    return _("The action plan was sent to the supervisor for approval.")


def _plan_decide(request, case):
    plan = selectors.case_child(case, "action_plans", parse_id(request.POST.get("plan")))
    if plan is None:
        raise BadInput(_("Choose a version of this case's action plan."))
    approve = request.POST.get("decision") == "approve"
    services.plan_decide(
        actor=request.user, plan=plan, approve=approve, reason=request.POST.get("reason", "")
    )
    return _("The action plan was approved.") if approve else _("The action plan was returned.")


# action -> (section the actor must read, handler)
ACTIONS = {
    "consent": (Section.SERVICES, _consent),
    "consent-withdraw": (Section.SERVICES, _consent_withdraw),
    "incident": (Section.BASIC, _incident),
    "note": (Section.NOTES, _note),
    "measure": (Section.MEASURES, _measure),
    "decide": (Section.MEASURES, _decide),
    "court-order": (Section.MEASURES, _court_order),
    "contact": (Section.MEASURES, _contact),
    "refer": (Section.SERVICES, _refer),
    "revoke": (Section.SERVICES, _revoke),
    "service": (Section.SERVICES, _service),
    "follow-up": (Section.SERVICES, _follow_up),
    "follow-up-done": (Section.SERVICES, _follow_up_done),
    "supervisor": (Section.BASIC, _assign_supervisor),
    "team": (Section.BASIC, _team_add),
    "close": (Section.BASIC, _close),
    "approve": (Section.BASIC, _approve),
    "reopen": (Section.BASIC, _reopen),
    "trafficking": (Section.TRAFFICKING, _trafficking),
    "support": (Section.TRAFFICKING, _support),
    "assessment": (Section.PLANS, _assessment),
    "safety-plan": (Section.PLANS, _safety_plan),
    "plan-goal": (Section.PLANS, _plan_goal),
    "plan-goal-status": (Section.PLANS, _plan_goal_status),
    "plan-submit": (Section.PLANS, _plan_submit),
    "plan-decide": (Section.PLANS, _plan_decide),
}


@login_required
@require_POST
def act(request, pk: int, action: str):
    """One change to a case, by the named action."""
    case = selectors.case_for(request.user, pk)
    entry = ACTIONS.get(action)
    if entry is None or entry[0] not in selectors.sections_for(request.user, case):
        raise Http404
    try:
        messages.success(request, entry[1](request, case))
    except (BadInput, services.CaseError) as exc:
        messages.error(request, str(exc))
    return redirect("cases:detail", pk=case.pk)


@login_required
def access_log(request, pk: int):
    case = selectors.case_for(request.user, pk)
    entries = access_labels.rows(selectors.access_events(request.user, case)[:500])
    return render(request, "cases/access_log.html", {"case": case, "entries": entries})


@login_required
def access_log_all(request):
    """Every case access event in the auditor's communes, newest first."""
    _require(request, CASE_AUDIT)
    entries = access_labels.rows(selectors.access_events_for_units(request.user)[:500])
    return render(request, "cases/access_log.html", {"case": None, "entries": entries})


# ---------------------------------------------------------------- referrals (service points)


@login_required
def referral(request, pk: int):
    """A referral as its recipient sees it: the summary and the shared sections only."""
    item = selectors.referral_for(request.user, pk)
    if request.method == "POST":
        try:
            decision = request.POST.get("decision")
            if decision in ("accept", "reject"):
                services.referral_answer(
                    actor=request.user, referral=item, accept=decision == "accept"
                )
            elif decision == "done":
                services.referral_done(actor=request.user, referral=item)
            else:
                raise BadInput(_("Choose what to do with the referral."))
            messages.success(request, _("The referral was updated."))
        except (BadInput, services.CaseError) as exc:
            messages.error(request, str(exc))
        if selectors.referral_visible(request.user, item.pk):
            return redirect("cases:referral", pk=item.pk)
        return redirect("core:home")
    view = selectors.open_case(request.user, item.case_id, request=request, why="referral")
    return render(request, "cases/referral.html", {"referral": item, "view": view,
                                                   "S": {s.name: s.value for s in Section},
                                                   "need_areas": NEED_AREAS.items()})  # fmt: skip


# ---------------------------------------------------------------- break-the-glass


@login_required
def break_glass(request):
    _require(request, CASE_BREAK_GLASS)
    if request.method == "POST":
        case = selectors.find_by_code(request.user, request.POST.get("code", ""))
        if case is None:
            messages.error(request, _("No open case of your communes has this code."))
        else:
            try:
                services.break_glass_open(
                    actor=request.user,
                    case=case,
                    reason=request.POST.get("reason", ""),
                    sections=request.POST.getlist("sections"),
                    request=request,
                )
            except services.CaseError as exc:
                messages.error(request, str(exc))
            else:
                return redirect("cases:detail", pk=case.pk)
    sections = [(s.value, s.label) for s in Section if s != Section.BASIC]
    return render(request, "cases/break_glass.html", {"sections": sections})


@login_required
def break_glass_review(request, pk: int):
    glass = selectors.break_glass_for(request.user, pk)
    if request.method == "POST":
        try:
            services.break_glass_review(
                actor=request.user, glass=glass, justified=request.POST.get("justified") != "0"
            )
            messages.success(request, _("The emergency access was reviewed."))
            return redirect("core:home")
        except services.CaseError as exc:
            messages.error(request, str(exc))
    return render(request, "cases/break_glass_review.html", {"glass": glass})


# ---------------------------------------------------------------- statistics and the law


@login_required
def statistics_page(request):
    unit_ids = list(statistics.statistics_units(request.user).values_list("pk", flat=True))
    if not unit_ids:
        raise Http404
    year = parse_id(request.GET.get("year"))
    served, detected = statistics.service_access(unit_ids, year)
    counselled, not_prosecuted = statistics.perpetrator_counselling(unit_ids, year)
    shown = not_prosecuted >= statistics.THRESHOLD
    return render(
        request,
        "cases/statistics.html",
        {
            "tables": statistics.tables(unit_ids, year),
            "served": served,
            "detected": detected,
            "percent": statistics.service_access_percent(unit_ids, year),
            "counselled": counselled if shown else None,
            "not_prosecuted": not_prosecuted if shown else None,
            "counselled_percent": statistics.percent(counselled, not_prosecuted) if shown else None,
            "year": year,
        },
    )


@login_required
def statistics_export(request):
    """The statistics tables as an editable Excel workbook (the commune/district DV tables)."""
    unit_ids = list(statistics.statistics_units(request.user).values_list("pk", flat=True))
    if not unit_ids:
        raise Http404
    year = parse_id(request.GET.get("year"))
    title = _("Case statistics") + (f" {year}" if year else "")
    content = exports.statistics_xlsx(statistics.tables(unit_ids, year), title=title)
    return xlsx_response(content, "thong-ke-ho-so-ca.xlsx")


@login_required
def processing(request):
    """The record of processing and impact assessment of case data (Luật 91/2025/QH15),
    printable."""
    _require(request, CASE_VIEW)
    return render(request, "cases/processing.html", {"processings": PROCESSINGS})


@login_required
@require_POST
def identifiable_export(request, pk: int):
    """The case's identifiable file, encrypted with the passphrase typed (audited)."""
    case = selectors.case_for(request.user, pk)
    try:
        content = services.identifiable_export(
            actor=request.user,
            case=case,
            passphrase=request.POST.get("passphrase", ""),
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except services.CaseError as exc:
        messages.error(request, str(exc))
        return redirect("cases:detail", pk=case.pk)
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{case.code}.bdcase"'
    return response

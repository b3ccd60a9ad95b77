"""How the access log names what happened, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from .models import Section

ACTIONS = {
    "case.read": _("Read the case"),
    "case.list": _("Listed cases"),
    "case.unmask": _("Showed the name"),
    "case.break_glass": _("Emergency access"),
    "case.export": _("Exported the identifiable file"),
    "case.open": _("Opened the case"),
    "case.supervisor_assign": _("Assigned the supervisor"),
    "case.team_add": _("Added to the team"),
    "case.consent_record": _("Recorded consent"),
    "case.consent_withdraw": _("Withdrew consent"),
    "case.incident_record": _("Recorded an incident"),
    "case.note_add": _("Wrote a note"),
    "case.measure_request": _("Requested a measure"),
    "case.no_contact_decide": _("Decided no contact"),
    "case.no_contact_refuse": _("Refused no contact in writing"),
    "case.court_order_record": _("Recorded a court order"),
    "case.contact_exception": _("Recorded a contact notice"),
    "case.referral_create": _("Referred"),
    "case.referral_answer": _("Answered a referral"),
    "case.referral_done": _("Referral done"),
    "case.referral_revoke": _("Revoked a referral"),
    "case.service_record": _("Recorded a service"),
    "case.follow_up_plan": _("Planned a follow-up"),
    "case.follow_up_done": _("Follow-up done"),
    "case.assessment_record": _("Recorded an assessment"),
    "case.safety_plan_record": _("Saved a safety plan"),
    "case.plan_goal_add": _("Added a goal to the action plan"),
    "case.plan_goal_status": _("Changed a goal's status"),
    "case.plan_submit": _("Sent the action plan for approval"),
    "case.plan_approve": _("Approved the action plan"),
    "case.plan_return": _("Returned the action plan"),
    "case.closure_request": _("Asked for closure"),
    "case.closure_approve": _("Approved the closure"),
    "case.closure_return": _("Returned the closure"),
    "case.reopen": _("Reopened the case"),
    "case.break_glass_review": _("Reviewed emergency access"),
    "case.access_breach": _("Breach of access raised"),
    "case.trafficking_identify": _("Recorded the identification"),
    "case.trafficking_support": _("Updated the support ledger"),
}
WHY = {
    "view": _("page"),
    "api": _("API"),
    "list": _("list"),
    "referral": _("referral"),
    "unmask": _("show the name"),
    "break_glass": _("emergency access"),
    "export": _("export"),
}


def rows(entries) -> list[dict]:
    out = []
    for entry in entries:
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        sections = changes.get("sections") or []
        out.append(
            {
                "entry": entry,
                "action": ACTIONS.get(entry.action, entry.action),
                "sections": ", ".join(
                    str(Section(s).label) for s in sections if s in Section.values
                ),
                "why": WHY.get(changes.get("why", ""), ""),
            }
        )
    return out

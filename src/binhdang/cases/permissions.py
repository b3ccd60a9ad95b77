"""Permissions of case coordination. Who reads which section of a case is in rules.py.

System administrators (superusers) hold none of these in effect: rules.py refuses them every
case record whatever `has_permission` says of a superuser elsewhere."""

from binhdang.accounts.permissions import Role

CASE_RECEIVE = "case.receive"  # record a report received, open a case
CASE_VIEW = "case.view"  # the record rule's permission: see a case at all
CASE_WORK = "case.work"  # work on a case of one's team
CASE_SUPERVISE = "case.supervise"  # approve closure, revoke referrals, review break-the-glass
CASE_UNMASK = "case.unmask"  # show a survivor's name in full (audited)
CASE_BREAK_GLASS = "case.break_glass"  # emergency access with a reason, 3 hours
CASE_CONSENT_OVERRIDE = "case.consent_override"  # refer without the survivor's consent
CASE_POLICE = "case.police"  # incident, perpetrator and measures of the commune's cases
CASE_DECIDE_MEASURE = "case.decide_measure"  # the commune chair's no-contact decision
CASE_REFERRAL_RECEIVE = "case.referral_receive"  # a service point answering referrals
CASE_STATISTICS = "case.statistics"  # anonymised counts only
CASE_AUDIT = "case.audit"  # read the access log of cases
CASE_REPORT_FORMS = "case.report_forms"  # upload the office's own version of a report form

PERMISSIONS = {
    CASE_RECEIVE: (Role.CASE_WORKER, Role.CASE_SUPERVISOR),
    CASE_VIEW: (
        Role.CASE_WORKER,
        Role.CASE_SUPERVISOR,
        Role.COMMUNE_POLICE,
        Role.COMMUNE_CHAIR,
        Role.SERVICE_PROVIDER,
    ),
    CASE_WORK: (Role.CASE_WORKER, Role.CASE_SUPERVISOR),
    CASE_SUPERVISE: (Role.CASE_SUPERVISOR,),
    CASE_UNMASK: (Role.CASE_WORKER, Role.CASE_SUPERVISOR, Role.SERVICE_PROVIDER),
    CASE_BREAK_GLASS: (Role.CASE_WORKER,),
    CASE_CONSENT_OVERRIDE: (Role.CASE_SUPERVISOR,),
    CASE_POLICE: (Role.COMMUNE_POLICE,),
    CASE_DECIDE_MEASURE: (Role.COMMUNE_CHAIR,),
    CASE_REFERRAL_RECEIVE: (Role.SERVICE_PROVIDER,),
    CASE_STATISTICS: (
        Role.STATISTICS_VIEWER,
        Role.CASE_SUPERVISOR,
        Role.STANDING_OFFICE,
        Role.LEADER,
    ),
    CASE_AUDIT: (Role.CASE_SUPERVISOR,),
    CASE_REPORT_FORMS: (Role.STANDING_OFFICE,),
}

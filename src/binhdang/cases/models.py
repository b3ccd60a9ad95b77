"""Case coordination for domestic violence, gender-based violence and trafficking.

A survivor is known everywhere by the case's code. Name, phone, address and ID number are
stored only as Fernet tokens (`*_enc`, cases/crypto.py) with keyed blind indexes for the
duplicate search; they are decrypted only by `selectors.case_identity` for a reader whose
sections include the identity. Who sees a case and which of its sections is decided in
cases/rules.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The parts of a case that are shown or withheld as a whole."""

    BASIC = "basic", _("Case summary")
    IDENTITY = "identity", _("Survivor identity")
    INCIDENT = "incident", _("Incident")
    PERPETRATOR = "perpetrator", _("Perpetrator identity")
    MEASURES = "measures", _("Protective measures")
    SERVICES = "services", _("Referrals and services")
    NOTES = "notes", _("Counselling notes")
    PLANS = "plans", _("Assessment and plans")
    TRAFFICKING = "trafficking", _("Trafficking identification")
    CHILD_ABUSE = "child_abuse", _("Child sexual abuse")


# Never opened by break-the-glass (issue: "never for trafficking identity or child sexual abuse").
CLOSED_SECTIONS = frozenset({Section.TRAFFICKING, Section.CHILD_ABUSE})
# What a referral may share with its recipient.
SHAREABLE_SECTIONS = (Section.IDENTITY, Section.INCIDENT, Section.SERVICES, Section.PLANS)


class Channel(models.TextChoices):
    # Luật 13/2022/QH15, Art. 16(1): where a report of violence may be made.
    HOTLINE = "hotline", _("National hotline")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
    POLICE = "police", _("Police or border post")
    SCHOOL = "school", _("School")
    VILLAGE_HEAD = "village_head", _("Village head")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    TRUSTED_ADDRESS = "trusted_address", _("Trusted address")


class Report(models.Model):
    """A report received (tin báo) at a commune."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reporter_contact_enc = models.TextField(blank=True)
    child_victim = models.BooleanField(_("child victim"), default=False)
    crime_suspected = models.BooleanField(_("crime suspected"), default=False)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    case = models.ForeignKey(
        "Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"Tin báo {self.pk}"


class LegalFrame(models.TextChoices):
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence")
    OTHER_GBV = "other_gbv", _("Other gender-based violence")
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    CHILD = "child", _("Child protection")


class Risk(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


class CaseState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSURE_REQUESTED = "closure_requested", _("Closure awaiting approval")
    CLOSED = "closed", _("Closed")


# The closure checklist: every item must be confirmed before a supervisor approves.
CLOSURE_CHECKLIST = {
    "safe": _("The survivor is safe and the safety plan is no longer needed"),
    "services": _("Every referral is done, declined or revoked"),
    "followup": _("The last follow-up is done"),
    "informed": _("The survivor was told how to reopen the case"),
}


class Case(models.Model):
    code = models.CharField(_("survivor code"), max_length=20, unique=True)
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    legal_frame = models.CharField(_("legal frame"), max_length=32, choices=LegalFrame.choices)
    risk = models.CharField(_("risk level"), max_length=8, choices=Risk.choices)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    disability = models.BooleanField(_("disability"), default=False)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, blank=True)
    # Identity: tokens only; the blind indexes find a duplicate without decrypting.
    name_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    address_enc = models.TextField(blank=True)
    id_number_enc = models.TextField(blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True)
    name_year_index = models.CharField(max_length=64, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_cases"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_cases",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=CaseState.choices, default=CaseState.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    closure_checklist = models.JSONField(default=dict, blank=True)
    closure_requested_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Personal data law: when the identity is to be removed (retention, crypto.py command).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def age_band(self) -> str:
        return age_band(self.age)


def age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    if age < 12:
        return "0-11"
    if age < 18:
        return "12-17"
    if age < 60:
        return "18-59"
    return "60+"


AGE_BANDS = {
    "0-11": _("Under 12"),
    "12-17": _("12 to 17"),
    "18-59": _("18 to 59"),
    "60+": _("60 and over"),
    "unknown": _("Age not known"),
}


class CaseTeamMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_team_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.user_id}"


class ServiceType(models.TextChoices):
    TRUSTED_ADDRESS = "trusted_address", _("Trusted address")
    SHELTER = "shelter", _("Shelter")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social-assistance facility")
    HEALTH = "health", _("Health")
    LEGAL_AID = "legal_aid", _("Legal aid")
    POLICE = "police", _("Police")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")


class GivenBy(models.TextChoices):
    SELF = "self", _("The survivor")
    GUARDIAN = "guardian", _("A parent or guardian")


class Consent(models.Model):
    """What the survivor (or guardian) agreed to; the latest not withdrawn one applies."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices)
    services = models.BooleanField(_("to receive services"), default=False)
    reporting = models.BooleanField(_("to non-identifiable reporting"), default=False)
    referral_types = models.JSONField(_("referral to"), default=list, blank=True)
    withheld_from = models.CharField(_("withheld from"), max_length=200, blank=True)
    given_on = models.DateField(_("date"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.given_on:%d/%m/%Y}"


class CoreType(models.TextChoices):
    """The six GBVIMS core types and non-GBV, assigned by the classification questions."""

    RAPE = "rape", _("Rape")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    DENIAL = "denial", _("Denial of resources, opportunities or services")
    PSYCHOLOGICAL = "psychological", _("Psychological or emotional abuse")
    NON_GBV = "non_gbv", _("Non-GBV")


class ViolenceForm(models.TextChoices):
    # Luật 13/2022/QH15, Art. 2(1): physical, mental, sexual, economic harm.
    PHYSICAL = "physical", _("Physical")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    SEXUAL = "sexual", _("Sexual")
    ECONOMIC = "economic", _("Economic")


class DelayBucket(models.TextChoices):
    D0_3 = "0-3", _("0 to 3 days")
    D4_5 = "4-5", _("4 to 5 days")
    D6_14 = "6-14", _("6 to 14 days")
    W2_M1 = "2w-1m", _("2 weeks to 1 month")
    OVER_1M = "1m+", _("Over 1 month")


class Relationship(models.TextChoices):
    PARTNER = "partner", _("Intimate partner or spouse")
    FORMER_PARTNER = "former_partner", _("Former partner")
    FAMILY = "family", _("Other family member")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    STRANGER = "stranger", _("Stranger")
    UNKNOWN = "unknown", _("Unknown")


class PerpetratorAge(models.TextChoices):
    UNDER_18 = "0-17", _("Under 18")
    A18_25 = "18-25", _("18 to 25")
    A26_40 = "26-40", _("26 to 40")
    A41_60 = "41-60", _("41 to 60")
    OVER_60 = "61+", _("Over 60")
    UNKNOWN = "unknown", _("Unknown")


class Incident(models.Model):
    """One incident of one survivor (GBVIMS: an incident with two survivors is two incidents)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    answers = models.JSONField(default=dict)
    core_type = models.CharField(_("GBVIMS type"), max_length=20, choices=CoreType.choices)
    violence_form = models.CharField(
        _("form of violence"), max_length=16, choices=ViolenceForm.choices
    )
    intimate_partner = models.BooleanField(_("intimate partner violence"), default=False)
    child_sexual_abuse = models.BooleanField(_("child sexual abuse"), default=False)
    early_marriage = models.BooleanField(_("early marriage"), default=False)
    incident_date = models.DateField(_("incident date"))
    first_report_date = models.DateField(_("first report date"))
    delay_bucket = models.CharField(_("reporting delay"), max_length=8, choices=DelayBucket.choices)
    perpetrator_sex = models.CharField(_("perpetrator sex"), max_length=8, choices=Sex.choices)
    perpetrator_age = models.CharField(
        _("perpetrator age group"), max_length=8, choices=PerpetratorAge.choices
    )
    perpetrator_relationship = models.CharField(
        _("relationship to the survivor"), max_length=16, choices=Relationship.choices
    )
    perpetrator_identity_enc = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-incident_date", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.core_type}"


class CaseNote(models.Model):
    """A counselling note (encrypted): the team only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text_enc = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.written_at:%d/%m/%Y %H:%M}"


class MeasureKind(models.TextChoices):
    """The measures of Luật Phòng, chống bạo lực gia đình 13/2022/QH15, Art. 22(1), points
    a) to k): ten points, point k) holding two measures (administrative and criminal
    procedure), eleven in all. The no-contact measure of point c) is decided by the commune
    chair (Art. 25) or by a court (Art. 26), so it is recorded as two kinds."""

    STOP = "stop", _("a) Order to stop the domestic violence")
    SUMMON = "summon", _("b) Requiring the perpetrator to come to the commune police office")
    NO_CONTACT_COMMUNE = "no_contact_commune", _("c) No contact: decision of the commune chair")
    NO_CONTACT_COURT = "no_contact_court", _("c) No contact: decision of the court")
    SHELTER = "shelter", _("d) Temporary shelter and support for essential needs")
    CARE = "care", _("đ) Care and treatment of the victim")
    LEGAL_PSYCH = "legal_psych", _("e) Legal aid, psychological counselling and coping skills")
    BEHAVIOUR = "behaviour", _("g) Education and support to change violent behaviour")
    COMMUNITY_CRITICISM = (
        "community_criticism",
        _("h) Comment and criticism of the perpetrator in the community"),
    )
    COMMUNITY_SERVICE = "community_service", _("i) Community service")
    ADMINISTRATIVE = (
        "administrative",
        _("k) Preventive measures under the law on handling administrative violations"),
    )
    CRIMINAL = (
        "criminal",
        _("k) Preventive and victim-protection measures under the law on criminal procedure"),
    )


class MeasureState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    IN_FORCE = "in_force", _("In force")
    REFUSED = "refused", _("Refused in writing")
    ENDED = "ended", _("Ended")


class Measure(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=24, choices=MeasureKind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=MeasureState.choices, default=MeasureState.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"))
    requested_by_agency = models.BooleanField(_("requested by an agency"), default=False)
    victim_consent = models.BooleanField(_("victim's consent"), default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=500, blank=True)
    notified_perpetrator = models.BooleanField(default=False)
    notified_victim = models.BooleanField(default=False)
    notified_police_chief = models.BooleanField(default=False)
    notified_village_head = models.BooleanField(default=False)
    overdue_alert_at = models.DateTimeField(null=True, blank=True)
    expiry_reminder_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind}"


class ContactReason(models.TextChoices):
    """Nghị định 76/2023/NĐ-CP, Art. 18: the reasons a contact during a ban may be allowed."""

    CHILD_CARE = "child_care", _("Care or visit of a common child")
    FAMILY_EVENT = "family_event", _("A family event (funeral, wedding, illness)")
    PROCEEDINGS = "proceedings", _("Taking part in proceedings or mediation")
    PROPERTY = "property", _("Dividing common property or belongings")


class ContactException(models.Model):
    """A written notice (Mẫu 09, Nghị định 76/2023/NĐ-CP) of a contact during a ban."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="exceptions")
    reason = models.CharField(_("reason"), max_length=16)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.reason}"


class ReferralState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Sent, awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Done")
    REVOKED = "revoked", _("Revoked")


ACTIVE_REFERRAL_STATES = (ReferralState.IN_PROGRESS, ReferralState.ACCEPTED)


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    service_type = models.CharField(_("service"), max_length=20, choices=ServiceType.choices)
    recipient_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("service point"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    shared_sections = models.JSONField(_("shared sections"), default=list)
    state = models.CharField(
        _("state"), max_length=12, choices=ReferralState.choices, default=ReferralState.IN_PROGRESS
    )
    consent_override_reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.service_type}"


class ServiceStatus(models.TextChoices):
    PROVIDED = "provided", _("Provided")
    REFERRED = "referred", _("Referred")
    ALREADY_RECEIVED = "already_received", _("Already received")
    DECLINED = "declined", _("Declined")
    UNAVAILABLE = "unavailable", _("Not available")


class ServiceRecord(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    service_type = models.CharField(_("service"), max_length=20, choices=ServiceType.choices)
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices)
    on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.case_id}: {self.service_type}"


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.due_on:%d/%m/%Y}"


class Reopening(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.CharField(_("reason"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.at:%d/%m/%Y}"


class CaseExport(models.Model):
    """An export of a case's identifiable file: who, when and why (the file is not kept)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exports")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.at:%d/%m/%Y %H:%M}"


class BreakGlass(models.Model):
    """Emergency access of an on-call case worker: a reason, 3 hours, a supervisor's review."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    sections = models.JSONField(default=list)
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The reviewer's finding: False is a read outside the rules, raised as a breach.
    justified = models.BooleanField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.user_id}"


class TraffickingStatus(models.TextChoices):
    BEING_IDENTIFIED = "being_identified", _("Being identified")
    CONFIRMED = "confirmed", _("Confirmed victim")
    NOT_VICTIM = "not_victim", _("Not a victim")


class TraffickingPlace(models.TextChoices):
    VIETNAM = "vietnam", _("In Vietnam")
    ABROAD = "abroad", _("Abroad")


class TraffickingProfile(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="trafficking")
    status = models.CharField(_("identification"), max_length=20, choices=TraffickingStatus.choices)
    place = models.CharField(_("where"), max_length=10, choices=TraffickingPlace.choices)
    accompanying_minor = models.BooleanField(_("minor accompanying a victim"), default=False)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.status}"


class SupportStatus(models.TextChoices):
    ENTITLED = "entitled", _("Entitled")
    PROVIDED = "provided", _("Provided")
    DECLINED = "declined", _("Declined")


class TraffickingSupport(models.Model):
    """One line of the Art. 37 ledger (Luật 53/2024/QH15)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="trafficking_support")
    point = models.CharField(_("support"), max_length=2)
    status = models.CharField(
        _("status"), max_length=10, choices=SupportStatus.choices, default=SupportStatus.ENTITLED
    )
    provided_on = models.DateField(null=True, blank=True)
    provided_by = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "point"], name="trafficking_support_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.point}"


class ReportFormTemplate(models.Model):
    """One version of an office's own layout of a statistical report form (the annual forms
    of Thông tư 07/2017/TT-BVHTTDL, cases/forms_tt07.py), used for its unit and the units
    under it instead of the shipped template. Every upload is a new version; a reset is a
    version without content, after which the shipped template applies again."""

    form = models.CharField(_("form"), max_length=16)
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    version = models.PositiveIntegerField(_("version"))
    content = models.BinaryField(blank=True, default=b"")
    file_name = models.CharField(_("file name"), max_length=150, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["form", "org_unit", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "org_unit", "version"], name="report_form_template_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form} v{self.version}"


# ---------------------------------------------------------------- assessment and plans
# All three are in the PLANS section (rules.py decides who reads it); an assessment's notes
# are in the NOTES section and a safety plan's safe place and contacts in the IDENTITY
# section, both encrypted like the rest of those sections.

NEED_AREAS = {
    "safety": _("Immediate safety"),
    "health": _("Health"),
    "psychosocial": _("Psychosocial"),
    "legal": _("Legal"),
    "economic": _("Economic"),
}


class Assessment(models.Model):
    """The survivor's needs as assessed on a day; it confirms or changes the case's risk."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessment date"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    needs = models.JSONField(_("needs"), default=dict)  # NEED_AREAS key -> what is needed
    risk_before = models.CharField(max_length=8, choices=Risk.choices)
    risk = models.CharField(_("risk level"), max_length=8, choices=Risk.choices)
    notes_enc = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.assessed_on:%d/%m/%Y}"


class SafetyPlan(models.Model):
    """What the survivor and the worker agreed to keep her safe; the latest is in force."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_plans")
    risks = models.TextField(_("risks identified"))
    actions = models.TextField(_("actions agreed"))
    safe_place_enc = models.TextField(blank=True)
    review_on = models.DateField(_("review date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.review_on:%d/%m/%Y}"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the supervisor's approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


# The states in which a plan's goals may still change.
EDITABLE_PLAN_STATES = (PlanState.DRAFT, PlanState.RETURNED)


class ActionPlan(models.Model):
    """One version of a case's action plan. An approved version is frozen: a change starts
    the next version from its goals, and the approved one stays as it was."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="action_plans")
    version = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=12, choices=PlanState.choices, default=PlanState.DRAFT
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="action_plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: v{self.version}"


class GoalStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class PlanGoal(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    goal = models.CharField(_("goal"), max_length=300)
    action = models.CharField(_("service or action"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200)
    due_on = models.DateField(_("by"))
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.PLANNED
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.goal}"

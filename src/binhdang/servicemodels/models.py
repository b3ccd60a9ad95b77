"""The register of service models, their periodic records, evaluations and commune profiles."""

import calendar
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

EVIDENCE_EXTENSIONS = {"pdf", "docx", "doc", "xlsx", "xls", "jpg", "jpeg", "png"}


class ModelKind(models.TextChoices):
    TRUSTED_ADDRESS = "trusted_address", _("Trusted address")
    SHELTER = "shelter", _("Shelter")
    DV_CLUB = "dv_club", _("Club for domestic-violence prevention")
    MARRIAGE_CLUB = (
        "marriage_club",
        _("Club supporting women at risk of forced marriage to foreigners"),
    )
    ETHNIC_GE = "ethnic_ge", _("Gender-equality model in an ethnic-minority area")
    COUNSELLING = "counselling", _("Counselling point")
    HOTLINE = "hotline", _("Hotline")
    OTHER = "other", _("Other model")


class ModelStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed down")


class ServiceModel(models.Model):
    """A service model (mô hình): where victims and people at risk are received, sheltered,
    counselled or brought together. The referral service point of case coordination."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("managing unit"),
        on_delete=models.PROTECT,
        related_name="service_models",
    )
    commune = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="service_models_located",
    )
    village = models.CharField(_("village"), max_length=120, blank=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices)
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=80, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ModelStatus.choices, default=ModelStatus.ACTIVE
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    members_women = models.PositiveIntegerField(_("women members"), default=0)
    members_men = models.PositiveIntegerField(_("men members"), default=0)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service model")
        verbose_name_plural = _("service models")
        ordering = ["commune__name", "name", "id"]
        indexes = [models.Index(fields=["org_unit", "status"], name="servicemodel_unit_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def members_total(self) -> int:
        return self.members_women + self.members_men


class StatusChange(models.Model):
    """One step of a model's status history (the first is its establishment)."""

    service_model = models.ForeignKey(
        ServiceModel, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=12, choices=ModelStatus.choices)
    on = models.DateField(_("date of the change"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["service_model", "on", "id"]

    def __str__(self) -> str:
        return f"{self.service_model_id}: {self.status} ({self.on:%d/%m/%Y})"


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


def period_bounds(year: int, kind: str, number: int) -> tuple[date, date]:
    """First and last day of month `number` or quarter `number` of `year`."""
    if kind == PeriodKind.QUARTER:
        first_month, last_month = 3 * number - 2, 3 * number
    else:
        first_month = last_month = number
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


class PeriodRecord(models.Model):
    """What happened in a model during one month or quarter."""

    service_model = models.ForeignKey(
        ServiceModel, on_delete=models.CASCADE, related_name="periods"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    period_number = models.PositiveSmallIntegerField(_("month or quarter"))
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False, db_index=True)
    activities = models.PositiveIntegerField(_("activities held"), default=0)
    supported_total = models.PositiveIntegerField(_("people supported"), default=0)
    supported_women = models.PositiveIntegerField(_("of whom women"), default=0)
    supported_ethnic = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)
    referrals = models.PositiveIntegerField(_("referrals received"), default=0)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("period record")
        verbose_name_plural = _("period records")
        ordering = ["service_model", "period_start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_model", "year", "period_kind", "period_number"],
                name="servicemodel_period_unique",
            ),
            models.CheckConstraint(
                condition=Q(supported_women__lte=F("supported_total"))
                & Q(supported_ethnic__lte=F("supported_total")),
                name="servicemodel_period_parts_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_model_id}/{self.year}/{self.period_kind}{self.period_number}"

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.QUARTER:
            return _("Quarter %(n)s/%(year)s") % {"n": self.period_number, "year": self.year}
        return _("Month %(n)s/%(year)s") % {"n": self.period_number, "year": self.year}


class Conclusion(models.TextChoices):
    EFFECTIVE = "effective", _("Effective")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement")
    NOT_EFFECTIVE = "not_effective", _("Not effective")


class EvaluationCriterion(models.Model):
    """One criterion of the evaluation template (rà soát, đánh giá hiệu quả), shipped in
    data/criteria.json and editable by administrators."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    text = models.CharField(_("criterion"), max_length=400)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class Evaluation(models.Model):
    """A periodic review of a model's effectiveness."""

    service_model = models.ForeignKey(
        ServiceModel, on_delete=models.CASCADE, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    evaluated_on = models.DateField(_("evaluated on"))
    evaluated_by = models.CharField(_("evaluated by"), max_length=200, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=Conclusion.choices)
    findings = models.TextField(_("findings"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["service_model", "-evaluated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.service_model} ({self.year})"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="servicemodel_score_unique"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="servicemodel_score_positive"),
        ]
        ordering = ["criterion__order", "criterion__code"]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


def evidence_path(instance: "EvaluationEvidence", filename: str) -> str:
    # The stored name is opaque; the user's file name is kept in `original_name`.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"servicemodels/{instance.evaluation_id}/{uuid.uuid4().hex}.{extension}"


class EvaluationEvidence(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["evaluation", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class CommuneProfile(models.Model):
    """What the replication page reads beside the indicators: the commune's population (the
    indicators hold no population figure) and whether it is an ethnic-minority area."""

    commune = models.OneToOneField(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="service_profile"
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    ethnic_minority_area = models.BooleanField(_("ethnic-minority area"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commune profile")
        verbose_name_plural = _("commune profiles")

    def __str__(self) -> str:
        return str(self.commune)

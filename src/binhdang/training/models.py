"""Training of cadres on gender equality (seed §3.3): courses with their participants by
sex, ethnic minority and position, as counts or as a list of people (the counts are then
computed from the list), and the course's evaluation."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CourseTopic(models.TextChoices):
    MAINSTREAMING = "mainstreaming", _("Gender mainstreaming in legal documents")
    GBV = "gbv", _("Prevention of gender-based violence")
    LEADERSHIP = "leadership", _("Leadership skills for women")
    LAW = "law", _("Law on Gender Equality")
    OTHER = "other", _("Other")


class CourseFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class Position(models.TextChoices):
    GENDER_CADRE = "gender_cadre", _("Cadres and civil servants doing gender work")
    CFAW_DISTRICT = "cfaw_district", _("CFAW members, district level")
    CFAW_COMMUNE = "cfaw_commune", _("CFAW members, commune level")
    COUNCIL_DEPUTY = "council_deputy", _("People's Council deputies")
    WOMEN_LEADER = "women_leader", _("Women leaders and women in the planning pipeline")
    OTHER = "other", _("Other")


# Position -> the count field of a course.
POSITION_FIELDS = {
    Position.GENDER_CADRE: "pos_gender_cadre",
    Position.CFAW_DISTRICT: "pos_cfaw_district",
    Position.CFAW_COMMUNE: "pos_cfaw_commune",
    Position.COUNCIL_DEPUTY: "pos_council_deputy",
    Position.WOMEN_LEADER: "pos_women_leader",
    Position.OTHER: "pos_other",
}


class Course(models.Model):
    """A training course or workshop organised by a unit. Counted by its start date."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="training_courses",
    )
    title = models.CharField(_("title"), max_length=300)
    topic = models.CharField(_("topic"), max_length=20, choices=CourseTopic.choices)
    starts_on = models.DateField(_("from"), db_index=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    trainers = models.CharField(_("trainers"), max_length=300, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.IN_PERSON
    )
    task = models.ForeignKey(
        "directives.Task",
        verbose_name=_("directive task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_courses",
    )
    participants_total = models.PositiveIntegerField(_("participants"), default=0)
    participants_women = models.PositiveIntegerField(_("of whom women"), default=0)
    participants_ethnic = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)
    pos_gender_cadre = models.PositiveIntegerField(Position.GENDER_CADRE.label, default=0)
    pos_cfaw_district = models.PositiveIntegerField(Position.CFAW_DISTRICT.label, default=0)
    pos_cfaw_commune = models.PositiveIntegerField(Position.CFAW_COMMUNE.label, default=0)
    pos_council_deputy = models.PositiveIntegerField(Position.COUNCIL_DEPUTY.label, default=0)
    pos_women_leader = models.PositiveIntegerField(Position.WOMEN_LEADER.label, default=0)
    pos_other = models.PositiveIntegerField(Position.OTHER.label, default=0)
    # True when the counts are computed from the list of participants.
    from_list = models.BooleanField(_("counts from the list of participants"), default=False)
    satisfaction_pct = models.DecimalField(
        _("satisfied participants (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    pre_test_mean = models.DecimalField(
        _("mean score before (pre-test)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    post_test_mean = models.DecimalField(
        _("mean score after (post-test)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="training_course_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants_women__lte=F("participants_total")),
                name="training_women_within_total",
            ),
            models.CheckConstraint(
                condition=Q(participants_ethnic__lte=F("participants_total")),
                name="training_ethnic_within_total",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="training_course_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def positions(self) -> list[tuple[str, int]]:
        return [(str(p.label), getattr(self, f)) for p, f in POSITION_FIELDS.items()]


class Sex(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class Participant(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="participants")
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)

    class Meta:
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

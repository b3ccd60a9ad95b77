"""Women in leadership (seed §4.2): who holds the leadership posts of a unit's bodies on a
date, the People's Council deputies of the term, the cadres in the planning (quy hoạch) and
the training of women leaders.

Counts are the records by default (`LeadershipPost`: one post of one body on a date, with how
many hold it, how many are women, how many are of an ethnic minority). A unit that keeps a list
of its leaders (`Leader`) has its counts computed from the list (`from_list`).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The district level ended on 1/7/2025 (two-level local government).
DISTRICT_ENDS = date(2025, 7, 1)


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (before 1/7/2025)")
    COMMUNE = "commune", _("Commune")


class BodyKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    PEOPLES_COUNCIL = "peoples_council", _("People's Council")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    DEPARTMENT = "department", _("Specialised department")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PUBLIC_SERVICE = "public_service", _("Public service unit")


# The bodies the strategy's target counts: state management agencies and local governments
# (chính quyền: People's Council and People's Committee).
STATE_BODY_KINDS = (
    BodyKind.PEOPLES_COUNCIL,
    BodyKind.PEOPLES_COMMITTEE,
    BodyKind.DEPARTMENT,
)


class Post(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Term(models.TextChoices):
    T2021 = "2021-2026", "2021-2026"
    T2026 = "2026-2031", "2026-2031"


class PlanningTerm(models.TextChoices):
    T2025 = "2025-2030", "2025-2030"
    T2026 = "2026-2031", "2026-2031"


class Audience(models.TextChoices):
    WOMEN_LEADERS = "leaders", _("Women leaders and managers")
    WOMEN_PLANNED = "planned", _("Women in the planning")
    WOMEN_DEPUTIES = "deputies", _("Women People's Council deputies")


class Stamped(models.Model):
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LeadershipPost(Stamped):
    """How many hold one post (head or deputies) of one body of a unit on a date."""

    as_of = models.DateField(_("as of"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    body_name = models.CharField(_("body"), max_length=200)
    post = models.CharField(_("post"), max_length=8, choices=Post.choices)
    total = models.PositiveIntegerField(_("held by"))
    women = models.PositiveIntegerField(_("of whom women"))
    ethnic_minority = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)
    from_list = models.BooleanField(_("counted from the list of people"), default=False)

    class Meta:
        verbose_name = _("leadership post")
        verbose_name_plural = _("leadership posts")
        ordering = ["-as_of", "org_unit__name", "body_kind", "body_name", "post"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "as_of", "body_kind", "body_name", "post"],
                name="leadership_post_unique",
            ),
            models.CheckConstraint(
                condition=Q(women__lte=F("total")) & Q(ethnic_minority__lte=F("total")),
                name="leadership_post_parts",
            ),
        ]
        indexes = [models.Index(fields=["org_unit", "as_of"], name="leadership_post_unit")]

    def __str__(self) -> str:
        return f"{self.body_name} · {self.get_post_display()} · {self.as_of:%d/%m/%Y}"


class Leader(Stamped):
    """A person holding a leadership post, on a unit's own list (read by its personnel
    officers only); the unit's counts for that date are computed from the list."""

    as_of = models.DateField(_("as of"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    body_name = models.CharField(_("body"), max_length=200)
    post = models.CharField(_("post"), max_length=8, choices=Post.choices)
    full_name = models.CharField(_("full name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["-as_of", "body_kind", "body_name", "post", "full_name"]
        indexes = [models.Index(fields=["org_unit", "as_of"], name="leadership_leader_unit")]

    def __str__(self) -> str:
        return f"{self.full_name} · {self.body_name}"


class CouncilDeputies(Stamped):
    """The People's Council deputies of a unit for a term, by sex."""

    term = models.CharField(_("term"), max_length=9, choices=Term.choices, default=Term.T2021)
    as_of = models.DateField(_("as of"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    total = models.PositiveIntegerField(_("deputies"))
    women = models.PositiveIntegerField(_("of whom women"))
    ethnic_minority = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)

    class Meta:
        verbose_name = _("People's Council deputies")
        verbose_name_plural = _("People's Council deputies")
        ordering = ["-as_of", "org_unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "term", "as_of"], name="leadership_deputies_unique"
            ),
            models.CheckConstraint(
                condition=Q(women__lte=F("total")) & Q(ethnic_minority__lte=F("total")),
                name="leadership_deputies_parts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} · {self.as_of:%d/%m/%Y}"


class PlanningCadre(Stamped):
    """Cadres in the planning (quy hoạch) for a post of a kind of body: how many, how many
    women, young (under 40) and of an ethnic minority."""

    term = models.CharField(
        _("planning term"), max_length=9, choices=PlanningTerm.choices, default=PlanningTerm.T2025
    )
    as_of = models.DateField(_("as of"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    post = models.CharField(_("post"), max_length=8, choices=Post.choices)
    total = models.PositiveIntegerField(_("cadres in the planning"))
    women = models.PositiveIntegerField(_("of whom women"))
    young = models.PositiveIntegerField(_("of whom young (under 40)"), default=0)
    ethnic_minority = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)

    class Meta:
        verbose_name = _("cadres in the planning")
        verbose_name_plural = _("cadres in the planning")
        ordering = ["-as_of", "org_unit__name", "body_kind", "post"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "term", "as_of", "body_kind", "post"],
                name="leadership_planning_unique",
            ),
            models.CheckConstraint(
                condition=Q(women__lte=F("total"))
                & Q(young__lte=F("total"))
                & Q(ethnic_minority__lte=F("total")),
                name="leadership_planning_parts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} · {self.get_body_kind_display()} · {self.get_post_display()}"


class LeaderTraining(Stamped):
    """A course training women leaders, women in the planning or women deputies."""

    held_on = models.DateField(_("held on"))
    title = models.CharField(_("course"), max_length=300)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    participants = models.PositiveIntegerField(_("participants"))
    women = models.PositiveIntegerField(_("of whom women"))
    course_ref = models.CharField(
        _("training course (reference)"),
        max_length=200,
        blank=True,
        help_text=_("The course in the training records, when it is there."),
    )

    class Meta:
        verbose_name = _("training of women leaders")
        verbose_name_plural = _("training of women leaders")
        ordering = ["-held_on", "org_unit__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women__lte=F("participants")), name="leadership_training_parts"
            )
        ]

    def __str__(self) -> str:
        return self.title

"""Communication on gender equality (seed §1): the activities each unit holds, the campaigns
grouping them (the yearly Action Month and local campaigns), and the role models and
influential people of ethnic-minority communities.

A "buổi tuyên truyền" (session) is an activity where people gather: a meeting or talk, or a
contest (`SESSION_CHANNELS`). Broadcasts, posts, leaflets, banners and panels are products, not
sessions. The round's participants are the people who attended sessions.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    RADIO = "radio", _("Radio, loudspeakers")
    TV = "tv", _("Television")
    PORTAL = "portal", _("District portal, units' websites")
    SOCIAL = "social", _("Social media")
    MEETING = "meeting", _("Meeting, talk")
    CONTEST = "contest", _("Contest")
    LEAFLET = "leaflet", _("Leaflets")
    BANNER = "banner", _("Banners")
    PANEL = "panel", _("Panels")
    POSTER = "poster", _("Posters")
    OTHER = "other", _("Other")


# Activities that are sessions ("buổi tuyên truyền"): people gathered in one place.
SESSION_CHANNELS = (Channel.MEETING, Channel.CONTEST)


class Topic(models.TextChoices):
    LAW = "law", _("Law on Gender Equality")
    STRATEGY = "strategy", _("National strategy on gender equality")
    GBV = "gbv", _("Gender-based violence")
    DOMESTIC_VIOLENCE = "dv", _("Domestic violence")
    TRAFFICKING = "trafficking", _("Human trafficking")
    SEX_SELECTION = "sex_selection", _("Sex selection at birth")
    ECONOMIC = "economic", _("Women's economic empowerment")
    OTHER = "other", _("Other")


class CostSource(models.TextChoices):
    NONE = "", _("No cost")
    STATE = "state", _("State budget")
    PROGRAMME = "programme", _("National target programme")
    PROJECT = "project", _("Project, international support")
    MOBILISED = "mobilised", _("Mobilised, socialised")
    OTHER = "other", _("Other")


class CampaignKind(models.TextChoices):
    ACTION_MONTH = "action_month", _("Action Month")
    LOCAL = "local", _("Local campaign")


class CampaignTemplate(models.Model):
    """A campaign that comes back every year on the same days: the Action Month for gender
    equality and the prevention of and response to gender-based violence (15/11 - 15/12)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    start_day = models.PositiveSmallIntegerField(_("from day"))
    start_month = models.PositiveSmallIntegerField(_("from month"))
    end_day = models.PositiveSmallIntegerField(_("to day"))
    end_month = models.PositiveSmallIntegerField(_("to month"))
    first_year = models.PositiveSmallIntegerField(_("first year"), default=2017)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("recurring campaign")
        verbose_name_plural = _("recurring campaigns")

    def __str__(self) -> str:
        return self.title


class Campaign(models.Model):
    """Activities grouped over a period. A yearly one comes from its template (no owning
    unit: every unit takes part); a local one belongs to the unit that launched it."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    template = models.ForeignKey(
        CampaignTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("launched by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communication_campaigns",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "year"], name="communication_campaign_template_year"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="communication_campaign_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_action_month(self) -> bool:
        return self.kind == CampaignKind.ACTION_MONTH


class Activity(models.Model):
    """One communication activity of a unit, with the audience it reached and what it
    produced. The figures count it by its start date."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="communication_activities",
    )
    title = models.CharField(_("activity"), max_length=300)
    starts_on = models.DateField(_("from"), db_index=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    place = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communication_activities_held",
    )
    place_detail = models.CharField(_("village, venue"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # The chosen topics, as ",law,gbv," (so one topic is found by `contains`).
    topics = models.CharField(_("topics"), max_length=200, blank=True, default="")
    task = models.ForeignKey(
        "directives.Task",
        verbose_name=_("directive task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communication_activities",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    audience_total = models.PositiveIntegerField(_("people reached"), default=0)
    audience_women = models.PositiveIntegerField(_("of whom women"), default=0)
    audience_ethnic = models.PositiveIntegerField(_("of whom ethnic minority"), default=0)
    leaflets = models.PositiveIntegerField(_("leaflets"), default=0)
    banners = models.PositiveIntegerField(_("banners, panels, posters"), default=0)
    broadcasts = models.PositiveIntegerField(_("broadcasts"), default=0)
    articles = models.PositiveIntegerField(_("articles, posts"), default=0)
    other_products = models.PositiveIntegerField(_("other products"), default=0)
    other_products_note = models.CharField(_("other products: what"), max_length=200, blank=True)
    cost = models.PositiveBigIntegerField(_("cost (VND)"), default=0)
    cost_source = models.CharField(
        _("source of funds"), max_length=20, choices=CostSource.choices, blank=True, default=""
    )
    result = models.TextField(_("result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("communication activity")
        verbose_name_plural = _("communication activities")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="comm_activity_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience_women__lte=F("audience_total")),
                name="communication_women_within_total",
            ),
            models.CheckConstraint(
                condition=Q(audience_ethnic__lte=F("audience_total")),
                name="communication_ethnic_within_total",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="communication_activity_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_list(self) -> list[str]:
        return [t for t in self.topics.split(",") if t]

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topic_list]

    @property
    def is_session(self) -> bool:
        return self.channel in SESSION_CHANNELS

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


def activity_file_path(instance: "ActivityFile", filename: str) -> str:
    # The stored name is opaque; the user's file name is kept in `original_name`.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"communication/{instance.activity_id}/{uuid.uuid4().hex}.{extension}"


class FileKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    PROGRAMME = "programme", _("Programme")
    OTHER = "other", _("Other file")


class ActivityFile(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=activity_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class RoleModelKind(models.TextChoices):
    PERSON = "person", _("Person")
    HOUSEHOLD = "household", _("Household")


class RoleModel(models.Model):
    """A role model or influential person (or household) of an ethnic-minority community
    (seed §1.3), recorded by the unit that works with them."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="communication_role_models",
    )
    kind = models.CharField(_("person or household"), max_length=20, choices=RoleModelKind.choices)
    name = models.CharField(_("name"), max_length=200)
    ethnicity = models.CharField(_("ethnic group"), max_length=60, blank=True)
    commune = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communication_role_models_living",
    )
    village = models.CharField(_("village"), max_length=200, blank=True)
    role = models.TextField(_("what they do"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("role model")
        verbose_name_plural = _("role models")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

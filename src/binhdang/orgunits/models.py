"""The organisation-unit tree: territorial units and the bodies of a People's Committee.

One tree holds both, because a directive is addressed to either (a commune People's Committee
and the district's Labour office are both reporting units). Subtree queries use a materialised
path (`/1/64/900/`), indexed, so "everything under Hà Giang" is one indexed prefix query.
"""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from binhdang.formats.text import fold
from binhdang.memo import (
    CountedModel,
    CountedQuerySet,
    forget,
    generation,
    kept,
    next_generation,
    remember,
)


class Kind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    DEPARTMENT = "department", _("Department")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PARTY_BOARD = "party_board", _("Party board")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    CFAW = "cfaw", _("Committee for the Advancement of Women")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other body")


TERRITORIAL_KINDS = {
    Kind.PROVINCE,
    Kind.DISTRICT,
    Kind.COMMUNE,
    Kind.WARD,
    Kind.TOWNSHIP,
    Kind.SPECIAL_ZONE,
}
COMMUNE_LEVEL_KINDS = {Kind.COMMUNE, Kind.WARD, Kind.TOWNSHIP, Kind.SPECIAL_ZONE}


class AdminSet(models.TextChoices):
    LEGACY = "legacy", _("Before 1/7/2025 (three levels)")
    Y2025 = "2025", _("From 1/7/2025 (two levels)")
    LOCAL = "local", _("Entered locally")


def closed_condition(on=None, prefix: str = "") -> Q:
    """A condition on OrgUnit: closed by `on` (valid_to before it), or under a closed unit.
    A closed unit's own subtree is named by path prefix only where something under it is
    still open (its bodies), which keeps the condition short on the national tree. With a
    `prefix` ("org_unit__"), the condition is on the unit a row of another model points to."""
    from django.utils import timezone

    on = on or timezone.localdate()
    condition = Q(**{f"{prefix}valid_to__lt": on})
    for path in remember((CLOSED_MEMO, on), lambda: _kept_closed_subtree_paths(on)):
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def closed_units_condition(on=None, prefix: str = "") -> Q:
    """`OrgUnit.objects.closed(on)` as a condition, on the unit at `prefix` as in
    `closed_condition`: a query on rows pointing to units filters on the joined unit."""
    from django.utils import timezone

    on = on or timezone.localdate()
    return closed_condition(on, prefix) & ~Q(**{f"{prefix}valid_from__gt": on})


# The request memo's key of the closed subtrees' paths (forgotten when a unit is written).
CLOSED_MEMO = "orgunits.closed"
# The generation of the unit tree: whatever a cache keeps across requests with units in it
# (a user's memberships) is kept under it, and every write of units counts it on.
UNITS_GENERATION = generation("orgunits:generation")


def units_changed(**kwargs) -> None:
    """Units were written: forget what this request and the shared cache keep of them."""
    forget(CLOSED_MEMO)
    next_generation(UNITS_GENERATION)


def _kept_closed_subtree_paths(on) -> list[str]:
    """`_closed_subtree_paths`, kept in the shared cache (when every process shares it) under
    the day and the unit tree's generation, which every write of units counts on."""
    from django.conf import settings

    if not settings.BINHDANG_SHARED_CACHE:
        return _closed_subtree_paths(on)
    return kept(
        f"orgunits:closed:{on.isoformat()}",
        (UNITS_GENERATION,),
        lambda: _closed_subtree_paths(on),
        CLOSED_SECONDS,
    )


CLOSED_SECONDS = 3600


def _closed_subtree_paths(on) -> list[str]:
    """Paths of the outermost units closed by `on` with an open unit under them."""
    open_children = OrgUnit.objects.filter(parent=OuterRef("pk")).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    paths = sorted(
        OrgUnit.objects.filter(valid_to__lt=on)
        .filter(Exists(open_children))
        .values_list("path", flat=True)
    )
    outer: list[str] = []
    for path in paths:
        if not any(path.startswith(p) for p in outer):
            outer.append(path)
    return outer


class OrgUnitQuerySet(CountedQuerySet, models.QuerySet):
    """Every way to write units in bulk counts the unit tree's generation on."""

    changed = staticmethod(units_changed)

    def active(self, on=None):
        """Units valid on date `on` (today when omitted)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def current(self, on=None, keep=()):
        """Units that may be chosen on date `on` (today when omitted) for new work: valid on
        that day and under no unit closed by then (a district's bodies close with the
        district). The one filter of every choice list of units; `keep` (units or ids) stays
        in the list whatever its dates, so a record made before the change can be edited
        without losing the units it already names."""
        valid = self.active(on).exclude(closed_condition(on))
        kept = [getattr(u, "pk", u) for u in keep if u is not None]
        if not kept:
            return valid
        return self.filter(Q(pk__in=valid.values("pk")) | Q(pk__in=kept))

    def closed(self, on=None):
        """Units no longer valid on date `on` (today when omitted), or under such a unit: the
        complement of `current` among the units that had begun by then."""
        return self.filter(closed_units_condition(on))

    def search(self, text: str):
        """Accent-insensitive search on name and code ("vi xuyen" finds "Vị Xuyên")."""
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def subtree_of(self, unit: "OrgUnit", include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class OrgUnit(models.Model):
    external_id = models.CharField(
        _("external identifier"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable key of an imported unit, e.g. legacy:ward:00913."),
    )
    code = models.CharField(_("official code"), max_length=16, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    division_type = models.CharField(
        _("division type"), max_length=64, blank=True, help_text=_("e.g. huyện, thị xã, thị trấn")
    )
    admin_set = models.CharField(
        _("unit set"), max_length=8, choices=AdminSet.choices, default=AdminSet.LOCAL
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(_("level"), default=0, editable=False)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successor units"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    search_text = models.CharField(max_length=400, db_index=True, editable=False, default="")

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path holds the primary key, so a new unit is written twice. When a unit moves
        # under another parent, its whole subtree's paths and levels are rewritten in one query.
        units_changed()
        self.search_text = self.compute_search_text()
        self.level = (self.parent.level + 1) if self.parent_id else 0
        old_path, old_level = self.path, None
        if old_path and self.pk:
            old_level = (
                type(self).objects.filter(pk=self.pk).values_list("level", flat=True).first()
            )
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path == self.path:
            return
        self.path = path
        type(self).objects.filter(pk=self.pk).update(path=path)
        if old_path:
            delta = self.level - (old_level if old_level is not None else self.level)
            type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(path), Substr("path", len(old_path) + 1)),
                level=F("level") + delta,
            )

    def delete(self, *args, **kwargs):
        units_changed()
        return super().delete(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_territorial(self) -> bool:
        return self.kind in TERRITORIAL_KINDS

    def compute_search_text(self) -> str:
        return fold(f"{self.name} {self.short_name} {self.code}")

    def ancestors(self):
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        return OrgUnit.objects.filter(pk__in=ids).order_by("level")

    def descendants(self, include_self: bool = False):
        return OrgUnit.objects.subtree_of(self, include_self=include_self)

    def get_legacy_sources(self):
        """The pre-2025 units this unit was formed from (many-to-many)."""
        return self.predecessors.all().order_by("code")

    def nearest_people_committee(self) -> "OrgUnit":
        """The territorial unit a body belongs to (a department -> its district)."""
        unit = self
        while unit is not None and not unit.is_territorial:
            unit = unit.parent
        return unit or self


# The generation of the unit groups' contents (rules and member lists): what a cache keeps of
# the groups reaching a user is kept under it, and every write of a group counts it on.
GROUPS_GENERATION = generation("orgunits:groups:generation")


def groups_changed(**kwargs) -> None:
    next_generation(GROUPS_GENERATION)


class UnitGroup(CountedModel):
    """A named set of units to address a directive or a round to many units at once.

    Either a rule (every unit of some kinds under a root, e.g. all communes of Vị Xuyên,
    evaluated when used so new units are included) or an explicit member list, or both.
    """

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="unit_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80)
    rule_root = models.ForeignKey(
        OrgUnit,
        verbose_name=_("all units under"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    rule_kinds = models.JSONField(_("of kinds"), default=list, blank=True)
    members = models.ManyToManyField(
        OrgUnit, verbose_name=_("members"), blank=True, related_name="member_of_groups"
    )

    changed = staticmethod(groups_changed)

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")
        ordering = ["owner", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "slug"], name="unitgroup_owner_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def resolve(self):
        """Every unit in the group, as one query."""
        condition = Q(pk__in=self.members.values("pk"))
        if self.rule_root_id:
            rule = Q(path__startswith=self.rule_root.path) & ~Q(pk=self.rule_root_id)
            if self.rule_kinds:
                rule &= Q(kind__in=self.rule_kinds)
            condition |= rule
        return OrgUnit.objects.filter(condition)


class LetterheadLevel(models.TextChoices):
    ANY = "", _("Any level")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class LetterheadRule(models.Model):
    """How a kind of unit heads and signs its documents: the line of the body above, its own
    name, what stands where the national motto stands, and the signer. One row per kind,
    optionally narrowed to names beginning with some words and to one level; the shipped rows
    come from `orgunits/data/letterheads.json` with the source of each. Texts hold
    placeholders such as {locality} (see `orgunits.letterheads.PLACEHOLDERS`)."""

    kind = models.CharField(_("kind of unit"), max_length=32, choices=Kind.choices)
    name_starts = models.CharField(
        _("name begins with"),
        max_length=120,
        blank=True,
        help_text=_("Only units whose name begins with these words; empty for every unit."),
    )
    level = models.CharField(
        _("level"), max_length=10, choices=LetterheadLevel.choices, blank=True, default=""
    )
    label = models.CharField(_("label"), max_length=200)
    higher_body = models.CharField(
        _("body above"),
        max_length=200,
        blank=True,
        help_text=_("Printed above the unit's name; empty for a People's Committee."),
    )
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    national_title = models.CharField(
        _("national title"), max_length=200, default="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    motto = models.CharField(
        _("motto"), max_length=200, blank=True, default="Độc lập - Tự do - Hạnh phúc"
    )
    issuer_mark = models.CharField(
        _("mark under the issuing body"),
        max_length=10,
        blank=True,
        help_text=_('e.g. "*" for a Party body; empty for a short rule.'),
    )
    signing_authority = models.TextField(
        _("signing authority"), blank=True, help_text=_("One line each, e.g. TM. ỦY BAN NHÂN DÂN.")
    )
    signer_title = models.CharField(_("signer's title"), max_length=120)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("letterhead by kind of unit")
        verbose_name_plural = _("letterheads by kind of unit")
        ordering = ["kind", "-name_starts", "-level", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name_starts", "level"], name="letterheadrule_kind_name_level"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        from .letterheads import template_problems

        template_problems(self)


class SuccessionShare(CountedModel):
    """How a unit split among several successors hands its figures on to one of them.

    A unit with one successor hands it everything, with nothing to enter. For a split unit an
    administrator either marks one successor as the main one (it takes the whole value) or
    enters a weight per successor (e.g. the population of the part that went to it): each
    successor takes weight / sum of the weights. Without either, the successors share equally.
    Every figure a split entered is an estimate (`indicators.remapping`)."""

    predecessor = models.ForeignKey(
        OrgUnit,
        verbose_name=_("former unit"),
        on_delete=models.CASCADE,
        related_name="succession_shares",
    )
    successor = models.ForeignKey(
        OrgUnit, verbose_name=_("successor unit"), on_delete=models.CASCADE, related_name="+"
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "E.g. the population of the part that went to this successor; each successor "
            "takes its weight divided by the sum of the weights of the former unit."
        ),
    )
    is_main = models.BooleanField(
        _("main successor"),
        default=False,
        help_text=_("The main successor takes the whole value; weights are then not used."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    changed = staticmethod(units_changed)

    class Meta:
        verbose_name = _("succession share")
        verbose_name_plural = _("succession shares")
        ordering = ["predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="successionshare_pair"
            ),
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=Q(is_main=True),
                name="successionshare_one_main",
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=0),
                name="successionshare_weight_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.predecessor_id
            and self.successor_id
            and not self.predecessor.successors.filter(pk=self.successor_id).exists()
        ):
            raise ValidationError(
                {"successor": _("This unit is not a successor of the former unit.")}
            )
        if self.weight is None and not self.is_main:
            raise ValidationError(_("Enter a weight or mark the main successor."))

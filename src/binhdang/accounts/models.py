import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binhdang.memo import CountedModel, CountedQuerySet, generation

from .permissions import Role, Scope


def users_changed(pk=None) -> None:
    """Count on the generation the cached rows of users are kept under (`backends`): the one
    of user `pk`, or every user's when `pk` is None."""
    from binhdang.memo import next_generation

    from .backends import USERS_GENERATION, user_generation

    next_generation(USERS_GENERATION if pk is None else user_generation(pk))


class UserQuerySet(CountedQuerySet, models.QuerySet):
    """Every way to write users in bulk counts their generation on."""

    changed = staticmethod(users_changed)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        if self.pk is not None:
            users_changed(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        users_changed(self.pk)
        return super().delete(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


# The generation of the memberships: a user's memberships kept in the shared cache are kept
# under it (`scoping._memberships`), and every write of a membership counts it on.
MEMBERSHIPS_GENERATION = generation("accounts:memberships:generation")


def memberships_changed() -> None:
    from binhdang.memo import next_generation

    next_generation(MEMBERSHIPS_GENERATION)


class Membership(CountedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.UNIT)
    created_at = models.DateTimeField(auto_now_add=True)

    changed = staticmethod(memberships_changed)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "org_unit", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.org_unit}"


TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365


def token_default_expiry():
    return timezone.now() + timedelta(days=TOKEN_DEFAULT_DAYS)


def tokens_changed() -> None:
    """Count on the generation the cached rows of API tokens are kept under (`backends`)."""
    from binhdang.memo import next_generation

    from .backends import TOKENS_GENERATION

    next_generation(TOKENS_GENERATION)


class ApiToken(CountedModel):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once.

    A token works until it expires or is revoked; a revoked token is kept (not deleted) so
    the owner and their user managers still see when it stopped working and who stopped it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, default="cli")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=token_default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    changed = staticmethod(tokens_changed)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "cli", days: int = TOKEN_DEFAULT_DAYS) -> str:
        """Store a new token's digest and return the token (the only time it is known)."""
        return cls.issue_token(user, name, days)[1]

    @classmethod
    def issue_token(cls, user, name: str = "cli", days: int = TOKEN_DEFAULT_DAYS):
        token = "bd_" + secrets.token_urlsafe(32)
        api_token = cls.objects.create(
            user=user,
            name=name,
            digest=cls.hash(token),
            expires_at=timezone.now() + timedelta(days=days),
        )
        return api_token, token

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    def get_status_display(self) -> str:
        return {"revoked": _("revoked"), "expired": _("expired"), "active": _("active")}[
            self.status
        ]


class MoveStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class MembershipMove(models.Model):
    """A proposal to move a membership on a closed unit to a unit that took over from it,
    waiting for an administrator: nothing moves until one confirms it. The user, unit, role
    and scope are kept on the row, so a confirmed move still says what was moved after the old
    membership is gone."""

    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="moves"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_moves"
    )
    from_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("closed unit"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    candidates = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("successor units"), related_name="+"
    )
    proposed_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("proposed unit"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=MoveStatus.choices, default=MoveStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    moved_to = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("moved to"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("membership move")
        verbose_name_plural = _("membership moves")
        ordering = ["from_unit__path", "user__username", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=models.Q(status="proposed"),
                name="membershipmove_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.from_unit} -> {self.proposed_unit}"

"""Signing in with a user name and password or an API token, and the signed-in user read for
each request.

With a shared cache (`BINHDANG_SHARED_CACHE`) the user's row is kept there between requests,
under the users' generation (every bulk write of users counts it on) and the user's own (every
save or delete of that user): the request after a user is deactivated, changes password or is
deleted reads the row again, and is refused. An API token's row is kept the same way under the
tokens' generation (every save, delete and bulk write of a token): the call after a token is
revoked is refused; its expiry is compared with the clock on every call."""

import math
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import backends
from django.core.cache import cache
from django.utils import timezone

from binhdang.memo import generation, kept

USERS_GENERATION = generation("accounts:users:generation")
USER_SECONDS = 3600
TOKENS_GENERATION = generation("accounts:tokens:generation")
TOKEN_SECONDS = 3600
USE_RECORDED_EVERY = timedelta(minutes=1)


def user_generation(pk) -> str:
    return f"accounts:user:{pk}:generation"


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        if not settings.BINHDANG_SHARED_CACHE:
            return super().get_user(user_id)
        user = kept(
            f"accounts:user:{user_id}",
            (USERS_GENERATION, user_generation(user_id)),
            lambda: super(ModelBackend, self).get_user(user_id),
            USER_SECONDS,
        )
        return user if user is not None and self.user_can_authenticate(user) else None


def token_user(token: str):
    """The active user whose API token this is, or None when the token is unknown, revoked
    or expired, or its user may not sign in."""
    from .models import ApiToken

    digest = ApiToken.hash(token)

    def read():
        rows = ApiToken.objects.filter(digest=digest).values(
            "pk", "user_id", "expires_at", "revoked_at", "last_used_at"
        )[:1]  # the digest is unique: no ORDER BY
        return next(iter(rows), None)

    if settings.BINHDANG_SHARED_CACHE:
        row = kept(f"accounts:token:{digest}", (TOKENS_GENERATION,), read, TOKEN_SECONDS)
    else:
        row = read()
    now = timezone.now()
    if row is None or row["revoked_at"] is not None or row["expires_at"] <= now:
        return None
    user = ModelBackend().get_user(row["user_id"])
    if user is None:
        return None
    _record_use(row, digest, now)
    return user


# The tokens whose use this process has seen recorded (or recorded itself) within the last
# minute, by digest -> time.monotonic(): no call to the shared cache for those.
_use_seen: dict[str, float] = {}


def _record_use(row: dict, digest: str, now) -> None:
    """The token's last use, written at most once a minute: a write on every call would cost
    more than it tells. The time decides nothing, so writing it leaves the kept rows be. With
    a shared cache, one process in all writes it (the cache's add decides which), and a
    process asks the cache at most once a minute per token (the time written is then at most
    two minutes old)."""
    from .models import ApiToken

    if settings.BINHDANG_SHARED_CACHE:
        moment = time.monotonic()
        if moment - _use_seen.get(digest, -math.inf) < USE_RECORDED_EVERY.total_seconds():
            return
        if len(_use_seen) > 10_000:
            _use_seen.clear()
        _use_seen[digest] = moment
        due = cache.add(f"accounts:token:{row['pk']}:used", 1, USE_RECORDED_EVERY.seconds)
    else:
        due = row["last_used_at"] is None or now - row["last_used_at"] > USE_RECORDED_EVERY
    if due:
        ApiToken._base_manager.filter(pk=row["pk"]).update(last_used_at=now)

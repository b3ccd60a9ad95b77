"""Signing in with a user name and password, and the signed-in user read for each request.

With a shared cache (`BINHDANG_SHARED_CACHE`) the user's row is kept there between requests,
under the users' generation (every bulk write of users counts it on) and the user's own (every
save or delete of that user): the request after a user is deactivated, changes password or is
deleted reads the row again, and is refused."""

from django.conf import settings
from django.contrib.auth import backends
from django.core.cache import cache

from binhdang.memo import generations

USERS_GENERATION = "accounts:users:generation"
USER_SECONDS = 3600


def user_generation(pk) -> str:
    return f"accounts:user:{pk}:generation"


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        if not settings.BINHDANG_SHARED_CACHE:
            return super().get_user(user_id)
        tokens = generations(USERS_GENERATION, user_generation(user_id))
        key = f"accounts:user:{user_id}:{':'.join(tokens)}"
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            cache.set(key, user, USER_SECONDS)
        return user if self.user_can_authenticate(user) else None

"""The /api/v1/ API: one NinjaAPI, with the router of each installed app's api module."""

from datetime import timedelta

from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from binhdang.accounts.models import ApiToken
from binhdang.core.registry import api_routers


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from `binhdang create-token`."""

    def authenticate(self, request, token):
        digest = ApiToken.hash(token)
        now = timezone.now()
        # An expired or revoked token is refused like an unknown one (401). The digest is
        # unique: one row at most, read without the ORDER BY of `first()`.
        found = ApiToken.objects.select_related("user").filter(
            digest=digest, revoked_at__isnull=True, expires_at__gt=now
        )[:1]
        api_token = next(iter(found), None)
        if api_token is None or not api_token.user.is_active:
            return None
        # Recorded at most once a minute: a write on every call would cost more than it tells.
        if api_token.last_used_at is None or now - api_token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="binhdang API",
    version="1",
    description="Directives, reporting rounds, submissions, indicators and org units.",
    auth=[TokenAuth(), django_auth],
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)

# Every installed app with a router in its api.py (core.registry.api_routers).
for prefix, router in api_routers():
    api.add_router(f"/{prefix}", router)

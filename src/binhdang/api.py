"""The /api/v1/ API: one NinjaAPI, with the router of each installed app's api module."""

from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from binhdang.accounts.backends import token_user
from binhdang.core.registry import api_routers


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from `binhdang create-token`."""

    def authenticate(self, request, token):
        # An expired or revoked token is refused like an unknown one (401).
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


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

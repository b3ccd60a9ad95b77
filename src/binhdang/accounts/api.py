from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from binhdang.core.api import MAX_ID, ErrorOut

from . import selectors, services
from .selectors import own_memberships

router = Router(tags=["accounts"])
PREFIX = "me"


class MembershipOut(Schema):
    org_unit_id: int
    org_unit_name: str
    role: str
    scope: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    memberships: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: str = Field(..., description="active, expired or revoked")


class UserIn(Schema):
    username: str = Field(..., max_length=150)
    full_name: str = Field(..., max_length=200)
    email: str = Field(..., max_length=254)
    org_unit_id: int = Field(..., ge=1, le=MAX_ID)
    role: str = Field(..., max_length=32, description="standing_office, leader, unit_head, …")
    scope: str = Field("unit", max_length=16, description="unit or subtree")


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    memberships: list[MembershipOut]


def _memberships(user) -> list[dict]:
    return [
        {
            "org_unit_id": m.org_unit_id,
            "org_unit_name": m.org_unit.name,
            "role": m.role,
            "scope": m.scope,
        }
        for m in own_memberships(user)
    ]


def _token(t) -> dict:
    return {
        "id": t.pk,
        "name": t.name,
        "created_at": t.created_at,
        "expires_at": t.expires_at,
        "last_used_at": t.last_used_at,
        "revoked_at": t.revoked_at,
        "status": t.status,
    }


@router.get("", response=MeOut, summary="The current user and their roles")
def me(request):
    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "memberships": _memberships(user),
    }


@router.get("/tokens", response=list[TokenOut], summary="The caller's own API tokens")
def my_tokens(request):
    return [_token(t) for t in selectors.tokens_of(request.user)[:500]]


@router.post(
    "/tokens/{token_id}/revoke",
    response={200: TokenOut, 400: ErrorOut, 404: ErrorOut},
    summary="Revoke an API token of the caller or of a user of the caller's units",
)
def revoke_token(request, token_id: int = Path(..., ge=1, le=MAX_ID)):
    api_token = selectors.token_for(request.user, token_id)
    try:
        api_token = services.token_revoke(actor=request.user, api_token=api_token)
    except services.AccountError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _token(api_token))


@router.get(
    "/users/{user_id}/tokens",
    response={200: list[TokenOut], 404: ErrorOut},
    summary="The API tokens of a user of the caller's units",
)
def user_tokens(request, user_id: int = Path(..., ge=1, le=MAX_ID)):
    owner = selectors.managed_user(request.user, user_id)
    return Status(200, [_token(t) for t in selectors.tokens_of(owner)[:500]])


@router.post(
    "/users",
    response={201: UserOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Create a user with one role on a unit of the caller's",
    description="The role and scope may never exceed the caller's own: 403 with the reason.",
)
def create_user(request, payload: UserIn):
    unit = selectors.unit_managed_by(request.user, payload.org_unit_id)
    if unit is None:
        return Status(404, {"detail": _("You may not manage the accounts of this unit.")})
    try:
        user = services.user_create(
            actor=request.user,
            username=payload.username,
            full_name=payload.full_name,
            email=payload.email,
            org_unit=unit,
            role=payload.role,
            scope=payload.scope,
            request=request,
        )
    except services.GrantRefused as exc:
        return Status(403, {"detail": str(exc)})
    except services.AccountError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(
        201,
        {
            "id": user.pk,
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "memberships": _memberships(user),
        },
    )

from ninja import Router, Schema

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


@router.get("", response=MeOut, summary="The current user and their roles")
def me(request):
    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "memberships": [
            {
                "org_unit_id": m.org_unit_id,
                "org_unit_name": m.org_unit.name,
                "role": m.role,
                "scope": m.scope,
            }
            for m in own_memberships(user)
        ],
    }

from binhdang.accounts.models import ApiToken, MembershipMove
from tests.permission_matrix import ApiCase, Case, everyone


def _move(w):
    """A proposal to move reporter B from commune B to commune A."""
    membership = w.reporter_b.memberships.get()
    move = MembershipMove.objects.create(
        membership=membership,
        user=w.reporter_b,
        from_unit=w.commune_b,
        role=membership.role,
        scope=membership.scope,
        proposed_unit=w.commune_a,
    )
    move.candidates.set([w.commune_a])
    return {"pk": move.pk}


MOVE_MANAGERS = {"standing_office": 200, "head_a": 200, "admin": 200}

CASES = [
    Case("accounts:moves", allowed=MOVE_MANAGERS),
    # No unit chosen: those shown the move are sent back with the reason (302).
    Case(
        "accounts:move_confirm",
        method="post",
        kwargs=_move,
        allowed={"standing_office": 302, "head_a": 302, "admin": 302},
    ),
    # Head A and the standing office may not give B's role (302 with the reason); the
    # administrator leaves the membership as it is (302).
    Case(
        "accounts:move_reject",
        method="post",
        kwargs=_move,
        allowed={"standing_office": 302, "head_a": 302, "admin": 302},
    ),
    Case("accounts:profile", allowed=everyone()),
    Case("accounts:password_change", allowed=everyone()),
    # A unit head manages their own unit's accounts (reporters and viewers).
    Case("accounts:users", allowed={"standing_office": 200, "head_a": 200, "admin": 200}),
    Case("accounts:tokens", allowed=everyone()),
    Case(
        "accounts:user_tokens",
        kwargs=lambda w: {"user_id": w.reporter_a.pk},
        allowed={"standing_office": 200, "head_a": 200, "admin": 200},
    ),
    Case(
        "accounts:token_revoke",
        method="post",
        kwargs=lambda w: {"pk": ApiToken.issue_token(w.reporter_b, "matrix")[0].pk},
        # B's own key: its owner revokes it; the district's standing office and the administrator,
        # who come later in the persona order, find it revoked already and are sent back with a
        # message (302); everyone else finds no such key.
        allowed={"reporter_b": 302, "standing_office": 302, "admin": 302},
    ),
    Case(
        "accounts:membership_remove",
        method="post",
        kwargs=lambda w: {"pk": w.reporter_b.memberships.get().pk},
        # Only the district's standing office manages B's users (the administrator, who comes
        # later in the persona order, then finds the membership gone: 404).
        allowed={"standing_office": 302},
        denied_status=404,
    ),
]

API_CASES = [
    ApiCase("get", "/api/v1/me", allowed=everyone()),
    ApiCase("get", "/api/v1/me/tokens", allowed=everyone()),
    ApiCase(
        "get",
        "/api/v1/me/users/{user_id}/tokens",
        params=lambda w: {"user_id": w.reporter_a.pk},
        allowed={"standing_office": 200, "head_a": 200, "admin": 200},
    ),
    ApiCase(
        "post",
        "/api/v1/me/tokens/{token_id}/revoke",
        params=lambda w: {"token_id": ApiToken.issue_token(w.reporter_b, "matrix")[0].pk},
        # Its owner revokes it; the office and the administrator, later in the persona order,
        # find it revoked already (400); everyone else finds no such key.
        allowed={"reporter_b": 200, "standing_office": 400, "admin": 400},
    ),
    ApiCase(
        "post",
        "/api/v1/me/users",
        # No user name: refused by those who manage commune A's accounts (400), nothing
        # created; the unit is out of everyone else's reach (404).
        body=lambda w: {
            "username": "",
            "full_name": "Matrix",
            "email": "matrix@example.org",
            "org_unit_id": w.commune_a.pk,
            "role": "viewer",
        },
        allowed={"standing_office": 400, "head_a": 400, "admin": 400},
    ),
]

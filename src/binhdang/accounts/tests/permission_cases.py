from tests.permission_matrix import ApiCase, Case, everyone

CASES = [
    Case("accounts:profile", allowed=everyone()),
    Case("accounts:password_change", allowed=everyone()),
    Case("accounts:users", allowed={"standing_office": 200, "admin": 200}),
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
]

from tests.permission_matrix import Case, everyone

CASES = [
    Case("notifications:list", allowed=everyone()),
    Case("notifications:read_all", method="post", allowed=everyone(302), denied_status=302),
    Case(
        "notifications:open",
        method="post",
        kwargs=lambda w: {"pk": w.reporter_a.notifications.create(title="Nhắc báo cáo").pk},
        allowed={"reporter_a": 302},
    ),
]

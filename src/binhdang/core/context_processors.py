from django.urls import NoReverseMatch, reverse

from binhdang.accounts.scoping import has_permission
from binhdang.notifications.selectors import unread_count

from .registry import NAV


def shell(request):
    """Navigation for the signed-in user, and the unread-notification count."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_entries": []}
    entries = []
    for entry in NAV:
        if entry.permission:
            wanted = (entry.permission,) if isinstance(entry.permission, str) else entry.permission
            if not any(has_permission(user, p) for p in wanted):
                continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": entry.label, "url": url, "active": request.path.startswith(url)})
    return {"nav_entries": entries, "unread_notifications": unread_count(user)}

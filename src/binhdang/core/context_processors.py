from django.urls import NoReverseMatch, reverse

from binhdang.notifications.selectors import UNREAD_SHOWN, unread_count

from .registry import NAV


def shell(request):
    """Navigation for the signed-in user, and the unread-notification count."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_entries": []}
    entries = []
    for entry in NAV:
        if not entry.shown_to(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": entry.label, "url": url, "active": request.path.startswith(url)})
    unread = unread_count(user)
    return {
        "nav_entries": entries,
        "unread_notifications": unread,
        "unread_shown": UNREAD_SHOWN if unread > UNREAD_SHOWN else None,
    }

"""The project's error pages, in Vietnamese first: 404, 500, a refused request (400/413) and
the CSRF failure, as a page for people and as JSON for the API and the pages' own scripts."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def wants_json(request) -> bool:
    """The API, and the pages' scripts (autosave sends X-Requested-With), read JSON."""
    accept = request.headers.get("Accept", "")
    return (
        request.path.startswith("/api/")
        or bool(request.headers.get("X-Requested-With"))
        or (accept.startswith("application/json"))
    )


def refuse(request, status: int, title: str, message: str):
    """A refused request: `{"detail": ...}` (with "ok"/"error" for the pages' scripts) or a
    page saying what happened and what to do; nothing was saved."""
    if wants_json(request):
        return JsonResponse({"ok": False, "detail": message, "error": message}, status=status)
    return render(request, "core/refused.html", {"title": title, "message": message}, status=status)


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)


def bad_request(request, exception=None):
    return refuse(
        request,
        400,
        _("The request could not be understood"),
        _("The data sent could not be read. Reload the page and try again."),
    )


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually a form left open past the session, or cookies blocked."""
    return refuse(
        request,
        403,
        _("The form has expired"),
        _(
            "For your security the form could not be accepted: it was opened too long ago, "
            "or you signed out and in again meanwhile, or the browser blocks cookies for this "
            "site. Reload the page, then send the form again."
        ),
    )

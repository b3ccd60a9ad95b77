"""Shell middleware: a clear "try again" page while the database is unreachable, and the
Vietnamese-first language choice."""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if isinstance(exception, DatabaseError) and "locked" in str(exception).lower():
            log.warning("database busy: %s", exception)
        else:
            log.error("database unavailable: %s", exception)
        # Drop broken connections so the next request reconnects by itself.
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        html = render_to_string("core/unavailable.html", request=None)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "10"
        return response


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many officials run
    an English-language browser; they still expect the Vietnamese interface. Only the
    language cookie set by the switcher changes it.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

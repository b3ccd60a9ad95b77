"""A clear "try again" page while the database is unreachable, instead of a stack trace."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

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

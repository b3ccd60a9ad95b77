"""Shell middleware: a clear "try again" page while the database is unreachable, the
Vietnamese-first language choice, one gate for the text that comes in, and the store of what
a request computes once."""

import io
import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from binhdang.formats.numbers import parse_id
from binhdang.formats.text import control_characters_message, has_control_characters, nfc
from binhdang.memo import request_memo

from .errors import refuse

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


class RequestMemoMiddleware:
    """Opens the store of what one request computes once (`binhdang.memo`), closed when the
    response is ready: nothing kept there reaches the next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo():
            return self.get_response(request)


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


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or content_type.endswith("+json")


def _is_field_name(name: str) -> bool:
    """Every field a page renders has a printable ASCII name; anything else (a control
    character, "c_²" whose digit int() cannot read) was never rendered here."""
    return name.isascii() and name.isprintable()


def _is_secret(name: str) -> bool:
    # Passwords are hashed, never stored as text; they are passed on exactly as typed.
    return "password" in name.lower()


def _strings(value):
    """Every string of a parsed JSON document, keys included (iteratively: a deeply nested
    body must not exhaust the stack)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class TextInputMiddleware:
    """The one gate for text typed into the application, for every page, the API and the
    admin alike, so no view has to remember it:

    - a field name or value (query string, form or JSON body) holding a control character
      other than tab, line feed and carriage return is refused with a 400 in Vietnamese
      (PostgreSQL cannot store NUL; Word and PDF documents break on the others), before any
      view runs, so nothing is stored;
    - form and JSON text is put in Unicode NFC, so "Phú" typed as u + combining accent is
      the same text as "Phú" typed composed (labels, names and searches compare equal);
    - a body over the limits (DATA_UPLOAD_MAX_MEMORY_SIZE for form fields and JSON, the
      upload limit plus that for a multipart body) or with too many fields gets a Vietnamese
      page, or JSON for the API and the pages' own scripts, instead of Django's bare 400.

    Uploaded files are not text: their content is never inspected here (core.uploads checks
    them), and their names are made safe by `safe_filename`. Placed after the authentication
    middleware (the refusal page shows the usual header) and before any view middleware
    reads the body (CSRF reads it in process_view, which runs after this)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = self._inspect(request)
        except RequestDataTooBig:
            refused = refuse(request, 413, _("The data sent is too large"), self._too_big())
        except MultiPartParserError:
            refused = refuse(
                request,
                400,
                _("The form could not be read"),
                _("The form data arrived incomplete or damaged. Please send it again."),
            )
        except (TooManyFieldsSent, TooManyFilesSent):
            refused = refuse(
                request,
                400,
                _("The form has too many fields"),
                _("The form sent has too many fields or files. Send it in smaller parts."),
            )
        if refused is not None:
            return refused
        return self.get_response(request)

    @staticmethod
    def _too_big() -> str:
        from binhdang.formats.numbers import format_number

        limit = settings.BINHDANG_MAX_UPLOAD_BYTES / (1024 * 1024)
        return _(
            "The data sent is larger than the application accepts (files up to %(mb)s MB). "
            "Send a smaller file, or split the text into several parts."
        ) % {"mb": format_number(limit, 0)}

    def _inspect(self, request):
        for key, values in request.GET.lists():
            if not _is_field_name(key):
                return self._refuse_field_name(request)
            if any(has_control_characters(v) for v in values):
                return self._refuse_text(request)
        if request.method not in WRITE_METHODS:
            return None
        content_type = request.content_type or ""
        length = request.META.get("CONTENT_LENGTH") or ""
        limit = settings.BINHDANG_MAX_UPLOAD_BYTES + (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        if (declared := parse_id(length)) is not None and declared > limit:
            raise RequestDataTooBig
        if content_type in FORM_TYPES:
            return self._inspect_form(request, content_type)
        if _is_json(content_type):
            return self._inspect_json(request)
        return None

    def _refuse_field_name(self, request):
        return refuse(
            request,
            400,
            _("The form could not be read"),
            _(
                "The form sent holds a field this page does not have. Reload the page and try again."
            ),
        )

    def _refuse_text(self, request):
        return refuse(request, 400, _("The text cannot be stored"), control_characters_message())

    def _inspect_form(self, request, content_type: str):
        if request.method == "POST":
            data = request.POST  # for multipart: the text fields only, files go to FILES
        elif content_type == "application/x-www-form-urlencoded":
            data = QueryDict(request.body, encoding=request.encoding)
        else:
            return None
        changed = False
        for key, values in data.lists():
            if not _is_field_name(key):
                return self._refuse_field_name(request)
            if _is_secret(key):
                continue
            for value in values:
                if has_control_characters(value):
                    return self._refuse_text(request)
                changed = changed or nfc(value) != value
        if changed and request.method == "POST":
            normalised = QueryDict(mutable=True, encoding=request.encoding)
            for key, values in data.lists():
                normalised.setlist(key, values if _is_secret(key) else [nfc(v) for v in values])
            normalised._mutable = False
            request.POST = normalised
        return None

    def _inspect_json(self, request):
        try:
            text = request.body.decode("utf-8")
            document = json.loads(text)
        except (UnicodeDecodeError, ValueError):
            return None  # not JSON after all: the view answers as it does for any bad body
        if any(has_control_characters(s) for s in _strings(document)):
            return self._refuse_text(request)
        # JSON syntax is ASCII, so composing the raw text changes only what is inside strings.
        normalised = nfc(text)
        if normalised != text:
            request._body = normalised.encode("utf-8")
            request._stream = io.BytesIO(request._body)
        return None

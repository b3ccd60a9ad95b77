from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.html import format_html_join

from .selectors import visit_units


@login_required
def index(request):
    units = list(visit_units(request.user))
    if not units:
        raise Http404
    return HttpResponse(format_html_join("", "<p>{}</p>", ((u.name,) for u in units)))

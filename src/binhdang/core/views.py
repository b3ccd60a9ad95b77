from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from binhdang.accounts.scoping import home_units

from .registry import WORK_PROVIDERS


@login_required
def home(request):
    """ "My work": what is due for the user's units, soonest deadline first."""
    items = []
    for provider in WORK_PROVIDERS:
        items.extend(provider(request.user))
    items.sort(key=lambda i: (i.due is None, i.due or 0, i.sort_key))
    return render(
        request, "core/home.html", {"work_items": items, "my_units": home_units(request.user)}
    )


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database is "unhealthy"
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from binhdang.accounts.scoping import home_units, scope_generations
from binhdang.memo import kept
from binhdang.orgunits.models import OrgUnit
from binhdang.orgunits.selectors import unit_place_labels

from .registry import MAX_WORK_ITEMS, WORK_KEPT_UNDER, WORK_PROVIDERS, WorkItem, WorkKind

HOME_ROWS = 5  # rows of each kind of work on the home page; its full list has them all


@dataclass
class WorkRow:
    item: WorkItem
    unit: str  # "Phòng Y tế huyện · Huyện Vị Xuyên"


@dataclass
class WorkGroup:
    kind: WorkKind
    rows: list[WorkRow] = field(default_factory=list)
    shown: list[WorkRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def more(self) -> bool:
        return len(self.shown) < len(self.rows)


def _app_kind(provider) -> WorkKind:
    """The group of the items a provider gives without a kind: its app's."""
    config = apps.get_containing_app_config(provider.__module__)
    if config is None:
        return WorkKind("other", "…", order=1000)
    return WorkKind(config.label, config.verbose_name, order=500)


# How long a provider's items are kept at most: an item's words may follow the clock within a
# day ("Overdue" from its due date on), which the key's day alone would not.
WORK_SECONDS = 600


def work_key(provider, user) -> str:
    """Where a provider's items for `user` are kept: per user, language and day."""
    return ":".join(
        (
            "core:work",
            f"{provider.__module__}.{provider.__qualname__}",
            str(user.pk),
            get_language() or "",
            timezone.localdate().isoformat(),
        )
    )


def provider_items(provider, user) -> list[WorkItem]:
    """`provider(user)`, up to MAX_WORK_ITEMS; with a shared cache, kept at `work_key` under
    the generations the provider names (`register_work_provider`) and the user's scope. A
    provider naming none is asked every time."""
    names = WORK_KEPT_UNDER.get(provider)
    if not names or not settings.BINHDANG_SHARED_CACHE:
        return list(provider(user)[:MAX_WORK_ITEMS])
    return kept(
        work_key(provider, user),
        (*names, *scope_generations(user)),
        lambda: list(provider(user)[:MAX_WORK_ITEMS]),
        WORK_SECONDS,
    )


def work_groups(user, only: str = "") -> list[WorkGroup]:
    """What `user` must act on, one group per kind of work (in the kinds' order), each
    soonest deadline first; `only` keeps the group of that key, every row shown."""
    groups: dict[str, WorkGroup] = {}
    for provider in WORK_PROVIDERS:
        fallback = _app_kind(provider)
        for item in provider_items(provider, user):
            kind = item.kind or fallback
            if only and kind.key != only:
                continue
            groups.setdefault(kind.key, WorkGroup(kind)).rows.append(WorkRow(item, ""))
    units = {
        row.item.unit.pk: row.item.unit
        for group in groups.values()
        for row in group.rows
        if isinstance(row.item.unit, OrgUnit)
    }
    labels = unit_place_labels(list(units.values()))
    for group in groups.values():
        for row in group.rows:
            unit = row.item.unit
            row.unit = labels[unit.pk] if isinstance(unit, OrgUnit) else str(unit or "")
        group.rows.sort(key=lambda r: (r.item.due is None, r.item.due or 0, r.item.sort_key))
        group.shown = group.rows if only else group.rows[:HOME_ROWS]
    # The group with the soonest deadline first; groups without deadlines in the kinds' order.
    return sorted(groups.values(), key=_group_order)


def _group_order(group: WorkGroup) -> tuple:
    dues = [row.item.due for row in group.rows if row.item.due is not None]
    return (not dues, min(dues) if dues else 0, group.kind.order, str(group.kind.label))


@login_required
def home(request):
    """ "My work": what the user must act on, grouped by kind of work with a count, the first
    rows of each and a link to its full list (`?work=<kind>`)."""
    only = request.GET.get("work", "")[:64]
    groups = work_groups(request.user, only)
    return render(
        request,
        "core/home.html",
        {
            "groups": groups,
            "only": groups[0] if only and groups else None,
            "my_units": home_units(request.user),
        },
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

"""The figures the activity records give the round's number fields and the indicators.

Each is one aggregate query over the given units' own activities whose start date lies in
the window. A session ("buổi tuyên truyền") is an activity of a gathering channel
(`models.SESSION_CHANNELS`: meeting or talk, contest); participants are the people who
attended sessions (broadcasts, posts and printed products reach people who did not take part).
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import SESSION_CHANNELS, Activity

SESSIONS = Q(channel__in=SESSION_CHANNELS)


def _window(qs, start: date | None, end: date | None):
    if start is not None:
        qs = qs.filter(starts_on__gte=start)
    if end is not None:
        qs = qs.filter(starts_on__lte=end)
    return qs


def _aggregate(expression, condition: Q | None = None):
    def compute(unit_ids: Sequence[int], start: date | None, end: date | None):
        qs = _window(Activity.objects.filter(org_unit_id__in=list(unit_ids)), start, end)
        if condition is not None:
            qs = qs.filter(condition)
        rows = qs.order_by().values("org_unit").annotate(value=expression)
        return {r["org_unit"]: Decimal(r["value"] or 0) for r in rows}

    return compute


def records_url(unit_id: int, start: date | None, end: date | None, **extra) -> str:
    query = {"unit": unit_id, **extra}
    if start is not None:
        query["date_from"] = start.isoformat()
    if end is not None:
        query["date_to"] = end.isoformat()
    return reverse("communication:list") + "?" + urlencode(query)


def _sessions_url(unit_id, start, end) -> str:
    return records_url(unit_id, start, end, sessions="1")


def _law_sessions_url(unit_id, start, end) -> str:
    return records_url(unit_id, start, end, sessions="1", topic="law")


compute_sessions = _aggregate(Count("id"), SESSIONS)
# The indicator QD1790-1 counts sessions disseminating the law: sessions with that topic.
compute_law_sessions = _aggregate(Count("id"), SESSIONS & Q(topics__contains=",law,"))
compute_participants = _aggregate(Sum("audience_total"), SESSIONS)
compute_participants_women = _aggregate(Sum("audience_women"), SESSIONS)
compute_participants_ethnic = _aggregate(Sum("audience_ethnic"), SESSIONS)
compute_leaflets = _aggregate(Sum("leaflets"))

FIGURES = (
    ("communication.sessions", _("Communication sessions held (from the activity records)"),
     compute_sessions, _sessions_url, "buổi", "", 10),
    ("communication.law_sessions", _("Sessions on the Law on Gender Equality (from the activity records)"),
     compute_law_sessions, _law_sessions_url, "buổi", "GE_LAW_SESSIONS", 15),
    ("communication.participants", _("People attending communication sessions (from the activity records)"),
     compute_participants, _sessions_url, "lượt người", "", 11),
    ("communication.participants_women", _("Women attending communication sessions (from the activity records)"),
     compute_participants_women, _sessions_url, "lượt người", "", 12),
    ("communication.participants_ethnic", _("Ethnic-minority people attending communication sessions (from the activity records)"),
     compute_participants_ethnic, _sessions_url, "lượt người", "", 13),
    ("communication.leaflets", _("Leaflets handed out (from the activity records)"),
     compute_leaflets, records_url, "tờ", "", 14),
)  # fmt: skip


def register() -> None:
    from binhdang.core.registry import Figure, register_figure

    for key, label, compute, url, uom, element, order in FIGURES:
        register_figure(
            Figure(
                key=key,
                label=label,
                compute=compute,
                records_url=url,
                unit_of_measure=uom,
                data_element=element,
                order=order,
            )
        )

"""The figures the leadership records count, for the round's number fields and the strategy's
indicators (`core.registry.Figure`): a unit's own records, the latest date in the window.

Counts are states, not flows: for a window, each unit's figure is read from its latest
recorded date within it (one query per figure, the date found by a correlated subquery)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db.models import CharField, Count, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import STATE_BODY_KINDS, CouncilDeputies, LeadershipPost, LeaderTraining, Term


def _window(start: date | None, end: date | None, field: str = "as_of") -> Q:
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": start})
    if end is not None:
        q &= Q(**{f"{field}__lte": end})
    return q


def _latest(model, unit_ids, start, end, extra: Q | None = None):
    window = _window(start, end)
    latest = (
        model.objects.filter(window, org_unit=OuterRef("org_unit"))
        .order_by("-as_of")
        .values("as_of")[:1]
    )
    qs = model.objects.filter(window, org_unit_id__in=list(unit_ids))
    if extra is not None:
        qs = qs.filter(extra)
    return qs.filter(as_of=Subquery(latest)).values("org_unit").order_by()


def _as_dict(rows) -> dict[int, Decimal]:
    return {row["org_unit"]: Decimal(row["n"] or 0) for row in rows}


def key_posts(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    """People in the key leadership posts (heads and deputies) of every body of the unit."""
    return _as_dict(_latest(LeadershipPost, unit_ids, start, end).annotate(n=Sum("total")))


def key_posts_women(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    return _as_dict(_latest(LeadershipPost, unit_ids, start, end).annotate(n=Sum("women")))


def _body():
    return Concat("body_kind", Value("|"), "body_name", output_field=CharField())


def state_bodies(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    """State management agencies and local-government bodies (People's Council, People's
    Committee, specialised departments) the unit recorded."""
    state = Q(body_kind__in=STATE_BODY_KINDS)
    return _as_dict(
        _latest(LeadershipPost, unit_ids, start, end, state).annotate(
            n=Count(_body(), distinct=True)
        )
    )


def state_bodies_with_woman(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    """Those of them with a woman in a key leadership post (head or deputy)."""
    state = Q(body_kind__in=STATE_BODY_KINDS)
    return _as_dict(
        _latest(LeadershipPost, unit_ids, start, end, state).annotate(
            n=Count(_body(), distinct=True, filter=Q(women__gt=0))
        )
    )


def _deputies(unit_ids, start, end, column: str) -> dict[int, Decimal]:
    term = Q(term=Term.T2021)
    return _as_dict(_latest(CouncilDeputies, unit_ids, start, end, term).annotate(n=Sum(column)))


def deputies(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    """People's Council deputies of the 2021-2026 term."""
    return _deputies(unit_ids, start, end, "total")


def deputies_women(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    return _deputies(unit_ids, start, end, "women")


def _training(unit_ids, start, end, column: str) -> dict[int, Decimal]:
    rows = (
        LeaderTraining.objects.filter(
            _window(start, end, "held_on"), org_unit_id__in=list(unit_ids)
        )
        .values("org_unit")
        .order_by()
        .annotate(n=Sum(column))
    )
    return _as_dict(rows)


def trainees(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    """People trained in the courses for women leaders, women in the planning and deputies."""
    return _training(unit_ids, start, end, "participants")


def trainees_women(unit_ids: Sequence[int], start=None, end=None) -> dict[int, Decimal]:
    return _training(unit_ids, start, end, "women")


def _url(kind: str):
    def url(unit_id: int, start: date | None, end: date | None) -> str:
        query = f"?unit={unit_id}"
        if end is not None or start is not None:
            query += f"&year={(end or start).year}"
        return reverse("leadership:list", kwargs={"kind": kind}) + query

    return url


# (key, label, compute, records, unit of measure, data element, disaggregation, order)
FIGURES = [
    ("leadership.key_posts", _("Key leadership posts held (from the leadership records)"),
     key_posts, "posts", _("people"), "KEY_LEADERS", "total", 60),
    ("leadership.key_posts_women", _("Key leadership posts held by women (from the leadership records)"),
     key_posts_women, "posts", _("people"), "KEY_LEADERS", "female", 61),
    ("leadership.state_bodies", _("State agencies and local-government bodies (from the leadership records)"),
     state_bodies, "posts", _("bodies"), "AGENCY_TOTAL", "total", 62),
    ("leadership.state_bodies_with_woman", _("Of them with a woman key leader (from the leadership records)"),
     state_bodies_with_woman, "posts", _("bodies"), "AGENCY_WOMAN_LEADER", "total", 63),
    ("leadership.deputies", _("People's Council deputies 2021-2026 (from the leadership records)"),
     deputies, "deputies", _("people"), "COUNCIL_DEPUTIES", "total", 64),
    ("leadership.deputies_women", _("Women People's Council deputies 2021-2026 (from the leadership records)"),
     deputies_women, "deputies", _("people"), "COUNCIL_DEPUTIES", "female", 65),
    ("leadership.trainees", _("People trained in the courses for women leaders (from the leadership records)"),
     trainees, "training", _("people"), "", "total", 66),
    ("leadership.trainees_women", _("Women trained in the courses for women leaders (from the leadership records)"),
     trainees_women, "training", _("people"), "", "total", 67),
]  # fmt: skip


def register() -> None:
    from binhdang.core import registry

    for key, label, compute, kind, measure, element, option, order in FIGURES:
        registry.register_figure(
            registry.Figure(
                key=key,
                label=label,
                compute=compute,
                records_url=_url(kind),
                unit_of_measure=measure,
                data_element=element,
                disaggregation=option,
                order=order,
            )
        )

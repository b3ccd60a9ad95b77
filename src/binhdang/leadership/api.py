"""/api/v1/leadership/: the leadership records, scoped exactly like the pages.

`kind` is one of posts, people, deputies, planning, training; values are given and returned
by field name (dates as "2023-12-31" or "31/12/2023", counts as numbers or "1.234")."""

from django.http import Http404
from ninja import Router

from .api_records import add_routes
from .types import TYPES

router = Router(tags=["leadership"])
PREFIX = "leadership"


def _resolve(kind: str):
    rtype = TYPES.get(kind)
    if rtype is None:
        raise Http404
    return rtype


add_routes(router, TYPES, _resolve, "leadership")

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import (
    children_of,
    root_units,
    search_units,
    unit_for,
    visible_ancestors,
    visible_former_units,
    visible_successor_shares,
)


@login_required
def unit_tree(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query}
    if query:
        context["results"] = search_units(request.user, query)
    else:
        context["roots"] = root_units(request.user)[:200]
    return render(request, "orgunits/tree.html", context)


@login_required
def unit_detail(request, pk: int):
    unit = unit_for(request.user, pk)
    return render(
        request,
        "orgunits/detail.html",
        {
            "unit": unit,
            "ancestors": visible_ancestors(request.user, unit),
            "children": children_of(request.user, unit),
            "former_units": visible_former_units(request.user, unit),
            "successors": visible_successor_shares(request.user, unit),
        },
    )

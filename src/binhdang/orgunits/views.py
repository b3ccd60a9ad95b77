from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import children_of, root_units, search_units, unit_for, visible_units


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
    visible = visible_units(request.user)
    return render(
        request,
        "orgunits/detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors().filter(pk__in=visible.values("pk")).exclude(pk=unit.pk),
            "children": children_of(request.user, unit),
            "legacy_sources": unit.get_legacy_sources().filter(pk__in=visible.values("pk")),
            "successors": unit.successors.filter(pk__in=visible.values("pk")),
        },
    )

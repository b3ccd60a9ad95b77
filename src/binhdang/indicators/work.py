"""The "my work" entries of this app: assessments a lead unit still owes for last year."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.core.registry import WorkItem, WorkKind

from .selectors import due_assessments

ASSESSMENTS = WorkKind("indicator-assessments", gettext_lazy("Indicator assessments"), order=40)


def assessments_due(user) -> list[WorkItem]:
    year = date.today().year - 1
    items = []
    for indicator, unit in due_assessments(user, year):
        items.append(
            WorkItem(
                title=_("Assess indicator %(code)s for %(year)s")
                % {"code": indicator.code, "year": year},
                url=reverse("indicators:assess", args=[unit.pk, indicator.code, year]),
                unit=unit,
                status=_("Assessment due"),
                status_css="warn",
                detail=indicator.name,
                sort_key=(indicator.order,),
                kind=ASSESSMENTS,
            )
        )
    return items

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binhdang.core.registry import WorkItem, WorkKind

from .selectors import visit_units

VISITS = WorkKind("field-visits", _("Field visits to record"), order=70)


def visits_to_record(user) -> list[WorkItem]:
    url = reverse("field_visits:index")
    return [
        WorkItem(title=f"Thăm hộ gia đình: {unit.name}", url=url, unit=unit, kind=VISITS)
        for unit in visit_units(user)
    ]

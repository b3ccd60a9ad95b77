"""The documents' contribution to "My work": consolidated reports still in draft, for those
who sign them (leaders) or finish them (the standing office)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.accounts.scoping import has_permission, units_for
from binhdang.core.registry import MAX_WORK_ITEMS, WorkItem, WorkKind

from .models import ConsolidatedReport, ReportStatus
from .permissions import REPORT_CONSOLIDATE, REPORT_SIGN

CONSOLIDATED = WorkKind("consolidated-reports", gettext_lazy("Consolidated reports"), order=30)


def reports_to_finish(user, limit: int = MAX_WORK_ITEMS) -> list[WorkItem]:
    if not (has_permission(user, REPORT_SIGN) or has_permission(user, REPORT_CONSOLIDATE)):
        return []  # signs and consolidates nowhere: no query
    owners = units_for(user, REPORT_SIGN) | units_for(user, REPORT_CONSOLIDATE)
    reports = (
        ConsolidatedReport.objects.filter(status=ReportStatus.DRAFT, round__owner_unit__in=owners)
        .select_related("round", "round__owner_unit")
        .order_by("round__deadline")[:limit]
    )
    return [
        WorkItem(
            title=_("Consolidated report: %(title)s") % {"title": report.round.title},
            url=reverse("documents:round", args=[report.round_id]),
            due=report.date,
            unit=report.round.owner_unit,
            status=report.get_status_display(),
            status_css="info",
            detail=_("Review the compiled text section by section, then finalise it for signing."),
            kind=CONSOLIDATED,
        )
        for report in reports
    ]

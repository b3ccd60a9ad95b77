from django.db.models import Q, QuerySet

from binhdang.accounts.scoping import units_for
from binhdang.audit.permissions import AUDIT_VIEW

from .display import ACTION_GROUPS
from .models import AuditEntry


def audit_entries_for(
    user, *, action="", actor="", object_type="", date_from=None, date_to=None, sensitive_only=False
) -> QuerySet[AuditEntry]:
    """Entries an administrator may read: all for a superuser, else those of units in scope."""
    if not user.is_authenticated:
        return AuditEntry.objects.none()
    if user.is_superuser:
        qs = AuditEntry.objects.all()
    else:
        units = units_for(user, AUDIT_VIEW)
        qs = AuditEntry.objects.filter(org_unit__in=units)
    if action.endswith("."):
        # A whole group: its prefix, and the actions listed under it (membership.delete is
        # a "user." action).
        listed = [c for prefix, _g, acts in ACTION_GROUPS if prefix == action for c, _l in acts]
        qs = qs.filter(Q(action__startswith=action) | Q(action__in=listed))
    elif action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(Q(actor_label__icontains=actor))
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if sensitive_only:
        qs = qs.filter(sensitive_read=True)
    return qs.select_related("org_unit")


def logged_actions() -> list[str]:
    """The distinct action codes in the log (for the filter's list)."""
    return list(AuditEntry.objects.order_by().values_list("action", flat=True).distinct())

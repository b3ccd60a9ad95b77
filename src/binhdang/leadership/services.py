"""Writes of the leadership records beyond one record's form: the counts computed from a
unit's list of leaders. (One record is saved with `records.save_record`.)"""

from django.db import transaction
from django.db.models import Count, Q

from binhdang.audit.services import record

from .models import Leader, LeadershipPost, Sex


def recount_from_list(*, actor, unit) -> int:
    """Replace the unit's counts on every date of its list of leaders with the counts of the
    list (`from_list`); counts left from a list no longer kept are removed. One audit entry.
    Returns the number of count rows written."""
    with transaction.atomic():
        groups = (
            Leader.objects.filter(org_unit=unit)
            .values("as_of", "level", "body_kind", "body_name", "post")
            .annotate(
                total=Count("pk"),
                women=Count("pk", filter=Q(sex=Sex.FEMALE)),
                ethnic=Count("pk", filter=Q(ethnic_minority=True)),
            )
            .order_by()
        )
        rows = [
            LeadershipPost(
                org_unit=unit,
                as_of=g["as_of"],
                level=g["level"],
                body_kind=g["body_kind"],
                body_name=g["body_name"],
                post=g["post"],
                total=g["total"],
                women=g["women"],
                ethnic_minority=g["ethnic"],
                from_list=True,
                updated_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            for g in groups
        ]
        dates = {r.as_of for r in rows}
        LeadershipPost.objects.filter(org_unit=unit).filter(
            Q(from_list=True) | Q(as_of__in=dates)
        ).delete()
        LeadershipPost.objects.bulk_create(rows)
        record(
            actor=actor,
            action="leadership.post.recount",
            org_unit=unit,
            changes={"rows": len(rows), "dates": sorted(d.isoformat() for d in dates)},
        )
    return len(rows)

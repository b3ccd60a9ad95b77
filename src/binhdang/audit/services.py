"""Writing to the audit log. Called by services inside their transaction."""

from typing import Any

from django.db import models
from django.utils import timezone

from binhdang.core.rows import create

from .context import client_ip, current_ip
from .models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    org_unit=None,
    changes: dict | None = None,
    sensitive_read: bool = False,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one entry. `changes` maps field -> [old, new] for writes, or any detail.

    Written out (`core.rows.create`, no signal): every state change of every record writes
    one, the reports sent on deadline day among them."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entry = create(
        AuditEntry,
        {
            "at": timezone.now(),
            "actor": actor.pk if authenticated else None,
            "actor_label": actor.get_username() if authenticated else "",
            "ip_address": ip_address or current_ip.get(),
            "action": action,
            "object_type": obj._meta.label_lower if obj is not None else "",
            "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
            "object_repr": str(obj)[:300] if obj is not None else "",
            "org_unit": getattr(org_unit, "pk", org_unit),
            "changes": _jsonable(changes or {}),
            "sensitive_read": sensitive_read,
        },
    )
    if authenticated:
        entry.actor = actor
    return entry


def record_access(
    *,
    actor,
    obj: models.Model | None = None,
    org_unit=None,
    request=None,
    action: str = "access.read",
    details: dict | None = None,
) -> AuditEntry:
    """Append an access event: `actor` looked at `obj` (a sensitive record, or None for a
    listing) in `org_unit`, from the address of `request`. Entries are marked sensitive_read,
    so the audit log lists them under "access to sensitive records". Call it on every look at
    such a record, in the view that shows it (a read has no transaction of its own)."""
    return record(
        actor=actor,
        action=action,
        obj=obj,
        org_unit=org_unit,
        changes=details,
        sensitive_read=True,
        ip_address=client_ip(request) if request is not None else None,
    )


def diff(instance: models.Model, new_values: dict) -> dict:
    """Field -> [old, new] for the fields that change."""
    out = {}
    for field, new in new_values.items():
        old = getattr(instance, field)
        if old != new:
            out[field] = [old, new]
    return out

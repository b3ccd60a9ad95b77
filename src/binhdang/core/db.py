"""Reading dashboards from a PostgreSQL read replica, when one is configured.

Set BINHDANG_REPLICA_URL and the settings add a database alias `replica`. Views that only read
and may show data a fraction of a second old (dashboards, exports) are decorated with
`reads_from_replica`; inside them every read goes to the replica. Everything else, and every
write, goes to the primary. Without a replica the decorator changes nothing.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.db import connections

_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)
REPLICA = "replica"


@contextmanager
def reading_from_replica():
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


@contextmanager
def reading_from_primary():
    """Reads go to the primary, even inside `reads_from_replica` (what a cache keeps from one
    request to the next is read where the writes that count its generation on are)."""
    token = _use_replica.set(False)
    try:
        yield
    finally:
        _use_replica.reset(token)


def reads_from_replica(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with reading_from_replica():
            return view(request, *args, **kwargs)

    return wrapper


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and REPLICA in connections.databases:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA

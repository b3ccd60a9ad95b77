"""What one request computes once: values every part of a request asks for again (the closed
units' paths, for one) are kept for that request only, never from one request to the next.

`request_memo()` opens the store for the duration of a request (the shell's middleware);
outside it (commands, jobs, tests calling a selector directly) `remember` computes every time,
so nothing is kept where no request ends it. A change in the request that makes a kept value
wrong calls `forget`."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from uuid import uuid4

from django.db import models

_store: ContextVar[dict | None] = ContextVar("binhdang_request_memo", default=None)


@contextmanager
def request_memo() -> Iterator[dict]:
    token = _store.set({})
    try:
        yield _store.get()
    finally:
        _store.reset(token)


def remember[T](key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per request for `key`."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def forget(prefix: str) -> None:
    """Drop the request's kept values whose key starts with `prefix` (keys are tuples whose
    first item names what they hold)."""
    store = _store.get()
    if store:
        for key in [k for k in store if isinstance(k, tuple) and k and k[0] == prefix]:
            del store[key]


# ---------------------------------------------------------------- across requests
#
# What is kept in the shared cache from one request to the next is stored under the current
# token of each generation it depends on (the memberships, the unit tree). A write counts the
# generation on at once and again when its transaction commits: a reader that read the rows
# before the commit stored them under a token nobody asks for any more. What a transaction
# reads after writing such rows is not kept at all until it commits: it may be rolled back,
# and nothing would then count the generation on again.


def generations(*names: str) -> tuple[str, ...]:
    """The current token of each generation, one cache round trip (two when one is new)."""
    from django.core.cache import cache

    found = cache.get_many(names)
    missing = {name: uuid4().hex for name in names if name not in found}
    for name, token in missing.items():
        if not cache.add(name, token, None):
            missing[name] = cache.get(name) or token
    return tuple(found.get(name) or missing[name] for name in names)


def kept[T](key: str, names: tuple[str, ...], compute: Callable[[], T], seconds: int) -> T:
    """`compute()`, kept in the shared cache at `key` with the tokens of the generations
    `names` it was computed under, and computed again when one of them has moved on. One
    round trip when kept; None is never kept."""
    from django.core.cache import cache

    found = cache.get_many([*names, key])
    tokens = tuple(found.get(name) for name in names)
    if None in tokens:
        tokens = generations(*names)
    else:
        entry = found.get(key)
        if entry is not None and entry[0] == tokens:
            return entry[1]
    value = compute()
    if value is not None and not _written_in_open_transaction(names):
        cache.set(key, (tokens, value), seconds)
    return value


class _Bump:
    """Counting generation `name` on, now and when the transaction commits; `block` is the
    outermost transaction of the code's own that was open when it was written, if any."""

    def __init__(self, name: str, block):
        self.name, self.block = name, block

    def __call__(self) -> None:
        from django.core.cache import cache

        cache.set(self.name, uuid4().hex, None)


def next_generation(name: str) -> None:
    """Count `name` on now and once more when the current transaction commits."""
    from django.db import connection, transaction

    # A test's own transaction (Django's TestCase) is not the code's: what a test wrote before
    # its requests counts as committed, as Django's durable blocks also treat it.
    own = [b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)]
    bump = _Bump(name, own[0] if own else None)
    bump()
    transaction.on_commit(bump)


def _written_in_open_transaction(names) -> bool:
    """Whether the transaction still open on this thread's connection wrote rows of one of
    these generations (Django drops the commit's callbacks of a transaction rolled back)."""
    from django.db import connection

    if not connection.in_atomic_block:
        return False
    return any(
        isinstance(func, _Bump)
        and func.name in names
        and func.block is not None
        and any(block is func.block for block in connection.atomic_blocks)
        for _savepoints, func, _robust in connection.run_on_commit
    )


class CountedQuerySet:
    """A mixin for a model's QuerySet whose every bulk write counts generations on:
    `changed`, a function of no arguments (the model's own when the QuerySet names none), is
    called by update, delete, bulk_create and bulk_update (a model's own save and delete call
    it themselves). An update of the model's `uncounted_fields` alone, fields that nothing
    kept under its generations reads, counts nothing."""

    changed: Callable[[], None] | None = None

    def _count_on(self) -> None:
        (type(self).changed or self.model.changed)()

    def update(self, **kwargs):
        if not kwargs.keys() <= getattr(self.model, "uncounted_fields", frozenset()):
            self._count_on()
        return super().update(**kwargs)

    def delete(self):
        self._count_on()
        return super().delete()

    def bulk_create(self, *args, **kwargs):
        self._count_on()
        return super().bulk_create(*args, **kwargs)

    def bulk_update(self, *args, **kwargs):
        self._count_on()
        return super().bulk_update(*args, **kwargs)


class _CountedQuerySet(CountedQuerySet, models.QuerySet):
    pass


class CountedModel(models.Model):
    """A model whose every write counts generations on: `changed`, a static method of the
    model with no arguments, is called by its save and delete and by every bulk write of its
    QuerySet (`CountedQuerySet`)."""

    changed: Callable[[], None]

    objects = _CountedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        type(self).changed()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        type(self).changed()
        return super().delete(*args, **kwargs)

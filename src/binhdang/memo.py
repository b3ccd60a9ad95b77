"""What one request computes once: values every part of a request asks for again (the closed
units' paths, for one) are kept for that request only, never from one request to the next.

`request_memo()` opens the store for the duration of a request (the shell's middleware);
outside it (commands, jobs, tests calling a selector directly) `remember` computes every time,
so nothing is kept where no request ends it. A change in the request that makes a kept value
wrong calls `forget`."""

import pickle  # nosec B403
import threading
import time
from collections import OrderedDict
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
#
# Within a request the tokens are read once: the first value a request asks for brings the
# tokens of every generation named with `generation()` in the same round trip, and a later
# value under generations already read is taken from this process's own copy of what the
# shared cache holds (`_Local`) when that copy was kept under the same tokens, with no round
# trip at all. A write of the request counts its generation on in the request's tokens too.
# The next request reads the tokens again: a membership removed is seen there, whichever
# process kept what.

_SHARED: list[str] = []


def generation(name: str) -> str:
    """`name`, named as a generation every request reads the token of with its first kept
    value (a generation of many rows; one of a single row's stays out and is read when asked)."""
    if name not in _SHARED:
        _SHARED.append(name)
    return name


def generations(*names: str) -> tuple[str, ...]:
    """The current token of each generation, one cache round trip (two when one is new)."""
    from django.core.cache import cache

    found = cache.get_many(names)
    missing = {name: uuid4().hex for name in names if name not in found}
    for name, token in missing.items():
        if not cache.add(name, token, None):
            missing[name] = cache.get(name) or token
    return tuple(found.get(name) or missing[name] for name in names)


_TOKENS = ("memo:tokens",)  # the request's tokens, in its store: {generation: token}


class _Local:
    """This process's copy of values kept in the shared cache: at most BYTES of pickles, the
    least used dropped first, each value as its pickle (every reader gets its own objects, as
    from the shared cache) with the tokens it was kept under and the moment the shared cache
    lets it go. A copy is used only under the tokens its request read."""

    BYTES = 32 * 1024 * 1024
    LARGEST = 64 * 1024  # bytes of a pickle; larger values are read from the shared cache

    def __init__(self, size: int = BYTES):
        self._entries: OrderedDict[str, tuple[tuple, float, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self._size, self._held = size, 0

    def get(self, key: str, tokens: tuple):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != tokens or entry[1] <= time.time():
                return _NOTHING
            self._entries.move_to_end(key)
        return pickle.loads(entry[2])  # noqa: S301  # nosec B301

    def put(self, key: str, tokens: tuple, until: float, value) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(data) > self.LARGEST:
            return
        with self._lock:
            replaced = self._entries.pop(key, None)
            if replaced is not None:
                self._held -= len(replaced[2])
            self._entries[key] = (tokens, until, data)
            self._held += len(data)
            while self._held > self._size:
                _key, (_tokens, _until, dropped) = self._entries.popitem(last=False)
                self._held -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0


_NOTHING = object()
_local = _Local()


def forget_local() -> None:
    """Empty this process's copy (`_Local`); a test that empties the shared cache calls it."""
    _local.clear()


def kept[T](key: str, names: tuple[str, ...], compute: Callable[[], T], seconds: int) -> T:
    """`compute()`, kept in the shared cache at `key` with the tokens of the generations
    `names` it was computed under, and computed again when one of them has moved on. At most
    one round trip when kept, none in a request that has read those tokens and whose process
    holds a copy kept under them; None is never kept."""
    from django.core.cache import cache

    store = _store.get()
    read = store.setdefault(_TOKENS, {}) if store is not None else None
    if read and all(name in read for name in names):
        tokens = tuple(read[name] for name in names)
        value = _local.get(key, tokens)
        if value is not _NOTHING:
            return value
    unread = [name for name in names if read is None or name not in read]
    if read is not None and not read:  # the request's first: every generation's token too
        unread += [name for name in _SHARED if name not in unread]
    found = cache.get_many([*unread, key])
    if read is not None:
        read.update((name, found[name]) for name in unread if name in found)
        tokens = tuple(read.get(name) for name in names)
    else:
        tokens = tuple(found.get(name) for name in names)
    if None in tokens:
        tokens = generations(*names)
        if read is not None:
            read.update(zip(names, tokens, strict=True))
    else:
        entry = found.get(key)
        if entry is not None and len(entry) == 3 and entry[0] == tokens:
            if read is not None:
                _local.put(key, tokens, entry[2], entry[1])
            return entry[1]
    value = compute()
    if value is not None and not _written_in_open_transaction(names):
        until = time.time() + seconds
        cache.set(key, (tokens, value, until), seconds)
        if read is not None:
            _local.put(key, tokens, until, value)
    return value


class _Bump:
    """Counting generations `names` on (one round trip), now or when the transaction commits;
    `block` is the outermost transaction of the code's own that was open when they were
    written, if any."""

    def __init__(self, name: str, block):
        self.names, self.block = [name], block

    def __call__(self) -> None:
        from django.core.cache import cache

        tokens = {name: uuid4().hex for name in self.names}
        if len(tokens) == 1:
            ((name, token),) = tokens.items()
            cache.set(name, token, None)
        else:
            cache.set_many(tokens, None)
        store = _store.get()
        if store is not None and _TOKENS in store:
            store[_TOKENS].update(tokens)


def next_generation(name: str) -> None:
    """Count `name` on now and once more when the current transaction commits. The counts at
    commit of a transaction's writes are one round trip: a generation written since the last
    savepoint joins the count written before it."""
    from django.db import connection, transaction

    # A test's own transaction (Django's TestCase) is not the code's: what a test wrote before
    # its requests counts as committed, as Django's durable blocks also treat it.
    own = [b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)]
    block = own[0] if own else None
    _Bump(name, block)()
    if connection.in_atomic_block and connection.run_on_commit:
        # Django drops a callback with the savepoint it was written under: one written under
        # the same savepoints is dropped or run with this one.
        savepoints, last, robust = connection.run_on_commit[-1]
        if (
            isinstance(last, _Bump)
            and last.block is block
            and not robust
            and savepoints == set(connection.savepoint_ids)
        ):
            if name not in last.names:
                last.names.append(name)
            return
    transaction.on_commit(_Bump(name, block))


def _written_in_open_transaction(names) -> bool:
    """Whether the transaction still open on this thread's connection wrote rows of one of
    these generations (Django drops the commit's callbacks of a transaction rolled back)."""
    from django.db import connection

    if not connection.in_atomic_block:
        return False
    return any(
        isinstance(func, _Bump)
        and any(name in names for name in func.names)
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

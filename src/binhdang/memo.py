"""What one request computes once: values every part of a request asks for again (the closed
units' paths, for one) are kept for that request only, never from one request to the next.

`request_memo()` opens the store for the duration of a request (the shell's middleware);
outside it (commands, jobs, tests calling a selector directly) `remember` computes every time,
so nothing is kept where no request ends it. A change in the request that makes a kept value
wrong calls `forget`."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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

"""The client address of a request, and the current request's address for audit entries
written deep inside services.

One function, `client_ip`, answers "who is on the other end" for the audit log and for the
login lock-out (settings.AXES_CLIENT_IP_CALLABLE). X-Forwarded-For is believed only when the
request comes from a trusted proxy (settings.BINHDANG_TRUSTED_PROXIES), and then only as far
as the chain of trusted proxies goes: it is read from the right, each hop added by a proxy we
trust, and the first address that is not one of them is the client. Whatever a client writes
into the header itself stays on the left and is never reached.
"""

from contextvars import ContextVar
from functools import lru_cache
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

from django.conf import settings

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ip_network(p, strict=False) for p in proxies)


def _parse(value: str) -> IPv4Address | IPv6Address | None:
    try:
        parsed = ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client seen through a dual-stack socket is written ::ffff:a.b.c.d.
    return getattr(parsed, "ipv4_mapped", None) or parsed


def is_trusted_proxy(address: IPv4Address | IPv6Address) -> bool:
    networks = _networks(tuple(settings.BINHDANG_TRUSTED_PROXIES))
    return any(address.version == n.version and address in n for n in networks)


def client_ip(request) -> str | None:
    """The address of the client that sent `request`, as far as trusted proxies vouch."""
    peer = _parse(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return None
    client = peer
    if is_trusted_proxy(peer):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:
                break  # unreadable: keep the last address a trusted proxy gave
            client = address
            if not is_trusted_proxy(address):
                break
    return str(client)

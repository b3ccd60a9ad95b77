import pytest
from django.test import RequestFactory, override_settings

from binhdang.audit.context import client_ip


def _ip(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@override_settings(BINHDANG_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/24"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # Straight from the Internet: the header is whatever the client wrote.
        ("203.0.113.5", "10.9.9.9", "203.0.113.5"),
        ("203.0.113.5", None, "203.0.113.5"),
        # Through nginx: its hop is the last one; what the client wrote before is ignored.
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # Through a load balancer in front of nginx: both are trusted, both are skipped.
        ("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.4", "198.51.100.1"),
        # From nginx without a header (a health check): nginx itself.
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "garbage, 198.51.100.1", "198.51.100.1"),
        ("::ffff:198.51.100.3", None, "198.51.100.3"),
        ("2001:db8::1", "198.51.100.1", "2001:db8::1"),
    ],
)
def test_it_believes_x_forwarded_for_only_from_trusted_proxies(remote, forwarded, expected):
    assert _ip(remote, forwarded) == expected


@override_settings(BINHDANG_TRUSTED_PROXIES=[])
def test_it_believes_no_header_when_no_proxy_is_trusted():
    assert _ip("127.0.0.1", "198.51.100.1") == "127.0.0.1"


def test_the_settings_refuse_a_trusted_proxy_that_is_not_an_address():
    import os
    import subprocess
    import sys

    env = {**os.environ, "BINHDANG_TRUSTED_PROXIES": "127.0.0.1,nginx.local", "BINHDANG_DEBUG": "1"}
    out = subprocess.run(
        [sys.executable, "-c", "import binhdang.settings"], env=env, capture_output=True, text=True
    )  # noqa: S603
    assert out.returncode != 0
    assert "BINHDANG_TRUSTED_PROXIES: 'nginx.local' is not an address" in out.stderr

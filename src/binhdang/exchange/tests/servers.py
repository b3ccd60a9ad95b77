"""A certification authority's services on 127.0.0.1 for the tests: an RFC 3161 time-stamp
authority (pyHanko's DummyTimeStamper answering real time-stamp requests over HTTP) and the
CA's CRL, served by http.server in a thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from .pki import Authority, Signer


def as_asn1(signer: Signer) -> tuple[asn1_x509.Certificate, keys.PrivateKeyInfo]:
    certificate = asn1_x509.Certificate.load(
        signer.certificate.public_bytes(serialization.Encoding.DER)
    )
    key = keys.PrivateKeyInfo.load(
        signer.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate, key


@dataclass
class AuthorityServices:
    """What the server answers: time-stamps by `tsa` at /tsa, the CRL at /ca.crl."""

    base_url: str
    crl: bytes = b""
    tsa: object = None
    requests: list[str] = field(default_factory=list)

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/tsa"

    @property
    def crl_url(self) -> str:
        return f"{self.base_url}/ca.crl"

    def start_tsa(self, authority: Authority) -> Signer:
        """A time-stamp authority certificate of `authority` (with the CRL point), answering."""
        from pyhanko.sign.timestamps import DummyTimeStamper

        tsa = authority.issue(
            "Máy chủ cấp dấu thời gian thử nghiệm",
            crl_url=self.crl_url,
            time_stamping=True,
            rsa_key=True,  # pyHanko's DummyTimeStamper signs with RSA only
        )
        certificate, key = as_asn1(tsa)
        ca = asn1_x509.Certificate.load(
            authority.certificate.public_bytes(serialization.Encoding.DER)
        )
        self.tsa = DummyTimeStamper(certificate, key, certs_to_embed=[ca])
        return tsa


def serve():
    """Start the server; returns (services, stop)."""
    holder: dict[str, AuthorityServices] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 - http.server's name
            services = holder["services"]
            services.requests.append(f"GET {self.path}")
            if self.path == "/ca.crl" and services.crl:
                self._answer(200, "application/pkix-crl", services.crl)
            else:
                self._answer(404, "text/plain", b"not found")

        def do_POST(self):  # noqa: N802
            services = holder["services"]
            services.requests.append(f"POST {self.path}")
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path != "/tsa" or services.tsa is None:
                self._answer(404, "text/plain", b"not found")
                return
            response = services.tsa.request_tsa_response(tsp.TimeStampReq.load(body))
            self._answer(200, "application/timestamp-reply", response.dump())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["services"] = AuthorityServices(base_url=f"http://127.0.0.1:{server.server_port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    return holder["services"], stop

"""Real mail servers for the tests, on 127.0.0.1: an aiosmtpd sink that keeps what Django's SMTP
backend sends, the soft-copy SMTP endpoint itself, and Debian's dovecot with a throwaway
configuration (passwd-file login, maildir in a temporary folder)."""

import io
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

ROUND_ADDRESS = "ldtbxh.vx@hagiang.gov.vn"
IMAP_USER = "ldtbxh.vx@hagiang.gov.vn"
IMAP_PASSWORD = "MatKhau-HopThu-2023"  # IMAP LOGIN takes ASCII
DOVECOT = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Keep:
    def __init__(self):
        self.messages: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


class SmtpSink:
    """An SMTP server that keeps every message (Django's EMAIL_HOST/EMAIL_PORT point at it)."""

    def __init__(self):
        self.port = free_port()
        self.handler = _Keep()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self):
        return self.handler.messages

    def wait_for(self, count: int, timeout: float = 10) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }


def docx_bytes(text: str = "Báo cáo kết quả công tác bình đẳng giới năm 2023") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def soft_copy(
    *,
    sender: str = "Nguyễn Thị Hoa <vanthu.phulinh@gmail.com>",
    to: str = ROUND_ADDRESS,
    subject: str = "Báo cáo BĐG năm 2023 - Xã Phú Linh",
    files: list[tuple[str, bytes]] | None = None,
    message_id: str | None = None,
) -> bytes:
    """A message as a commune's clerk sends it: Vietnamese subject (NFD), Word and PDF files."""
    import unicodedata

    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = unicodedata.normalize("NFD", subject)
    message["Message-ID"] = message_id or f"<{time.time_ns()}@mail.phulinh.example>"
    message.set_content("Kính gửi Phòng LĐ-TB&XH, xã Phú Linh gửi bản mềm báo cáo.")
    for name, content in (
        files
        if files is not None
        else [
            ("Báo cáo BĐG 2023 xã Phú Linh.docx", docx_bytes()),
            ("Phụ lục số liệu.pdf", PDF),
        ]
    ):
        maintype, subtype = (
            ("application", "pdf") if name.endswith(".pdf") else ("application", "octet-stream")
        )
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=policy.SMTP)


def test_ca(folder: Path) -> Path:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it, made here: ca.pem,
    server.pem and server.key in `folder`; returns the CA file."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm hộp thư")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    import ipaddress

    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(server.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return folder / "ca.pem"


class Dovecot:
    """Debian's dovecot on free ports: one mailbox user (passwd-file), maildir under a
    temporary folder; IMAP on `port` (STARTTLS offered) and IMAPS on `tls_port`, with a
    certificate from a CA made for the test (`ca_file`)."""

    def __init__(self):
        self.port = free_port()
        self.tls_port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="binhdang-dovecot-"))
        os.chmod(self.dir, 0o755)  # noqa: S103 - dovecot's own users read the config and maildir
        root = os.geteuid() == 0
        me = pwd.getpwuid(os.geteuid()).pw_name
        internal = "dovecot" if root else me
        login = "dovenull" if root else me
        mail_user = pwd.getpwnam(internal)
        for sub in ("run", "state", "home"):
            (self.dir / sub).mkdir()
        if root:
            os.chown(self.dir / "home", mail_user.pw_uid, mail_user.pw_gid)
        self.ca_file = test_ca(self.dir)
        (self.dir / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}::::::\n")
        (self.dir / "dovecot.conf").write_text(
            f"""protocols = imap
listen = 127.0.0.1
base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
ssl = yes
ssl_cert = <{self.dir}/server.pem
ssl_key = <{self.dir}/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {mail_user.pw_uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={self.dir}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""
        )
        self.proc = None

    def start(self) -> "Dovecot":
        self.proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.dir / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot stopped: {self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not answer: {self.log()}")

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def settings(self) -> dict:
        return {
            "BINHDANG_MAILBOX_MODE": "imap",
            "BINHDANG_MAILBOX_IMAP_HOST": "127.0.0.1",
            "BINHDANG_MAILBOX_IMAP_PORT": self.port,
            "BINHDANG_MAILBOX_IMAP_USER": IMAP_USER,
            "BINHDANG_MAILBOX_IMAP_PASSWORD": IMAP_PASSWORD,
            "BINHDANG_MAILBOX_IMAP_TLS": "none",
            "BINHDANG_MAILBOX_IMAP_FOLDER": "INBOX",
        }

    def append(self, raw: bytes) -> None:
        from imap_tools import MailBoxUnencrypted

        with MailBoxUnencrypted("127.0.0.1", self.port).login(IMAP_USER, IMAP_PASSWORD) as box:
            box.append(raw, "INBOX", dt=None, flag_set=())

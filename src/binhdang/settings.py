"""One settings module, read from the environment.

Development defaults are safe to run on a laptop; with BINHDANG_DEBUG off (production mode) the
project refuses to start with an insecure setting instead of running with one.
"""

import ipaddress
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BINHDANG_VAR_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("BINHDANG_DEBUG", False)
TESTING = env_bool("BINHDANG_TESTING", "pytest" in sys.modules)
DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("BINHDANG_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "BINHDANG_SECRET_KEY must be set in production (BINHDANG_DEBUG is off). "
            "For development, set BINHDANG_DEBUG=1."
        )
    SECRET_KEY = DEV_SECRET_KEY
elif SECRET_KEY == DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("The development secret key cannot be used in production.")

ALLOWED_HOSTS = env_list(
    "BINHDANG_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else ""
)
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("BINHDANG_ALLOWED_HOSTS must list the host names in production.")
CSRF_TRUSTED_ORIGINS = env_list("BINHDANG_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "binhdang.core.errors.csrf_failure"

# The project's apps come first so that their Vietnamese catalogues take precedence over
# Django's own for the same message ("Log out" is "Đăng xuất" here, "Thoát" in the admin).
INSTALLED_APPS = [
    "binhdang.core",
    "binhdang.formats",
    "binhdang.audit",
    "binhdang.orgunits",
    "binhdang.accounts",
    "binhdang.notifications",
    "binhdang.directives",
    "binhdang.reporting",
    "binhdang.documents",
    "binhdang.exchange",
    "binhdang.indicators",
    "binhdang.leadership",
    "binhdang.cfaw",
    "binhdang.servicemodels",
    "binhdang.empowerment",
    "binhdang.mailbox",
    "binhdang.cases",
    "binhdang.communication",
    "binhdang.training",
    "binhdang.budget",
    "binhdang.mainstreaming",
    "binhdang.inspections",
    "binhdang.demo",
    "binhdang.ops",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "binhdang.core.middleware.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "binhdang.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "binhdang.core.middleware.TextInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "binhdang.core.middleware.DatabaseUnavailableMiddleware",
    "binhdang.audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "binhdang.urls"
WSGI_APPLICATION = "binhdang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["binhdang.formats.templatetags.vn"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "binhdang.core.context_processors.shell",
            ],
        },
    },
]

# Database: DATABASE_URL, else an SQLite file under var/ so a first run needs nothing installed.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'binhdang.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server, the reminder timer and a worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A read replica for dashboards, when configured (BINHDANG_REPLICA_URL).
if os.environ.get("BINHDANG_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["BINHDANG_REPLICA_URL"], conn_max_age=60
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["binhdang.core.db.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when configured (several app servers), else local memory.
if os.environ.get("BINHDANG_REDIS_URL"):
    CACHES = {
        "default": {
            # Django's, with one client per connection pool (core/cache.py).
            "BACKEND": "binhdang.core.cache.RedisCache",
            "LOCATION": os.environ["BINHDANG_REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions: read from the shared cache and written through to the database when Redis is
# configured (no session query on most requests; every process sees a sign-out at once). A
# per-process cache would let another worker keep a signed-out session, so without Redis they
# stay in the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if os.environ.get("BINHDANG_REDIS_URL")
    else "django.contrib.sessions.backends.db"
)

# A user's memberships are kept in the cache between requests only when the cache is shared
# by every process (Redis): a membership removed in one process is then refused by all at the
# next request. A per-process cache never keeps them.
BINHDANG_SHARED_CACHE = bool(os.environ.get("BINHDANG_REDIS_URL"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the signed-in user's row kept in the shared cache.
    "binhdang.accounts.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 on purpose costs time; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: lock a username+address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("BINHDANG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("BINHDANG_AXES_ENABLED", True)
# The lock-out and the audit log take the client's address from the same function.
AXES_CLIENT_IP_CALLABLE = "binhdang.audit.context.client_ip"
# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated):
# nginx on the same host by default. A request from anywhere else is taken at its socket
# address, whatever header it carries (deploy/README.md, "Client addresses").
BINHDANG_TRUSTED_PROXIES = env_list("BINHDANG_TRUSTED_PROXIES", "127.0.0.1,::1")
for _proxy in BINHDANG_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"BINHDANG_TRUSTED_PROXIES: {_proxy!r} is not an address or a network."
        ) from None
# Password-reset e-mails: at most this many per e-mail address, and per client address,
# in any hour; requests beyond are answered the same way and send nothing.
BINHDANG_PASSWORD_RESET_PER_EMAIL = int(os.environ.get("BINHDANG_PASSWORD_RESET_PER_EMAIL", "3"))
BINHDANG_PASSWORD_RESET_PER_CLIENT = int(os.environ.get("BINHDANG_PASSWORD_RESET_PER_CLIENT", "10"))

LANGUAGE_CODE = "vi"
# Language names are shown in their own language, so they are not translated.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["binhdang.formats"]
# Numbers a person reads are written by binhdang.formats.numbers (the `num` filter); a global
# separator would also print ids and form values as "1.376", which no code could read back.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("BINHDANG_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("BINHDANG_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG or TESTING
if DEBUG or TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded files go through Django's storage API: a shared folder by default, or any
# S3-compatible store by setting BINHDANG_STORAGE_BACKEND (e.g. storages.backends.s3.S3Storage
# with django-storages installed and its AWS_* settings in the environment).
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "BINHDANG_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
BINHDANG_MAX_UPLOAD_BYTES = int(os.environ.get("BINHDANG_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# Replaceable Word templates for generated documents (a province's house style).
BINHDANG_DOCUMENT_TEMPLATES_DIR = os.environ.get("BINHDANG_DOCUMENT_TEMPLATES_DIR", "")
# Digital signatures (exchange app): the folder of trusted CA certificates (.pem/.crt/.cer/
# .der) received signatures are checked against, the font of the visible signature block,
# and whether a signed report is first converted to PDF/A-2b.
BINHDANG_SIGNING_TRUST_DIR = os.environ.get("BINHDANG_SIGNING_TRUST_DIR", "")
BINHDANG_SIGNATURE_FONT = os.environ.get("BINHDANG_SIGNATURE_FONT", "")
BINHDANG_SIGNING_PDFA = env_bool("BINHDANG_SIGNING_PDFA", True)
# The RFC 3161 time-stamp authority signatures are stamped by (PAdES B-T; a signing certificate
# may name its own), and whether the revocation data of the chain is then fetched and embedded
# with a document time-stamp (PAdES B-LTA).
BINHDANG_SIGNING_TSA_URL = os.environ.get("BINHDANG_SIGNING_TSA_URL", "")
BINHDANG_SIGNING_LONG_TERM = env_bool("BINHDANG_SIGNING_LONG_TERM", True)

# Background work (documents, e-mail, reminders) on django-tasks, Django 6's tasks API: the
# database backend keeps the queue in the application's own database (SQLite or PostgreSQL),
# and `binhdang run-worker` runs it, on one machine or several. Tests run each task at once
# in the code that enqueued it (BINHDANG_TASKS_BACKEND=database for a real worker).
TASKS_BACKEND = os.environ.get("BINHDANG_TASKS_BACKEND", "immediate" if TESTING else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}
# A document job whose heartbeat (every BINHDANG_JOB_HEARTBEAT s) is older than
# BINHDANG_JOB_STALE_AFTER s lost its worker; every worker looks for such jobs every
# BINHDANG_JOB_CHECK_EVERY s and enqueues them once more, then fails them.
BINHDANG_JOB_HEARTBEAT = float(os.environ.get("BINHDANG_JOB_HEARTBEAT", "10"))
BINHDANG_JOB_STALE_AFTER = float(os.environ.get("BINHDANG_JOB_STALE_AFTER", "60"))
BINHDANG_JOB_CHECK_EVERY = float(os.environ.get("BINHDANG_JOB_CHECK_EVERY", "30"))
# How often a worker enqueues the reminder run (each reminder step reaches a user once).
BINHDANG_REMINDERS_EVERY = float(os.environ.get("BINHDANG_REMINDERS_EVERY", "300"))

# Case data keys (cases/crypto.py): never in the database. BINHDANG_CASE_KEYS holds Fernet keys
# separated by commas (the first encrypts, all decrypt: rotation), BINHDANG_CASE_INDEX_KEY the
# HMAC key of the duplicate search; or BINHDANG_CASE_KEY_FILE names a JSON key file (made
# under var/ on first use in development). Tests use fixed keys.
BINHDANG_CASE_KEYS = env_list(
    "BINHDANG_CASE_KEYS", "nHhO0H4hQ0rD3Zc1m8yXw0l9x8d3n4iB2mHk7ZqkM3E=" if TESTING else ""
)
BINHDANG_CASE_INDEX_KEY = os.environ.get(
    "BINHDANG_CASE_INDEX_KEY", "test-index-key-not-for-production" if TESTING else ""
)
BINHDANG_CASE_KEY_FILE = os.environ.get(
    "BINHDANG_CASE_KEY_FILE", str(VAR_DIR / "case-keys.json") if DEBUG else ""
)
# How often a worker looks for undecided no-contact requests and orders about to expire.
BINHDANG_CASE_ALERTS_EVERY = float(os.environ.get("BINHDANG_CASE_ALERTS_EVERY", "300"))

# E-mail through Django's backends: the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "BINHDANG_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("BINHDANG_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BINHDANG_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("BINHDANG_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BINHDANG_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("BINHDANG_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("BINHDANG_DEFAULT_FROM_EMAIL", "binhdang@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
BINHDANG_BASE_URL = os.environ.get("BINHDANG_BASE_URL", "http://127.0.0.1:8000")

# The soft-copy mailbox (binhdang/mailbox, README "The soft-copy mailbox"): "imap" polls a
# mailbox every BINHDANG_MAILBOX_POLL_EVERY s from the worker, "smtp" is `binhdang receive-mail`
# listening for the messages itself, "off" receives nothing.
BINHDANG_MAILBOX_MODE = os.environ.get("BINHDANG_MAILBOX_MODE", "off")
BINHDANG_MAILBOX_IMAP_HOST = os.environ.get("BINHDANG_MAILBOX_IMAP_HOST", "localhost")
BINHDANG_MAILBOX_IMAP_PORT = int(os.environ.get("BINHDANG_MAILBOX_IMAP_PORT", "993"))
BINHDANG_MAILBOX_IMAP_USER = os.environ.get("BINHDANG_MAILBOX_IMAP_USER", "")
BINHDANG_MAILBOX_IMAP_PASSWORD = os.environ.get("BINHDANG_MAILBOX_IMAP_PASSWORD", "")
# "ssl" (port 993), "starttls" (port 143) or "none" (a server on the same machine only).
BINHDANG_MAILBOX_IMAP_TLS = os.environ.get("BINHDANG_MAILBOX_IMAP_TLS", "ssl")
BINHDANG_MAILBOX_IMAP_FOLDER = os.environ.get("BINHDANG_MAILBOX_IMAP_FOLDER", "INBOX")
# A CA bundle for a mail server whose certificate an internal CA issued (else the system's).
BINHDANG_MAILBOX_IMAP_CA_FILE = os.environ.get("BINHDANG_MAILBOX_IMAP_CA_FILE", "")
# The mailbox's own address, read as a recipient of every message in it (Bcc copies).
BINHDANG_MAILBOX_ADDRESS = os.environ.get("BINHDANG_MAILBOX_ADDRESS", "")
BINHDANG_MAILBOX_POLL_EVERY = float(os.environ.get("BINHDANG_MAILBOX_POLL_EVERY", "300"))
BINHDANG_MAILBOX_SMTP_HOST = os.environ.get("BINHDANG_MAILBOX_SMTP_HOST", "127.0.0.1")
BINHDANG_MAILBOX_SMTP_PORT = int(os.environ.get("BINHDANG_MAILBOX_SMTP_PORT", "8025"))
BINHDANG_MAILBOX_MAX_BYTES = int(
    os.environ.get("BINHDANG_MAILBOX_MAX_BYTES", str(40 * 1024 * 1024))
)

# Security headers. Cookies are secure and HSTS is on in production; BINHDANG_HTTPS=0 only
# for a closed intranet without TLS (check --deploy will then say so).
HTTPS = env_bool("BINHDANG_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS and not TESTING
CSRF_COOKIE_SECURE = HTTPS and not TESTING
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SECURE_SSL_REDIRECT = HTTPS and not TESTING and env_bool("BINHDANG_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if HTTPS and not TESTING else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

if not DEBUG and not TESTING and not HTTPS:
    import warnings

    warnings.warn(
        "BINHDANG_HTTPS is off in production: cookies are sent unencrypted.", stacklevel=1
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BINHDANG_LOG_LEVEL", "WARNING")},
}

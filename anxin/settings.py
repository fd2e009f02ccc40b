"""Anxin settings: one module, every deploy-time value from the environment.

`ANXIN_PRODUCTION=1` turns on the production hardening (TLS-only cookies, HTTPS redirect,
secrets that must be given). Without it Anxin runs as a local or demo install and keeps
generated secrets under `var/` (see docs/operators.md).
"""

import base64
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ANXIN_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = envbool("ANXIN_PRODUCTION", False)


def secret(name: str, *, generate: callable) -> str:
    """A secret from `NAME`, or the file named by `NAME_FILE`; outside production a
    generated value kept in `var/` so that restarts keep sessions and sealed data."""
    if value := os.environ.get(name):
        return value
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} (or {name}_FILE) must be set in production.")
    path = VAR_DIR / "secrets" / name.lower()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(generate())
        path.chmod(0o600)
    return path.read_text().strip()


def optional_secret(name: str) -> str:
    """A secret from `NAME` or the file named by `NAME_FILE`; empty when neither is set
    (the feature it opens stays off)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name, "")


def _new_data_key() -> str:
    """A key with an id of its own: were the file lost, a new key must not take the old
    one's id, so that the start-up check names the missing key (anxin/core/checks.py)."""
    return f"k{secrets.token_hex(4)}:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


SECRET_KEY = secret("ANXIN_SECRET_KEY", generate=lambda: secrets.token_urlsafe(50))
# Key ring for sealed fields: "id:base64key,id:base64key"; the first one seals new values.
ANXIN_DATA_KEYS = secret("ANXIN_DATA_KEYS", generate=_new_data_key)
# Key of the access log's hash chain (kept apart from the data keys: rotating those must
# not break the chain).
ANXIN_AUDIT_KEY = secret("ANXIN_AUDIT_KEY", generate=lambda: secrets.token_urlsafe(32))

DEBUG = envbool("ANXIN_DEBUG", False)
ALLOWED_HOSTS = envlist("ANXIN_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("ANXIN_CSRF_TRUSTED_ORIGINS")
TESTING = "pytest" in sys.modules

INSTALLED_APPS = [
    # The shell first: it assembles the product (home pages, menus, error pages, demo).
    "anxin.front",
    "anxin.core",
    "anxin.people",
    "anxin.plans",
    "anxin.counseling",
    "anxin.assessments",
    "anxin.events",
    "anxin.surveys",
    "anxin.care",
    "anxin.resources",
    "anxin.governance",
    "anxin.reports",
    # Django's admin with Anxin's site: no takeover of accounts (decision 0017).
    "anxin.core.admin_site.AnxinAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "anxin.people.middleware.RoleMiddleware",
    "anxin.people.middleware.TwoFactorMiddleware",
    "anxin.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "anxin.urls"
WSGI_APPLICATION = "anxin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anxin.core.context_processors.anxin",
                "anxin.front.context_processors.menu",
                "anxin.plans.context_processors.crisis_lines",
            ],
            "builtins": ["anxin.core.templatetags.roc"],
        },
    }
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'anxin.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Measured (DESIGN.md): default settings lost a quarter of concurrent writes to
    # "database is locked"; WAL + IMMEDIATE + a 20 s busy timeout lost none.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout counts failures per username and address together, with a cool-off, so that
# nobody can lock a counsellor out for good from elsewhere (DESIGN.md).
AXES_FAILURE_LIMIT = envint("ANXIN_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("ANXIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "people/account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

OTP_TOTP_ISSUER = os.environ.get("ANXIN_TOTP_ISSUER", "Anxin 安心")

# Idle sessions expire: the cookie is renewed on every request and dies after this.
SESSION_COOKIE_AGE = envint("ANXIN_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = envint("ANXIN_HSTS_SECONDS", 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("ANXIN_HSTS_PRELOAD", False)
# Preload binds every host under the agency's domain to HTTPS for years: the operator opts
# in (docs/operators.md), so the deploy check does not insist on it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_SSL_REDIRECT = envbool("ANXIN_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "anxin.front.views.csrf_failure"  # in the site's frame, translated
X_FRAME_OPTIONS = "DENY"
if envbool("ANXIN_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Everything is served from this origin: no CDN, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS: list = []  # each app keeps its own locale/ folder
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages from the npm registry, copied here by `make assets`.
STATICFILES_DIRS = [("vendor", VAR_DIR / "vendor")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# --- Background work ------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("ANXIN_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A task whose worker has not reported for this long is taken as orphaned and run again
# (anxin.core.tasks); each try counts, and after the last one the task is given up.
ANXIN_TASK_LEASE_SECONDS = envint("ANXIN_TASK_LEASE_SECONDS", 60)
ANXIN_TASK_MAX_ATTEMPTS = envint("ANXIN_TASK_MAX_ATTEMPTS", 3)
ANXIN_TASK_RETRY_SECONDS = envint("ANXIN_TASK_RETRY_SECONDS", 30)
# Bulk notifications: people per transaction, and a pause between two (milliseconds) to
# spare a small mail server.
ANXIN_NOTIFY_CHUNK = envint("ANXIN_NOTIFY_CHUNK", 500)
ANXIN_NOTIFY_PAUSE_MS = envint("ANXIN_NOTIFY_PAUSE_MS", 0)
# Inbox items of a sensitive send (an invitation chosen by self-declared attributes) are
# deleted at the latest after this many days.
ANXIN_SENSITIVE_INBOX_DAYS = envint("ANXIN_SENSITIVE_INBOX_DAYS", 14)

# --- E-mail ---------------------------------------------------------------------------
# Outside production mail is written to files in ANXIN_MAIL_DIR (one .eml a message),
# not sent: a local install or the demo keeps it readable without a mail server.
EMAIL_BACKEND = os.environ.get(
    "ANXIN_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "anxin.core.mailfiles.EmailBackend",
)
ANXIN_MAIL_DIR = Path(os.environ.get("ANXIN_MAIL_DIR", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("ANXIN_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("ANXIN_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("ANXIN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ANXIN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("ANXIN_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("ANXIN_FROM_EMAIL", "anxin@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging: requests and errors only, never request bodies -------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (4xx) is logged in one line, without a traceback.
    "filters": {"one_line_refusals": {"()": "anxin.core.logs.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("ANXIN_LOG_LEVEL", "WARNING")},
}

# --- Anxin ----------------------------------------------------------------------------
ANXIN_SITE_NAME = _("Anxin Employee Assistance")
ANXIN_DEMO = envbool("ANXIN_DEMO", False)
# The address people use, for links in e-mails (https://eap.example.gov.tw).
ANXIN_BASE_URL = os.environ.get("ANXIN_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")
# Where `anxin verify-audit` appends the signed head of the access log (an anchor), and
# the syslog address it also sends it to ("/dev/log", or "host:port" over UDP): both are
# meant to leave the database server (docs/operators.md, "The access log's anchor").
ANXIN_AUDIT_ANCHOR_FILE = os.environ.get("ANXIN_AUDIT_ANCHOR_FILE", "")
ANXIN_AUDIT_SYSLOG = os.environ.get("ANXIN_AUDIT_SYSLOG", "")
# LINE delivery of topic-channel posts, titles and links only (docs/operators.md): the
# Official Account's channel access token (empty: off) and the Messaging API's address.
ANXIN_LINE_CHANNEL_TOKEN = optional_secret("ANXIN_LINE_CHANNEL_TOKEN")
ANXIN_LINE_API_BASE = os.environ.get("ANXIN_LINE_API_BASE", "")

"""Samskab settings: one module, driven by environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and (BASE_DIR / ".secret_key").exists():
    # The key `make run` made: a `manage.py` command typed by hand then signs access-log
    # entries with the same (derived) key as the running server.
    SECRET_KEY = (BASE_DIR / ".secret_key").read_text().strip()
if not SECRET_KEY:
    # Development-only fallback; `check --deploy` flags it, production must set SECRET_KEY.
    SECRET_KEY = "django-insecure-samskab-development-only-key-change-me"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "ninja",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "samskab.core",
    "samskab.people",
    "samskab.innovation",
    "samskab.partnerships",
    "samskab.outcomes",
    "samskab.compass",
    "samskab.pathways",
    "samskab.national",
    "samskab.insights",
    "samskab.leadership",
    "samskab.privacy",
    "samskab.calendars",
    "samskab.api",
    "samskab.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves static files precompressed; compresses the HTML pages.
    # BREACH: Django (4.2+) pads the gzip stream with random bytes, and the CSRF token is masked.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samskab.core.middleware.SessionRenewalMiddleware",
    "samskab.core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samskab.core.middleware.FormNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samskab.core.kiosk.KioskMiddleware",
    "samskab.core.middleware.RequireTwoFactorMiddleware",
    "samskab.core.middleware.HeaderContextMiddleware",
    "samskab.core.middleware.DeferredAccessReadsMiddleware",
    # Last, so that it sees the outcome of authentication attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samskab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "samskab.core.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite embedded by default, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL for concurrent readers; synchronous=FULL so that no committed write is lost
        # on power failure; IMMEDIATE so writers queue instead of failing with "locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: Django's tasks framework (backport) with the database as queue, so the
# embedded SQLite setup needs no broker. `manage.py db_worker` runs them (`make run` starts it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# One cache shared by every worker and server: the limits on two-factor codes, TOTP's
# replay guard and the API's throttling count in it, so a per-process cache would multiply
# them by the number of workers. The database cache needs no extra service (run
# `manage.py createcachetable` after `migrate`; the test database gets it by itself);
# CACHE_URL (or REDIS_URL) = redis://… switches to Redis (needs the `redis` package).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("CACHE_URL must be a Redis URL (redis://host:6379/0).")
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samskab_cache",
            # Culling drops entries once the table passes MAX_ENTRIES (expired ones first):
            # high enough that a flood of short-lived keys cannot push out a lock-out.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

AUTHENTICATION_BACKENDS = [
    # Axes first: a locked-out account is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: password login by username or e-mail; no open sign-up (accounts are
# created by an administrator, an import or single sign-on).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "samskab.core.auth.AccountAdapter"
ACCOUNT_FORMS = {"login": "samskab.core.forms.LoginForm"}
ACCOUNT_SESSION_REMEMBER = False
# Two-factor codes (TOTP and recovery codes, at login and reauthentication): after
# TWO_FACTOR_FAILURE_LIMIT wrong codes within TWO_FACTOR_LOCKOUT_MINUTES the account's
# two-factor step is locked, and at most four times that many are tried in 24 hours. allauth
# counts them per user under "login_failed" in the shared cache; a right code clears the
# count. Password failures are django-axes' job (AccountAdapter.pre_authenticate).
TWO_FACTOR_FAILURE_LIMIT = int(os.environ.get("TWO_FACTOR_FAILURE_LIMIT", "5"))
TWO_FACTOR_LOCKOUT_MINUTES = int(os.environ.get("TWO_FACTOR_LOCKOUT_MINUTES", "15"))
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{TWO_FACTOR_FAILURE_LIMIT}/{TWO_FACTOR_LOCKOUT_MINUTES}m/key,"
        f"{4 * TWO_FACTOR_FAILURE_LIMIT}/24h/key"
    ),
    # Password logins per minute from one IP address (against spraying across accounts);
    # a municipality's staff often share one address, so not too few.
    "login": f"{int(os.environ.get('LOGIN_RATE_PER_IP', '60'))}/m/ip",
    # The public experience-expert registration: completed registrations per IP address.
    "expert_registration": os.environ.get("EXPERT_REGISTRATION_RATE", "5/h/ip"),
}
# Behind reverse proxies: how many add to X-Forwarded-For, so that allauth's limits per IP
# address count the client's address, not the proxy's (0: REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_LOGOUT_ON_GET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samskab"

# django-axes: lock out after repeated failures (default 5 in 24 hours, per account).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("LOGIN_LOCKOUT_HOURS", "24"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "samskab.core.auth.lockout_key"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_VERBOSE = False

# Single sign-on through OpenID Connect (e.g. Keycloak in front of NemLog-in/MitID,
# AD FS or Entra ID). Enabled when OIDC_SERVER_URL and OIDC_CLIENT_ID are set.
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_ADAPTER = "samskab.core.auth.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS: dict = {}
OIDC_SERVER_URL = os.environ.get("OIDC_SERVER_URL", "")
if OIDC_SERVER_URL and os.environ.get("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "sso"),
                "name": os.environ.get("OIDC_NAME", "Single sign-on"),
                "client_id": os.environ["OIDC_CLIENT_ID"],
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": OIDC_SERVER_URL,
                    "token_auth_method": os.environ.get(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"
                    ),
                },
            }
        ],
    }

# Two-factor authentication is required for staff who see citizen data when
# the organisation requires it, or everywhere when this is on.
SAMSKAB_REQUIRE_2FA_FOR_CITIZEN_DATA = env_bool("REQUIRE_2FA_FOR_CITIZEN_DATA", False)
# API throttling per token (per user for the browser session), counted in the shared cache:
# "requests/period" with s, m, h or d; over it the API answers 429 with Retry-After.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/m")
# The benchmark (`make bench`) measures a bare view at /bench/floor/ as the framework floor.
BENCH_FLOOR_VIEW = env_bool("BENCH_FLOOR_VIEW", False)

# Internationalisation: Danish by default, English available.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "samskab_language"
LANGUAGE_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: DKFDS and htmx come from npm (node_modules), served by WhiteNoise.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "samskab" / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MANIFEST_STRICT = False

# E-mail
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samskab <noreply@samskab.localhost>")

# Security: strict by default when DEBUG is off (`check --deploy` is clean).
SECURE_COOKIES = not DEBUG and env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# Idle time-out: 30 minutes without a request ends the session (requests renew it, written
# at most once a minute: core.middleware.SessionRenewalMiddleware); samskab/session.js
# warns two minutes before and offers "Forbliv logget ind".
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A device handed to a citizen (core/kiosk.py): the hand-over link is single-use and expires
# after HANDOVER_MINUTES; the citizen's screen locks after KIOSK_IDLE_SECONDS without use.
SAMSKAB_HANDOVER_MINUTES = int(os.environ.get("HANDOVER_MINUTES", "15"))
SAMSKAB_KIOSK_IDLE_SECONDS = int(os.environ.get("KIOSK_IDLE_SECONDS", str(3 * 60)))
SECURE_SSL_REDIRECT = not DEBUG and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# An expired or missing CSRF token: a Danish page that sends the user back to their input.
CSRF_FAILURE_VIEW = "samskab.core.views.csrf_failure"
# A request body beyond this is refused with the 400 page. Above the largest form (a few
# free-text fields at their limit, URL-encoded), so that an overlong text gets a field error.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything from our own origin, no inline scripts
# or styles, no frames, forms only to ourselves (and the single sign-on provider).
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [_SELF, *([OIDC_SERVER_URL] if OIDC_SERVER_URL else [])],
    }
}

# Permissions-Policy (django-permissions-policy): no browser features the pages do not use.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
FORM_RENDERER = "samskab.core.forms.DkfdsFormRenderer"

# Data protection: access-log entries are removed after this many days (default six months)
# by the scheduled retention task; research exports suppress cells with fewer citizens.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "183"))
# The access log's HMAC keys, "id:secret,id2:secret2" (the first signs; the others verify
# older entries). Unset: a key derived from SECRET_KEY (`check --deploy` warns). The daily
# anchors (head sequence and hash) go to this file outside the database, created 0600.
ACCESS_LOG_KEYS = os.environ.get("ACCESS_LOG_KEYS", "")
ACCESS_LOG_ANCHOR_FILE = Path(
    os.environ.get("ACCESS_LOG_ANCHOR_FILE") or BASE_DIR / "anchors" / "access-log-anchors.jsonl"
)
RESEARCH_MIN_CELL = int(os.environ.get("RESEARCH_MIN_CELL", "5"))
# Leaders see citizens' meeting ratings as monthly medians only, for months with this many.
PATHWAYS_LEADER_MIN_RATINGS = int(os.environ.get("PATHWAYS_LEADER_MIN_RATINGS", "5"))
# Record-level research files only when at least this many citizens have data in them.
RESEARCH_MIN_COHORT = int(os.environ.get("RESEARCH_MIN_COHORT", "20"))
# Fernet key that encrypts `manage.py backup` files (and is needed to restore them).
BACKUP_KEY = os.environ.get("BACKUP_KEY", "")
# How often `manage.py schedule` queues the retention tasks (seconds; default daily).
RETENTION_SCHEDULE_SECONDS = int(os.environ.get("RETENTION_SCHEDULE_SECONDS", str(24 * 60 * 60)))

# Lock-out is per account, as in Danish public systems: an IP-wide lock would shut out
# every colleague behind a municipality's shared address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

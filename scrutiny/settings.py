"""Settings for the scrutiny recommendation tracker.

Every setting that differs between machines comes from the environment through the one
``env`` object below; `.env.example` documents each variable. The secret key has no
production default: with DEBUG off and no DJANGO_SECRET_KEY the app refuses to start.
"""

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DJANGO_DEBUG=(bool, False),
    DJANGO_ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    DJANGO_CSRF_TRUSTED_ORIGINS=(list, []),
    COUNCIL_NAME=(str, ""),
    COUNCIL_NAME_CY=(str, ""),
    COUNCIL_COLOUR=(str, "#1d70b8"),
    SERVICE_NAME=(str, "Scrutiny recommendation tracker"),
    SERVICE_NAME_CY=(str, ""),
    ACCESSIBILITY_CONTACT_EMAIL=(str, ""),
    ACCESSIBILITY_CONTACT_PHONE=(str, ""),
    ACCESSIBILITY_RESPONSE_DAYS=(int, 10),
    DJANGO_STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    DJANGO_MANIFEST_STATIC=(bool, None),
)
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env("DJANGO_DEBUG")

# Only a development or test machine may run without a real secret.
_DEV_ONLY_SECRET = "dev-only-insecure-key-never-used-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=_DEV_ONLY_SECRET if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true on a development machine)."
    )

ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "simple_history",
    # Before scrutiny.common, so axes records a failed sign-in before the security log reads it.
    "axes",
    # The database backend of Django's tasks framework: its table and `db_worker`.
    "django_tasks_db",
    # Two-factor sign-in: authenticator-app codes (TOTP) and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "scrutiny.common",
    "partnerships",
    "scrutiny",
    "recommendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files are not logged), outside the rest: every answer,
    # refusals and errors included, is one line (scrutiny.common.requestlog).
    "scrutiny.common.requestlog.RequestLogMiddleware",
    # Django's, saving an unchanged session at most once a minute (scrutiny.common.sessions).
    "scrutiny.common.sessions.SessionMiddleware",
    # After the session, before CommonMiddleware (which may redirect to a slashed URL in the
    # reader's language): chooses English or Welsh from the URL's /cy/ prefix.
    "django.middleware.locale.LocaleMiddleware",
    # Outside CsrfViewMiddleware, so that its refusals are logged too.
    "scrutiny.common.security.RefusedAccessLogMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in pages may show exempt items and drafts: kept out of shared caches.
    "scrutiny.common.security.PrivateForSignedInMiddleware",
    # Sends an anonymous visitor a page refused (scrutiny.common.pages.refuse) to sign in.
    "scrutiny.common.pages.SignInFirstMiddleware",
    # Records the signed-in user as the author of each history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages, so that it can say why it ended a session.
    "scrutiny.common.sessions.SessionAbsoluteAgeMiddleware",
    # After the session's age and the messages: a session that still owes its second
    # factor, or its set-up, reaches only the pages for that (partnerships.middleware).
    "partnerships.middleware.TwoFactorMiddleware",
    # After the session's age is checked: keeps a form sent after the session ended, for
    # its author to find again filled in once signed in (scrutiny.common.kept).
    "scrutiny.common.kept.KeepTypedAcrossSignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The scrutiny package is both the project and an app: its urls.py is the app's.
ROOT_URLCONF = "scrutiny.root_urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "scrutiny.common.context_processors.council",
                "scrutiny.common.context_processors.language",
            ],
            # Django's date filter, remembered for plain dates (issue 17: page rendering).
            "builtins": ["scrutiny.common.templatetags.cached_dates"],
        },
    },
]

WSGI_APPLICATION = "scrutiny.wsgi.application"

# SQLite file when DATABASE_URL is unset: the embedded default for trying it out.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "postgresql" in DATABASES["default"]["ENGINE"] and not env.bool("DATABASE_JIT", default=False):
    # PostgreSQL's JIT pays off for long analytic queries; this app's are short and indexed,
    # and where JIT is installed it added 1.5 to 1.9 s of compiling to each heavy plan
    # (docs/performance.md, "JIT"). Sent as a startup option, so no extra round trip.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Two people saving at once must queue, never fail with "database is locked": WAL lets
    # readers go on while one writes, every transaction takes the write lock when it begins
    # (IMMEDIATE; a DEFERRED one that reads first cannot wait for it and fails at once), and
    # a writer waits up to SQLITE_TIMEOUT seconds for the one before it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnerships.User"
# django-axes first: it refuses a locked username before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "scrutiny:home"
LOGOUT_REDIRECT_URL = "scrutiny:home"
# A password reset link works once, and for this many seconds (default one day).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 60 * 60)
# An invitation's link works once, and for this many days (default a week).
INVITATION_TIMEOUT_DAYS = env.int("INVITATION_TIMEOUT_DAYS", default=7)

# Outgoing email (password reset links): EMAIL_URL, e.g.
# smtp+tls://user:password@smtp.example.gov.uk:587 (STARTTLS) or smtps://...:465 (TLS).
# Blank: printed on the console when DEBUG (development); otherwise SMTP on this machine,
# port 25 (Django's own default). Django 6.1's MAILERS, built from it.
_email = env.email_url_config(
    env.str("EMAIL_URL", default="") or ("consolemail://" if DEBUG else "smtp://localhost:25")
)
_email_options = {
    "host": _email["EMAIL_HOST"],
    "port": _email["EMAIL_PORT"],
    "username": _email["EMAIL_HOST_USER"],
    "password": _email["EMAIL_HOST_PASSWORD"],
    "use_tls": _email.get("EMAIL_USE_TLS", False),
    "use_ssl": _email.get("EMAIL_USE_SSL", False),
    # Seconds to wait for the mail server before the try fails (and is tried again later).
    "timeout": env.int("EMAIL_TIMEOUT", default=30),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": _email_options if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend") else {},
    }
}
# GOV.UK Notify instead of SMTP, when an API key is set: every email goes through one
# Notify email template whose personalisation carries the subject and the body.
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_ID = env.str("NOTIFY_TEMPLATE_ID", default="")
NOTIFY_BASE_URL = (
    env.str("NOTIFY_BASE_URL", default="") or "https://api.notifications.service.gov.uk"
)
if NOTIFY_API_KEY:
    MAILERS["default"] = {
        "BACKEND": "scrutiny.common.notify_backend.NotifyEmailBackend",
        "OPTIONS": {
            "api_key": NOTIFY_API_KEY,
            "template_id": NOTIFY_TEMPLATE_ID,
            "base_url": NOTIFY_BASE_URL,
        },
    }

# The site's address, for the links in emails sent by the daily chase (no request to ask).
SITE_URL = (
    env.str("SITE_URL", default="")
    or ("http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}")
).rstrip("/")

# Background work (sending email): Django's tasks framework. "database" keeps tasks in the
# database for `manage.py db_worker` (django-tasks-db) to run; "immediate" runs each one
# at once in the process that enqueued it (development, the demo, most tests).
_tasks_backend = env.str("TASKS_BACKEND", default="") or ("immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }.get(_tasks_backend, _tasks_backend)
    }
}
# A failed send is tried again after each of these waits (minutes), then marked failed.
OUTBOX_RETRY_MINUTES = [
    float(m) for m in env.list("OUTBOX_RETRY_MINUTES", default=["1", "5", "30"])
]
# /healthz says no worker is taking tasks when one ready to run has waited this long.
WORKER_STALE_MINUTES = env.int("WORKER_STALE_MINUTES", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="") or "webmaster@localhost"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the plain URLs; Welsh (Cymraeg) under /cy/ (scrutiny.root_urls). Councils in
# Wales must offer both.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The Welsh is compiled from locale/cy/LC_MESSAGES/django.po by the build, the test run and
# `manage.py demo` (.mo files are not committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Dates as councils write them: "4 December 2017" (the locale's formats live here).
FORMAT_MODULE_PATH = ["scrutiny.formats"]
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("DJANGO_STATIC_ROOT")
# Manifest storage (hashed, cacheable names) in production; plain storage when debugging
# or testing, where collectstatic has not run.
_manifest = env("DJANGO_MANIFEST_STATIC")
if _manifest is None:
    _manifest = not DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _manifest
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# History is the audit trail: the admin shows it but never reverts to an old version.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# crispy-forms-gds styles only text, email and password inputs as GOV.UK inputs.
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input",
    "urlinput": "govuk-input",
    "timeinput": "govuk-input",
    "dateinput": "govuk-input",
    "selectmultiple": "govuk-select",
}

# Behind a TLS-terminating proxy in production, which sets X-Forwarded-Proto; it should
# also redirect http to https itself, and DJANGO_SSL_REDIRECT=false then leaves it to it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
# The load balancer asks each node over plain http, inside the council's network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Browsers keep to https for a year, on subdomains too. Not sent while debugging, where a
# mistake would lock a developer's browser out of http://localhost for that long.
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading covers every subdomain of the council's registered domain and is slow to undo:
# that domain's owner decides it, not this app (see SILENCED_SYSTEM_CHECKS).
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "scrutiny.common.security.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for SECURE_HSTS_PRELOAD: see the reason above it.
    "security.W021",
    # axes.W006 asks for ip_address among AXES_LOCKOUT_PARAMETERS, against locks keyed on a
    # combination such as username and user agent, which rotating the agent dodges. Ours is
    # the username alone, counted across every address, agent and cookie (the tests in
    # tests/partnerships/test_throttling.py prove it); locking by address as well would lock
    # out a whole council office, whose staff share one public address.
    "axes.W006",
]

# Only our own files run or style a page: scripts from this site (inline ones only with
# the request's nonce), no inline styles, no plugins, and no other site may frame a page
# or receive a form.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# How many proxies of ours stand in front of the app and append to X-Forwarded-For (0: the
# connection's own address is the client's). Used for the sign-in throttle and the
# security log; see scrutiny.common.security.client_address.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# The cache every node shares (rendered PDF packs): the database's own table by default
# (created by a migration, scrutiny 0015), so several gunicorn nodes need nothing more.
# DJANGO_CACHE_URL may name another shared cache; never a process-local one in production.
# (Blank, as .env.example leaves it, is the default too.)
CACHES = {
    "default": env.cache_url_config(
        env.str("DJANGO_CACHE_URL", default="") or "dbcache://django_cache"
    )
}

# PDFs rendered for anonymous visitors at once on this machine (each takes seconds of CPU;
# a pack already rendered comes from the cache and needs no slot), and how long a request
# waits for a slot before being answered 503 with Retry-After. The slots are lock files in
# PDF_SLOT_DIR (scrutiny.common.slots).
PDF_RENDERS_AT_ONCE = env.int("DJANGO_PDF_RENDERS_AT_ONCE", default=2)
PDF_RENDER_WAIT = env.float("DJANGO_PDF_RENDER_WAIT", default=5.0)
PDF_SLOT_DIR = env.str("DJANGO_PDF_SLOT_DIR", default="") or os.path.join(
    tempfile.gettempdir(), "scrutiny-pdf-slots"
)

# A meeting's record screen and the progress update form send a few fields per
# recommendation (some 1,000 at 150 recommendations): Django's default limit of 1,000 would
# answer a 400 and lose everything typed. 20,000 fields (some 3,000 recommendations at one
# meeting) is more than any agenda holds; the parse stays cheap at that size.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DJANGO_MAX_FORM_FIELDS", default=20_000)

# Sessions live in the database, so deactivating an account can delete them
# (scrutiny.common.sessions). One ends after 30 minutes without a request, and 8 hours after
# signing in however busy.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
# ...but an unchanged session at most once in this many seconds (scrutiny.common.sessions).
SESSION_SAVE_INTERVAL = 60
SESSION_ABSOLUTE_AGE = 8 * 60 * 60

# Sign-in throttling (django-axes): 10 failures for one username within 5 minutes lock that
# username for 5 minutes, whatever address the attempts come from and even with the right
# password. Attempts while locked do not stretch the lock, so the lockout page's "wait 5
# minutes" holds. Signing in successfully clears the count (a locked username cannot).
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=5)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "scrutiny.common.security.client_address"
AXES_USERNAME_CALLABLE = "scrutiny.common.security.axes_username"
AXES_LOCKOUT_CALLABLE = "scrutiny.common.security.locked_out"
# A wrong two-factor code is a failure too; the code typed is not kept in axes' records.
AXES_SENSITIVE_PARAMETERS = ["code"]

# Two-factor sign-in (django-otp): democratic services and administrators must set up an
# authenticator app when this is on (the default); anyone else may. A wrong code counts as
# a failed sign-in in django-axes' count above (the same username lock), so django-otp's
# own per-device delays are off: two throttles would give two different waits.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# The name an authenticator app shows beside the codes.
OTP_TOTP_ISSUER = env("SERVICE_NAME")

# The council whose tracker this is, shown in the header (none: no council header);
# its colour themes the pages.
COUNCIL_NAME = env("COUNCIL_NAME")
COUNCIL_COLOUR = env("COUNCIL_COLOUR")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", COUNCIL_COLOUR):
    raise ImproperlyConfigured("COUNCIL_COLOUR must be a colour like #1d70b8.")
SERVICE_NAME = env("SERVICE_NAME")
# Their Welsh names, shown on Welsh pages (blank: the default service name in Welsh, and
# the council's name as COUNCIL_NAME gives it).
COUNCIL_NAME_CY = env("COUNCIL_NAME_CY")
SERVICE_NAME_CY = env("SERVICE_NAME_CY")
# Where the accessibility statement (/accessibility/) tells people to ask for another
# format or report a problem, and in how many working days the council answers.
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL")
ACCESSIBILITY_CONTACT_PHONE = env("ACCESSIBILITY_CONTACT_PHONE")
ACCESSIBILITY_RESPONSE_DAYS = env("ACCESSIBILITY_RESPONSE_DAYS")
# For how many days after recording a progress update its author may correct it
# (democratic services may at any time).
UPDATE_CORRECTION_DAYS = env.int("UPDATE_CORRECTION_DAYS", default=14)
# A tracker spreadsheet brought in by democratic services: the largest upload (bytes), the
# most rows read, and the most a workbook may unpack to (bytes; a zip bomb is refused).
TRACKER_IMPORT_MAX_BYTES = env.int("TRACKER_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
TRACKER_IMPORT_MAX_ROWS = env.int("TRACKER_IMPORT_MAX_ROWS", default=10000)
TRACKER_IMPORT_MAX_UNPACKED = env.int("TRACKER_IMPORT_MAX_UNPACKED", default=100 * 1024 * 1024)
# The most rows a downloaded list (CSV or XLSX of the recommendation list, a committee's or
# an organisation's recommendations, agreed actions, search results) holds: the first ones,
# in the page's order.
EXPORT_MAX_ROWS = env.int("EXPORT_MAX_ROWS", default=10000)
# `manage.py prune_imports` deletes the file of an upload imported, or left unimported, this
# many days ago (the run's record of what it did stays).
TRACKER_IMPORT_KEEP_DAYS = env.int("TRACKER_IMPORT_KEEP_DAYS", default=30)
# An upload the import accepts stays in memory (it is kept in the database, never on disk).
FILE_UPLOAD_MAX_MEMORY_SIZE = TRACKER_IMPORT_MAX_BYTES + 64 * 1024

# One JSON line per request on the scrutiny.requests logger (method, path, status, time,
# user id, address, request id); off where the proxy's access log is enough.
REQUEST_LOG = env.bool("DJANGO_REQUEST_LOG", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Sign-ins, sign-outs, lockouts and refusals, one JSON line each, whatever the level
        # of the rest (scrutiny.common.security).
        "scrutiny.security": {"level": "INFO"},
        # One JSON line per request (scrutiny.common.requestlog), when REQUEST_LOG is on.
        "scrutiny.requests": {"level": "INFO"},
    },
}

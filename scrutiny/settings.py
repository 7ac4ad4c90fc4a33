"""Settings for the scrutiny recommendation tracker.

Every setting that differs between machines comes from the environment through the one
``env`` object below; `.env.example` documents each variable. The secret key has no
production default: with DEBUG off and no DJANGO_SECRET_KEY the app refuses to start.
"""

import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DJANGO_DEBUG=(bool, False),
    DJANGO_ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    DJANGO_CSRF_TRUSTED_ORIGINS=(list, []),
    COUNCIL_NAME=(str, ""),
    COUNCIL_COLOUR=(str, "#1d70b8"),
    SERVICE_NAME=(str, "Scrutiny recommendation tracker"),
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
    "simple_history",
    "partnerships",
    "scrutiny",
    "recommendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user as the author of each history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "scrutiny.context_processors.council",
            ],
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnerships.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "scrutiny:home"
LOGOUT_REDIRECT_URL = "scrutiny:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
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

# Behind a TLS-terminating proxy in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The council whose tracker this is, shown in the header (none: no council header);
# its colour themes the pages.
COUNCIL_NAME = env("COUNCIL_NAME")
COUNCIL_COLOUR = env("COUNCIL_COLOUR")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", COUNCIL_COLOUR):
    raise ImproperlyConfigured("COUNCIL_COLOUR must be a colour like #1d70b8.")
SERVICE_NAME = env("SERVICE_NAME")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

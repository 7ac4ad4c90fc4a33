"""Settings for the test suite: the app's own settings with a throwaway secret, a fast
password hasher and plain static files. DATABASE_URL still chooses the database, so the
same suite runs on SQLite (default) and PostgreSQL."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use")
os.environ.setdefault("DJANGO_MANIFEST_STATIC", "false")
# The test client and the live server speak plain http; tests that need https ask for it.
os.environ.setdefault("DJANGO_SSL_REDIRECT", "false")
# Playwright's event loop shares the thread with the live server's ORM calls in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from scrutiny.settings import *  # noqa: E402,F403

# Two-factor sign-in is switched on by the tests about it (override_settings).
TWO_FACTOR_REQUIRED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the app folders, as in development: no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Each test process its own PDF slots: parallel workers must not wait for each other.
PDF_SLOT_DIR = tempfile.mkdtemp(prefix="scrutiny-pdf-slots-")

# Tasks (sending email) run at once in the test's own process; the tests of the worker
# switch to the database backend and run `db_worker` themselves.
# (A worker started by a test, in its own process, is given TASKS_BACKEND=database.)
if os.environ.get("TASKS_BACKEND") != "database":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo must run on a fresh machine with nothing configured. Settings load before
        # any command runs and refuse to start without a secret unless DEBUG is on, so turn
        # DEBUG on here, for the demo only (the dev-only secret and plain static files
        # follow). The database stays settings' default, the SQLite file beside this one,
        # unless DATABASE_URL names another.
        os.environ["DJANGO_DEBUG"] = "true"
        # The demo's accounts sign in with a password alone (no authenticator app to hand).
        os.environ.setdefault("TWO_FACTOR_REQUIRED", "false")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

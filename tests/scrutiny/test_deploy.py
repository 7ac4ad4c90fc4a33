"""Django's deployment checklist passes with production settings: what .env.example gives
a real installation (DEBUG off, a real secret, its host names), nothing silenced without a
reason written in settings.py."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
# Set by tests/settings.py for the test run, or possibly by whoever runs the tests: none of
# them may soften the production settings checked here.
NOT_INHERITED = {
    "DATABASE_URL",
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_SSL_REDIRECT",
    "DJANGO_SECURE_COOKIES",
    "DJANGO_MANIFEST_STATIC",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "scrutiny.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "scrutiny.example.gov.uk",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://scrutiny.example.gov.uk",
        }
    )
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_checklist_passes_with_production_settings():
    result = check_deploy(production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("setting", "value", "check"),
    [
        ("DJANGO_DEBUG", "true", "security.W018"),
        ("DJANGO_SSL_REDIRECT", "false", "security.W008"),
        ("DJANGO_SECURE_COOKIES", "false", "security.W012"),
    ],
)
def test_the_check_catches_a_weakened_setting(setting, value, check):
    env = production_env()
    env[setting] = value

    result = check_deploy(env)

    assert result.returncode != 0
    assert check in result.stdout + result.stderr

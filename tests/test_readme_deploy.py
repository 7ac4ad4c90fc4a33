"""The README's deployment, followed as written on an empty PostgreSQL: the database and
its role made with its commands, the release steps run line by line with the dev tools left
out, then the site served with its "production settings over plain http" command; the Welsh
pages are Welsh, the static files are served and /healthz says the node can serve.

Only the values a reader would choose change: the database's name and password, the port,
where static files go, the superuser's name (given in the environment, as
``createsuperuser --noinput`` reads it). Runs on the PostgreSQL test run (it needs a
PostgreSQL server), once."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="follows the deployment on a PostgreSQL server: run with DATABASE_URL=postgres://...",
)


def readme_block(name: str) -> str:
    """The README's ```sh block whose info string names ``name``, as written."""
    readme = (ROOT / "README.md").read_text()
    found = re.search(rf"^```sh {name}\n(.*?)^```$", readme, flags=re.S | re.M)
    assert found, f"README.md has no ```sh {name} block"
    return found.group(1)


def commands(block: str) -> list[str]:
    """The block's commands, continuation lines joined."""
    return [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def get(url: str) -> tuple[int, str, str]:
    """Status, body and Set-Cookie headers of a GET, as any HTTP client sees them."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our server)
            cookies = " ".join(response.headers.get_all("Set-Cookie") or [])
            return response.status, response.read().decode(), cookies
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: str, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(
        ["bash", "-ec", command],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture
def database():
    """The README's database commands, run as the server's superuser, for a name of ours."""
    name = f"scrutiny_readme_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(16)
    admin = connection.settings_dict
    superuser = {
        **os.environ,
        "PGHOST": admin["HOST"] or "127.0.0.1",
        "PGPORT": str(admin["PORT"] or 5432),
        "PGUSER": admin["USER"] or "postgres",
        "PGDATABASE": "postgres",
    }
    if admin["PASSWORD"]:
        superuser["PGPASSWORD"] = admin["PASSWORD"]
    block = readme_block("database").replace("choose-a-password", password)
    block = re.sub(r"\bscrutiny\b", name, block)
    try:
        for command in commands(block):
            run(command, superuser)
        yield f"postgres://{name}:{password}@{superuser['PGHOST']}:{superuser['PGPORT']}/{name}"
    finally:
        subprocess.run(
            [
                "bash",
                "-c",
                f'dropdb --if-exists --force {name}; psql -c "DROP ROLE IF EXISTS {name}"',
            ],
            env=superuser,
            capture_output=True,
            timeout=120,
        )


@pytest.mark.skipif(not shutil.which("uv"), reason="uv is how the README deploys")
def test_the_readme_deployment_works_as_written(database, tmp_path):
    port = free_port()
    env = {
        # What a service's environment has: no virtualenv, no test settings.
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "VIRTUAL_ENV", "PYTEST", "UV_"))
        and name != "DATABASE_URL"
    }
    env.update(
        {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "scrutiny.example.gov.uk",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://scrutiny.example.gov.uk",
            "DATABASE_URL": database,
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_TRUSTED_PROXY_COUNT": "1",
            # The release's own environment, not the one running these tests.
            "UV_PROJECT_ENVIRONMENT": str(tmp_path / "venv"),
            "UV_PYTHON_DOWNLOADS": "never",
            "DJANGO_SUPERUSER_USERNAME": "itadmin",
            "DJANGO_SUPERUSER_EMAIL": "it@example.gov.uk",
            "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
        }
    )
    release = commands(readme_block("release"))
    assert release[-1].startswith("uv run gunicorn"), "the release steps end by serving"
    # One shell, as a reader types them: what the first line exports holds for the rest.
    steps = [c + " --noinput" if c.endswith("createsuperuser") else c for c in release[:-1]]
    run("\n".join(steps), env, timeout=900)

    venv = tmp_path / "venv" / "bin" / "python"
    for tool in ("pytest", "ruff", "playwright"):
        left_out = subprocess.run([venv, "-c", f"import {tool}"], capture_output=True)
        assert left_out.returncode != 0, f"the release installed the dev tool {tool}"

    serve = commands(readme_block("try-http"))[0].replace("8000", str(port))
    server = subprocess.Popen(
        ["bash", "-c", serve],
        cwd=ROOT,
        env={**env, "UV_NO_DEV": "1"},  # still exported from the release steps
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = get(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, "gunicorn stopped"
                assert time.monotonic() < deadline, "gunicorn did not answer in a minute"
                time.sleep(0.5)
        assert health[0] == 200
        assert json.loads(health[1])["migrations"] == "ok"

        status, welsh, _ = get(f"{base}/cy/")
        assert status == 200
        assert 'lang="cy"' in welsh
        assert "Chwilio" in welsh, "the Welsh interface was not compiled"
        stylesheet = re.search(r'href="(/static/govuk/app\.min\.[0-9a-f]+\.css)"', welsh)
        assert stylesheet, "static files are not served with hashed names"
        assert get(base + stylesheet.group(1))[0] == 200

        status, _, cookies = get(f"{base}/admin/login/")
        assert status == 200
        # Over plain http the CSRF cookie is not marked Secure, or sign-in could not work.
        assert "csrftoken=" in cookies and "Secure" not in cookies
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

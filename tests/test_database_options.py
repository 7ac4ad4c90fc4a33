"""The app's own database connections run with the options the settings promise."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_connections_do_not_jit_compile():
    """JIT is off for the app's connections unless DATABASE_JIT asks for it (a heavy plan
    paid 1.5 to 1.9 s of compiling for queries that run in milliseconds)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

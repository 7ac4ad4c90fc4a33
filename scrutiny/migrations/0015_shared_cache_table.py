"""The database cache's table (settings.CACHES, the default shared cache of rendered PDF
packs), so that every database the app migrates has it: production, `demo`, the tests'.
Creating it is idempotent and skips caches that are not in the database (Redis)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("scrutiny", "0014_stored_search_vectors")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

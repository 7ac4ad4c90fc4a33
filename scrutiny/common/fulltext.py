"""Full-text search vectors, and the PostgreSQL-only migration operation that indexes them.

A search vector is described once as fields with weights and a text search configuration
(``english`` stems English words, ``simple`` only lower-cases, for Welsh); ``vector`` turns
that into the expression both the search queries and the GIN indexes use. PostgreSQL uses an
expression index only when the query's expression is the index's expression, so both are
built by this one function (``tests/scrutiny/test_search.py`` checks with EXPLAIN).

SQLite has no full-text vectors: ``AddSearchIndex`` does nothing there, and the search
falls back to ``icontains`` (``scrutiny.selectors.search``). It changes no model state, so
the models need no ``Meta.indexes`` that SQLite could not build, and ``makemigrations`` sees
nothing to do.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (field name, weight) pairs: weight A for titles, B for the body text.
Fields = Sequence[tuple[str, str]]


def vector(fields: Fields, config: str, prefix: str = ""):
    """The weighted tsvector of ``fields`` (each reached through ``prefix``) in ``config``."""
    parts = [SearchVector(prefix + name, config=config, weight=weight) for name, weight in fields]
    return reduce(operator.add, parts)


class AddSearchIndex(migrations.operations.base.Operation):
    """Create a GIN index on ``vector(fields, config)`` of a model, on PostgreSQL only.

    A database other than PostgreSQL is left as it is, forwards and backwards; no model
    state changes, so the operation is invisible to the autodetector.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, name: str, fields: Fields, config: str):
        self.model_name = model_name
        self.name = name
        self.fields = [tuple(f) for f in fields]
        self.config = config

    def deconstruct(self):
        kwargs = {
            "model_name": self.model_name,
            "name": self.name,
            "fields": self.fields,
            "config": self.config,
        }
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label, state):
        pass

    def _index(self) -> GinIndex:
        return GinIndex(vector(self.fields, self.config), name=self.name)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        schema_editor.add_index(model, self._index())

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        schema_editor.remove_index(model, self._index())

    def describe(self) -> str:
        return f"Create full-text index {self.name} on {self.model_name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_{self.name.lower()}"

"""Full-text search vectors, and the PostgreSQL-only migration operations that store and
index them.

A search vector is described once as fields with weights and a text search configuration
(``english`` stems English words, ``simple`` only lower-cases, for Welsh); ``vector`` turns
that into an expression. ``AddSearchColumn`` stores it: a generated column (``GENERATED
ALWAYS AS (vector) STORED``), which PostgreSQL itself keeps current on every insert and
update, whether by ``save``, ``update`` or raw SQL, with a GIN index on the column; searches
read it with ``stored(column)``. Ranking a stored vector costs no parsing of the text: with
the vector computed at query time, building it was most of a search's time (``EXPLAIN
ANALYZE``, docs/performance.md, "Search").

SQLite has no full-text vectors (``to_tsvector`` is "no such function" even in a generated
column's definition, so Django's ``GeneratedField`` could not be migrated there): these
operations do nothing on SQLite, and the search falls back to ``icontains``
(``scrutiny.selectors.search``). They change no model state, so the models need no field
SQLite could not build, and ``makemigrations`` sees nothing to do. ``AddSearchIndex`` (the
first, expression indexes) stays for the migrations that use it.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations
from django.db.models.expressions import Col, Expression
from django.db.models.sql import Query

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


class stored(Expression):  # noqa: N801 (read as a function: ``stored("search_en")``)
    """The stored vector ``column`` (added by ``AddSearchColumn``) of the queried model's
    own table, for filtering (``@@``) and ranking."""

    output_field = SearchVectorField()

    def __init__(self, column: str):
        super().__init__()
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        target = SearchVectorField()
        target.set_attributes_from_name(self.column)
        target.model = query.model
        return Col(query.get_initial_alias(), target, SearchVectorField())


def _compiled(model, schema_editor, expression) -> str:
    """``expression`` as SQL on ``model``'s table, columns unqualified, values inlined (as
    Django writes an index's or a generated field's expression)."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = expression.resolve_expression(query).as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(p) for p in params)


class AddSearchColumn(migrations.operations.base.Operation):
    """Store ``vector(fields, config)`` of a model in the generated column ``column``, with
    the GIN index ``index`` on it, on PostgreSQL only; an index of that name (the
    expression index ``AddSearchIndex`` made) is replaced. Backwards, the column goes and
    the expression index comes back."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, column: str, index: str, fields: Fields, config: str):
        self.model_name = model_name
        self.column = column
        self.index = index
        self.fields = [tuple(f) for f in fields]
        self.config = config

    def deconstruct(self):
        kwargs = {
            "model_name": self.model_name,
            "column": self.column,
            "index": self.index,
            "fields": self.fields,
            "config": self.config,
        }
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        table, q = model._meta.db_table, schema_editor.quote_name
        expression = _compiled(model, schema_editor, vector(self.fields, self.config))
        schema_editor.execute(f"DROP INDEX IF EXISTS {q(self.index)}")
        schema_editor.execute(
            f"ALTER TABLE {q(table)} ADD COLUMN {q(self.column)} tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {q(self.index)} ON {q(table)} USING gin ({q(self.column)})"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        q = schema_editor.quote_name
        schema_editor.execute(f"DROP INDEX IF EXISTS {q(self.index)}")
        schema_editor.execute(
            f"ALTER TABLE {q(model._meta.db_table)} DROP COLUMN IF EXISTS {q(self.column)}"
        )
        schema_editor.add_index(model, GinIndex(vector(self.fields, self.config), name=self.index))

    def describe(self) -> str:
        return f"Store full-text vector {self.column} of {self.model_name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_{self.column.lower()}"

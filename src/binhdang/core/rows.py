"""Model instances from rows of SQL written out, for the few reads on the hot paths.

Django builds the SQL of a queryset anew on every evaluation; for a join of three tables that
costs several times what the database takes to answer (loadtest/README.md, seventh pass). A
read that every call of the API makes can be written out instead, its columns named here from
the models and its rows turned into instances the way the ORM does: the database's and the
fields' converters, then `Model.from_db`.

    unit = columns(OrgUnit, "u")
    cursor.execute(f"SELECT {unit.sql} FROM {table(OrgUnit)} u WHERE u.id = %s", [pk])
    org_unit = unit.build(cursor.fetchone())

A write on such a path can be written out the same way: `insert` takes the values by field
name and converts them as a save does (`Field.get_db_prep_save`). It sends no signal and fills
no `auto_now`: the caller gives every value, and counts what the model counts.

Such SQL runs through `prepared_cursor()`: on PostgreSQL its statements are prepared once per
connection and then only executed, where Django's own cursors send each query whole, with its
values written into it, to be parsed and planned again every time. For the three-table read
of every API call that halved what the database takes (loadtest/README.md, ninth pass).
"""

from functools import cache

import psycopg
from django.db import connections


class PreparedCursor(psycopg.Cursor):
    """psycopg's cursor with the values sent apart from the query (server-side binding), its
    statement prepared by the server on first use."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)

    def _maybe_prepare_gen(self, pgq, *, prepare=None, binary=None):
        # psycopg keeps the query it sent only when it sent it unprepared; Django's query log
        # (`last_executed_query`) reads it there, so it is kept for a prepared one too.
        self._query = pgq
        return super()._maybe_prepare_gen(pgq, prepare=prepare, binary=binary)


def prepared_cursor(using: str = "default"):
    """A cursor for the SQL written out on the hot paths, in Django's wrapper as with
    `connection.cursor()` (the query log, the execute wrappers, Django's errors): on
    PostgreSQL its statements are prepared, once per connection. Only for SQL of a few fixed
    shapes: each shape is a statement the connection keeps (psycopg keeps 100, the least
    used dropped first)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if connection.connection.prepare_threshold is None:
            # Django turns preparing off; its own cursors bind client-side and never prepare,
            # and these ask for it at once (`prepare=True`), so no count is ever reached.
            connection.connection.prepare_threshold = 2**31 - 1
        raw = PreparedCursor(connection.connection)
        # As Django's own cursor: the time zone of the connection's, when the server's differs.
        loader = raw.adapters.get_loader(TIMESTAMPTZ_OID, psycopg.pq.Format.TEXT)
        if connection.timezone != loader.timezone:
            register_tzloader(connection.timezone, raw)
        return connection._prepare_cursor(raw)


class Columns:
    """The concrete columns of `model` under the table alias `alias`, on database `using`."""

    def __init__(self, model, alias: str, using: str):
        connection = connections[using]
        quote = connection.ops.quote_name
        fields = list(model._meta.concrete_fields)
        self.model, self.using, self.width = model, using, len(fields)
        self.attnames = [f.attname for f in fields]
        self.sql = ", ".join(f"{quote(alias)}.{quote(f.column)}" for f in fields)
        self._converters = []
        for index, field in enumerate(fields):
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self._converters.append((index, column, found))

    def build(self, values):
        """The instance of these columns' values (a slice of a row, in `sql`'s order)."""
        values = list(values)
        connection = connections[self.using]
        for index, column, converters in self._converters:
            value = values[index]
            for converter in converters:
                value = converter(value, column, connection)
            values[index] = value
        return self.model.from_db(self.using, self.attnames, values)


@cache
def columns(model, alias: str, using: str = "default") -> Columns:
    return Columns(model, alias, using)


def table(model, using: str = "default") -> str:
    return connections[using].ops.quote_name(model._meta.db_table)


def insert(model, values: dict, using: str = "default") -> int:
    """One row of `model` inserted, `values` by field name (a foreign key by its id); its id."""
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in values]
    names = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table(model, using)} ({names}) VALUES ({marks})"  # noqa: S608 - the model's names
    returning = connection.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    with prepared_cursor(using) as rows:
        rows.execute(sql, params)
        if returning:
            return rows.fetchone()[0]
        return connection.ops.last_insert_id(rows, model._meta.db_table, model._meta.pk.column)


def create(model, values: dict, using: str = "default"):
    """`insert`, and the instance of the row inserted, as stored (a save of it updates it)."""
    pk = insert(model, values, using)
    instance = model(pk=pk, **{model._meta.get_field(k).attname: v for k, v in values.items()})
    instance._state.adding, instance._state.db = False, using
    return instance


def update(model, pk, values: dict, using: str = "default") -> int:
    """The row of `model` whose id is `pk` given `values` by field name; the rows changed."""
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in values]
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table(model, using)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608 - the model's names
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    with prepared_cursor(using) as rows:
        rows.execute(sql, [*params, pk])
        return rows.rowcount

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
"""

from functools import cache

from django.db import connections


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
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            return cursor.fetchone()[0]
        return connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column)


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
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])
        return cursor.rowcount

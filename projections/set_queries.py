"""Queries over large sets of ids that PostgreSQL plans as well as SQLite does.

Two things make the difference on PostgreSQL when a read model follows a file of thousands of
rows: the set goes as one array parameter (`= ANY(%s)`), not thousands of bind parameters; and
the planner is told how many rows the tables now hold. Rows a transaction inserted itself are
invisible to autovacuum until it commits, so without a fresh ANALYZE the planner takes tables
that just grew by 100,000 rows for nearly empty ones, and picks nested loops that cost minutes.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement

# Fewer inserted rows than this leave the planner's picture of a table about right.
STATISTICS_AFTER_ROWS = 1000


class _Among(ColumnElement[bool]):
    """`column IN (values)`, written for the dialect it is compiled for."""

    type = sa.Boolean()
    # Each statement is compiled afresh: the two spellings take different parameters.
    inherit_cache = False

    def __init__(self, column: sa.ColumnElement[Any], values: Collection[Any]) -> None:
        self.column = column
        self.values = list(values)


def among(column: sa.ColumnElement[Any], values: Collection[Any]) -> ColumnElement[bool]:
    """A condition that `column` is one of `values` (any number of them)."""
    return _Among(column, values)


@compiles(_Among)
def _among_anywhere(element: _Among, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column.in_(element.values), **kw)


@compiles(_Among, "postgresql")
def _among_on_postgresql(element: _Among, compiler: SQLCompiler, **kw: Any) -> str:
    array = sa.bindparam(
        None, element.values, type_=postgresql.ARRAY(element.column.type), unique=True
    )
    return compiler.process(element.column == sa.any_(array), **kw)


def refresh_statistics(connection: sa.Connection, rows_added: int, *tables: sa.Table) -> None:
    """After a bulk load of `rows_added` rows on PostgreSQL, ANALYZE `tables` in the same
    transaction (it sees the transaction's own rows), so the next queries are planned for
    their real size. Nothing to do on SQLite, whose planner reads the indexes as they are."""
    if connection.dialect.name != "postgresql" or rows_added < STATISTICS_AFTER_ROWS:
        return
    names = ", ".join(connection.dialect.identifier_preparer.format_table(t) for t in tables)
    connection.execute(sa.text(f"ANALYZE {names}"))

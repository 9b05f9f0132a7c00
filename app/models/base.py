"""The declarative base shared by every OrderPilot model.

The schema itself is defined by the SQL files under ``app/db/sql/`` (run by Alembic); these
models mirror it so that services can query with SQLAlchemy 2.x. They never create tables.
``tests/test_models_match_schema.py`` proves that they match a migrated database.

Conventions used by every module:

* ``str`` maps to ``text`` and ``datetime`` to ``timestamptz``; ``int`` is ``integer`` unless a
  column names ``BigInteger`` / ``SmallInteger``; numerics always carry their precision and scale.
* Constraint names follow PostgreSQL's own defaults (``<table>_pkey``, ``<table>_<cols>_key``,
  ``<table>_<cols>_fkey``), so the names in the models are the names in the database.
* **What the ORM leaves out of an INSERT.** PostgreSQL checks column privileges on every column an
  INSERT names, even when the value is NULL, and the group roles may insert only some columns
  (``07_grants.sql``). SQLAlchemy's ORM omits a column it has no value for only if the column has
  a server default; otherwise it sends an explicit NULL. So every column that is not a plain
  required input carries a ``server_default``:

  - ``text(...)`` repeating the SQL ``DEFAULT`` when it is a constant, ``now()`` or
    ``CURRENT_DATE`` (the schema test compares these with the database);
  - ``FetchedValue()`` when the value comes from a server function or trigger (document
    numbers, totals, versions, ``session_user`` creators) and for nullable columns without a
    ``DEFAULT`` (their database default is NULL; leaving them out is the same as NULL).

  Server-owned columns must never be assigned by clients: the roles have no privilege on them
  and the guard triggers overwrite them. Columns that triggers change on UPDATE also carry
  ``server_onupdate=FetchedValue()`` so the ORM re-reads them after a flush.
* Relationships are few and ``lazy="raise"``: services load what they need explicitly
  (``selectinload``) and return plain data, so nothing lazy-loads later in a view.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, MetaData, Text
from sqlalchemy.orm import DeclarativeBase

#: PostgreSQL's default constraint names; check constraints are not declared in the models.
NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
}


class Base(DeclarativeBase):
    """Declarative base for all OrderPilot tables (schema ``public``)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        str: Text(),
        datetime: DateTime(timezone=True),
    }

"""The ORM models in app/models match the database that the migrations build.

The SQL files are the schema; the models are a mirror that services query through. These tests
migrate a fresh database (the ``db_url`` fixture) and compare:

- with Alembic's autogenerate comparison: tables, columns, types (with precision and scale),
  nullability, server defaults, identity and generated columns, unique constraints, indexes,
  and table and column comments;
- by hand, for what Alembic does not look at: primary keys, foreign keys with their ON DELETE
  rule, and index predicates (``WHERE``) and operator classes (``text_pattern_ops``);
- against the GRANTs: an ORM INSERT never names a column the inserting role may not write.

Indexes are declared in the models rather than filtered out of the diff: services page through
large tables by keyset on indexed columns, and the models should say which columns those are.

Not compared: CHECK constraints (Alembic cannot reflect them usefully; the models do not declare
them, docs/schema.md lists them), triggers, functions, policies and privileges themselves.
"""

from __future__ import annotations

import re
import warnings
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import FetchedValue, inspect, select, text
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.schema import CreateIndex

from app.db.engine import make_engine
from app.models import Base, Customer, Product, SalesOrder, SalesOrderLine, Warehouse
from app.models.change_log import Xid8

TABLES = Base.metadata.tables


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    # Teach this engine's reflection PostgreSQL's xid8 (change_log.xid), so that its type is
    # compared too instead of being reflected as an unknown type with a warning.
    engine.dialect.ischema_names = {**engine.dialect.ischema_names, "xid8": Xid8}
    yield engine
    engine.dispose()


def _only_our_tables(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name == "alembic_version")


def test_models_match_the_migrated_schema(engine):
    with warnings.catch_warnings(record=True) as caught, engine.connect() as conn:
        warnings.simplefilter("always")
        context = MigrationContext.configure(conn, opts={
            "compare_type": True,
            # Literal and now()/CURRENT_DATE defaults are declared with text() and compared
            # (PostgreSQL evaluates both sides). Columns declared server_default=FetchedValue()
            # -- values the server owns (numbers, creators, versions) and nullable columns whose
            # database default is NULL -- are skipped by Alembic, as intended.
            "compare_server_default": True,
            "include_object": _only_our_tables,
        })
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    # Alembic only warns when a generated column's expression differs; treat that as a failure.
    messages = [str(w.message) for w in caught
                if not issubclass(w.category, (DeprecationWarning, ResourceWarning))]
    assert messages == []


def test_models_declare_every_table_of_the_schema(engine):
    database_tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert database_tables == set(TABLES)


def test_primary_and_foreign_keys_match_with_their_delete_rules(engine):
    inspector = inspect(engine)
    for name, table in TABLES.items():
        pk = inspector.get_pk_constraint(name)
        assert (pk["name"], pk["constrained_columns"]) == (
            table.primary_key.name, [c.name for c in table.primary_key.columns]), name

        reflected = {
            (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
             tuple(fk["referred_columns"]), (fk["options"].get("ondelete") or "NO ACTION").upper())
            for fk in inspector.get_foreign_keys(name)
        }
        declared = {
            (fk.name, tuple(c.name for c in fk.columns), fk.referred_table.name,
             tuple(e.column.name for e in fk.elements), (fk.ondelete or "NO ACTION").upper())
            for fk in table.foreign_key_constraints
        }
        assert declared == reflected, name


def _normalised_index_ddl(ddl: str) -> str:
    ddl = ddl.replace("public.", "").replace("USING btree ", "")
    ddl = re.sub(r"::(text|bpchar)\b", "", ddl)
    return re.sub(r"[\s()]", "", ddl).lower()


def test_indexes_match_with_their_predicates_and_operator_classes(engine):
    # Indexes that back primary keys and unique constraints are covered by those; the rest
    # (CREATE INDEX in the SQL files) are declared in the models, each exactly as created.
    with engine.connect() as conn:
        in_database = dict(conn.execute(text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = 'public' AND i.tablename <> 'alembic_version' AND NOT EXISTS "
            "  (SELECT 1 FROM pg_constraint c "
            "   WHERE c.conindid = format('%I', i.indexname)::regclass)"
        )).all())
    declared = {index.name: index for table in TABLES.values() for index in table.indexes}
    assert set(declared) == set(in_database)
    for name, index in declared.items():
        ddl = str(CreateIndex(index).compile(dialect=engine.dialect))
        assert _normalised_index_ddl(ddl) == _normalised_index_ddl(in_database[name]), name


def test_orm_inserts_never_name_a_column_the_inserting_role_may_not_write(engine):
    """PostgreSQL refuses an INSERT that names a column without privilege, even with NULL.

    The ORM leaves a column out of an INSERT only when it has a server default (or is an
    identity / generated column), so each such column must carry one in the models.
    """
    with engine.connect() as conn:
        privileges = conn.execute(text(
            "SELECT r.rolname, c.table_name, c.column_name, "
            "       has_column_privilege(r.oid, format('%I', c.table_name)::regclass, "
            "                            c.column_name, 'INSERT') "
            "FROM pg_roles r CROSS JOIN information_schema.columns c "
            "WHERE r.rolname LIKE 'op\\_%' AND c.table_schema = 'public' "
            "  AND c.table_name <> 'alembic_version'")).all()
    may_insert: dict[tuple[str, str], set[str]] = {}
    for role, table, column, allowed in privileges:
        columns = may_insert.setdefault((role, table), set())
        if allowed:
            columns.add(column)
    problems = []
    for (role, table), allowed in sorted(may_insert.items()):
        if not allowed:
            continue  # the role cannot insert into this table at all
        for column in TABLES[table].columns:
            if column.name in allowed or column.server_default is not None:
                continue
            problems.append(f"{role} inserts {table} but may not write {column.name}")
    assert problems == []


def test_server_owned_columns_are_marked_as_fetched_not_as_client_defaults():
    owned = {
        "sales_order": {"order_no", "total_amount", "line_count", "version", "created_by",
                        "updated_by", "held_from_status", "submitted_at", "approved_at",
                        "shipped_at", "closed_at"},
        "production_order": {"production_no", "created_by"},
        "shipment": {"shipment_no", "created_by"},
        "rma": {"rma_no", "created_by"},
        "approval_decision": {"approver", "order_id"},
    }
    for table, columns in owned.items():
        for name in columns:
            default = TABLES[table].c[name].server_default
            assert type(default) is FetchedValue, f"{table}.{name}"
    assert TABLES["sales_order_line"].c.line_total.computed is not None
    assert TABLES["change_log"].c.seq.identity.always


def test_a_clerk_creates_an_order_through_the_models(engine, make_login):
    with Session(engine) as admin:
        product = Product(sku="P-100", name="Centrifugal pump CP-100", list_price=Decimal("1200"))
        warehouse = Warehouse(code="SH", name="Shanghai")
        admin.add_all([product, warehouse])
        admin.commit()
        product_id, warehouse_id = product.id, warehouse.id
        assert product.kind == "finished" and product.tax_rate == Decimal("13.00")

    clerk = make_login("models_clerk", "op_sales")
    clerk_engine = make_engine(clerk.url)
    try:
        with Session(clerk_engine, expire_on_commit=False) as session:
            customer = Customer(code="C001", name="上海浦江机械有限公司")
            order = SalesOrder(customer=customer, customer_reference="PO-7")
            order.lines = [
                SalesOrderLine(line_no=2, product_id=product_id, quantity=Decimal("10"),
                               unit_price=Decimal("80"), discount_pct=Decimal("10")),
                SalesOrderLine(line_no=1, product_id=product_id, quantity=Decimal("2"),
                               unit_price=Decimal("1200"), warehouse_id=warehouse_id),
            ]
            session.add(order)
            session.flush()
            totals = [line.line_total for line in order.lines]
            assert totals == [Decimal("720.00"), Decimal("2400.00")]
            session.refresh(order)  # the line triggers updated the totals on the server
            assert order.order_no.startswith("SO-")
            assert (order.status, order.created_by, order.line_count) == ("draft", clerk.name, 2)
            assert order.total_amount == Decimal("3120.00")
            version = order.version

            order.status = "pending_approval"
            order.status_note = "Confirmed by phone"
            session.flush()  # eager defaults: the new version and timestamps come back at once
            assert order.version == version + 1
            assert order.submitted_at is not None
            session.commit()

        with Session(clerk_engine) as session:
            loaded = session.scalars(
                select(SalesOrder).options(selectinload(SalesOrder.lines))
                .where(SalesOrder.id == order.id)).one()
            assert [line.line_no for line in loaded.lines] == [1, 2]
            with pytest.raises(Exception, match="lazy='raise'"):
                loaded.customer  # noqa: B018 - relationships never load implicitly
    finally:
        clerk_engine.dispose()

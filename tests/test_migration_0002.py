"""Revision 0002 upgrades a 0001 database that holds data, can be taken back, and is what the
test template (and so every other test) runs on."""

from __future__ import annotations

import secrets

import pytest
from alembic import command
from sqlalchemy import text

from app.db.engine import make_engine
from app.db.migrate import alembic_config, current_revision, head_revision, upgrade

LEGACY = """
    INSERT INTO product (sku, name, supply) VALUES ('CAB-1', 'Cabinet', 'make_to_order');
    INSERT INTO production_order (product_id, quantity, status) VALUES (1, 5, 'in_progress');
    INSERT INTO production_operation (production_order_id, seq, name, status, planned_start, planned_end,
                                      actual_start, actual_end, quantity_done)
    VALUES (1, 10, 'Wiring', 'done', now() - interval '5 hours', now() - interval '3 hours', NULL, NULL, 5),
           (1, 20, 'Testing', 'scheduled', now() - interval '2 hours', now() + interval '1 hour', now() - interval '1 hour', NULL, 0);
    INSERT INTO deviation_alert (kind, production_order_id, message, raised_at) VALUES
        ('late_against_promise', 1, 'old', now() - interval '1 day'),
        ('late_against_promise', 1, 'newer', now());
"""


@pytest.fixture
def engine(pg_server):
    name = f"op_mig_{secrets.token_hex(4)}"
    admin = pg_server.admin_connection()
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    engine = make_engine(pg_server.url(name))
    yield engine
    engine.dispose()
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def downgrade(engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_the_test_template_is_migrated_to_the_newest_revision(db_url):
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision() == "0002"
    finally:
        engine.dispose()


def test_upgrading_a_0001_database_with_data_makes_old_rows_consistent_and_keeps_one_open_alert(engine):
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(LEGACY)
    upgrade(engine)
    assert current_revision(engine) == "0002"
    with engine.connect() as conn:
        ops = conn.execute(text("SELECT seq, status, actual_start IS NOT NULL, actual_end IS NOT NULL "
                                "FROM production_operation ORDER BY seq")).all()
        assert ops == [(10, "done", True, True), (20, "in_progress", True, False)]
        open_alerts = conn.execute(text("SELECT message, subject_id FROM deviation_alert "
                                        "WHERE resolved_at IS NULL")).all()
        assert open_alerts == [("newer", 1)]
        assert conn.scalar(text("SELECT time_zone FROM plant_setting")) is None
        assert conn.scalar(text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'material_demand_feed_%'")) == 3


def test_downgrading_to_0001_removes_what_0002_added_and_upgrading_again_works(engine):
    upgrade(engine)
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT to_regclass('plant_setting')")) is None
        columns = set(conn.scalars(text(
            "SELECT table_name || '.' || column_name FROM information_schema.columns "
            "WHERE column_name IN ('expected_at', 'subject_id', 'received_at', 'updated_by') "
            "AND table_name IN ('material_demand', 'deviation_alert', 'production_order', 'production_operation')")))
        assert columns == set()
        assert conn.scalar(text("SELECT count(*) FROM pg_proc WHERE proname = 'op_post_production'")) == 0
    upgrade(engine)
    assert current_revision(engine) == "0002"

"""Production execution and alerts: progress guards, who touched an operation, posting finished
production, material arrival dates, plant time zone, one open alert per subject, orders by total.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from alembic import op

from app.db.sql_files import run_sql_folder

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_folder(op.get_bind(), "0002")


def downgrade() -> None:
    run_sql_folder(op.get_bind(), "0002_down")

"""Foundation: group roles, the whole schema, guards, change feed and privileges.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from alembic import op

from app.db.sql_files import run_sql_folder

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_folder(op.get_bind(), "0001")


def downgrade() -> None:
    # Roles are cluster-wide and may be shared by other OrderPilot databases: they stay.
    op.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")

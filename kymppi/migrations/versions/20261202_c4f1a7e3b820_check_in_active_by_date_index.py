"""check_in: an index of active check-ins by session date, so a period's visits are a range, not every check-in

Revision ID: c4f1a7e3b820
Revises: a3d8e6b2c915
Create Date: 2026-12-02 05:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4f1a7e3b820"
down_revision = "a3d8e6b2c915"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(
            "ix_check_in_active_by_date",
            ["session_date", "course_id"],
            unique=False,
            sqlite_where=sa.text("undone_at IS NULL"),
            postgresql_where=sa.text("undone_at IS NULL"),
        )


def downgrade():
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index("ix_check_in_active_by_date", sqlite_where=sa.text("undone_at IS NULL"))

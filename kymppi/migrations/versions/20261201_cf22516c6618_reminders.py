"""reminders: when each was sent, and the buyer's choice

Revision ID: cf22516c6618
Revises: 8f58b04b57d1
Create Date: 2026-12-01 20:15:38.039532

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "cf22516c6618"
down_revision = "8f58b04b57d1"
branch_labels = None
depends_on = None


def upgrade():
    # sa.true(), not "1": PostgreSQL refuses an integer default on a boolean column.
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminders", sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.add_column(sa.Column("low_visits_reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("expiry_reminded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_column("expiry_reminded_at")
        batch_op.drop_column("low_visits_reminded_at")

    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.drop_column("reminders")

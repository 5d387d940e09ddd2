"""card: an index on the validity and the buyer, so a period's buyers are read from it, not from every card

Revision ID: a3d8e6b2c915
Revises: 5e0c1f7a9d42
Create Date: 2026-12-02 05:10:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a3d8e6b2c915"
down_revision = "5e0c1f7a9d42"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_validity", ["valid_until", "valid_from", "buyer_id"], unique=False)


def downgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_validity")

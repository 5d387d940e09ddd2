"""card: an index on replaced_by_id, as every card page asks which card it replaced (a scan of every card)

Revision ID: d7e2b9c4a615
Revises: c4f1a7e3b820
Create Date: 2026-12-02 05:50:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "d7e2b9c4a615"
down_revision = "c4f1a7e3b820"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_replaced_by_id", ["replaced_by_id"], unique=False)


def downgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_replaced_by_id")

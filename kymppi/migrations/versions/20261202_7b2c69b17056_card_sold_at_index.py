"""card: an index on the sale time, so the card list's newest-first page reads 50 rows, not every card

Revision ID: 7b2c69b17056
Revises: b7e41d09c2a6
Create Date: 2026-12-02 02:30:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "7b2c69b17056"
down_revision = "b7e41d09c2a6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_sold_at", ["sold_at", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_sold_at")

"""organization: the opisto's own colour for the header and buttons

Revision ID: 3c7d2a91e5b4
Revises: 5471b49ceed7
Create Date: 2026-12-02 01:10:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "3c7d2a91e5b4"
down_revision = "5471b49ceed7"
branch_labels = None
depends_on = None


def upgrade():
    # The colour the app had before it could be chosen: an existing opisto looks the same after the upgrade.
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accent_colour", sa.String(length=7), server_default="#0b5cad", nullable=False))


def downgrade():
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_column("accent_colour")

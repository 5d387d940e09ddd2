"""api_token: when each token was last used, for the admin deciding which to revoke

Revision ID: b7e41d09c2a6
Revises: 3c7d2a91e5b4
Create Date: 2026-12-02 02:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b7e41d09c2a6"
down_revision = "3c7d2a91e5b4"
branch_labels = None
depends_on = None


def upgrade():
    # Empty for the tokens there are: their use before this was never recorded.
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")

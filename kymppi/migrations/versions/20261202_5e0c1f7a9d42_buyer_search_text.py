"""buyer: the search text (name and email in lower case), so a search is the database's own LIKE

Revision ID: 5e0c1f7a9d42
Revises: 7b2c69b17056
Create Date: 2026-12-02 05:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e0c1f7a9d42"
down_revision = "7b2c69b17056"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade():
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    buyer = sa.table(
        "buyer",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("email", sa.String),
        sa.column("anonymized_at", sa.DateTime),
        sa.column("search_text", sa.Text),
    )
    # Python's lower(), as the app writes it: SQLite's own knows only ASCII.
    connection = op.get_bind()
    last = 0
    while rows := connection.execute(
        sa.select(buyer.c.id, buyer.c.name, buyer.c.email)
        .where(buyer.c.id > last, buyer.c.anonymized_at.is_(None))
        .order_by(buyer.c.id)
        .limit(BATCH)
    ).all():
        connection.execute(
            buyer.update().where(buyer.c.id == sa.bindparam("buyer_id")),
            [{"buyer_id": id_, "search_text": f"{name.lower()}\n{(email or '').lower()}"} for id_, name, email in rows],
        )
        last = rows[-1].id
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.create_index("ix_buyer_search_text", ["search_text"], unique=False)


def downgrade():
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.drop_index("ix_buyer_search_text")
        batch_op.drop_column("search_text")

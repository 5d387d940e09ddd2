"""refused scans: scans that took no visit, for the office to notice

Revision ID: 8f58b04b57d1
Revises: 44963ffca238
Create Date: 2026-12-01 18:51:20.725846

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "8f58b04b57d1"
down_revision = "44963ffca238"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "refused_scan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scanned_by_id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("camera", "scanner", "manual", "offline", name="checkinsource", native_enum=False, length=15),
            nullable=False,
        ),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"], name=op.f("fk_refused_scan_card_id_card")),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], name=op.f("fk_refused_scan_course_id_course")),
        sa.ForeignKeyConstraint(["scanned_by_id"], ["user.id"], name=op.f("fk_refused_scan_scanned_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_scan")),
        sa.UniqueConstraint("client_id", name=op.f("uq_refused_scan_client_id")),
    )
    with op.batch_alter_table("refused_scan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refused_scan_card_id"), ["card_id"], unique=False)
        batch_op.create_index("ix_refused_scan_scanned_at", ["scanned_at"], unique=False)


def downgrade():
    with op.batch_alter_table("refused_scan", schema=None) as batch_op:
        batch_op.drop_index("ix_refused_scan_scanned_at")
        batch_op.drop_index(batch_op.f("ix_refused_scan_card_id"))

    op.drop_table("refused_scan")

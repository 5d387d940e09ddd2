"""feedback rounds: invitations with their answers, and each round's messages

Revision ID: 5471b49ceed7
Revises: cf22516c6618
Create Date: 2026-12-01 21:31:41.356591

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5471b49ceed7"
down_revision = "cf22516c6618"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_feedback_round_dates_in_order")),
        sa.ForeignKeyConstraint(["closed_by_id"], ["user.id"], name=op.f("fk_feedback_round_closed_by_id_user")),
        sa.ForeignKeyConstraint(["started_by_id"], ["user.id"], name=op.f("fk_feedback_round_started_by_id_user")),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], name=op.f("fk_feedback_round_term_id_term")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_round")),
    )
    with op.batch_alter_table("feedback_round", schema=None) as batch_op:
        batch_op.create_index(
            "uq_feedback_round_open_period",
            ["starts_on", "ends_on"],
            unique=True,
            sqlite_where=sa.text("closed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL"),
        )

    op.create_table(
        "feedback_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failure", sa.String(length=200), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("good", sa.String(length=2000), nullable=True),
        sa.Column("improve", sa.String(length=2000), nullable=True),
        sa.Column(
            "buy_again", sa.Enum("yes", "no", "maybe", name="buyagain", native_enum=False, length=13), nullable=True
        ),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 5", name=op.f("ck_feedback_invitation_rating_range")
        ),
        sa.ForeignKeyConstraint(["buyer_id"], ["buyer.id"], name=op.f("fk_feedback_invitation_buyer_id_buyer")),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["feedback_round.id"],
            name=op.f("fk_feedback_invitation_round_id_feedback_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_invitation")),
        sa.UniqueConstraint("round_id", "buyer_id", name="uq_feedback_invitation_round_buyer"),
        sa.UniqueConstraint("token_hash", name=op.f("uq_feedback_invitation_token_hash")),
    )
    with op.batch_alter_table("feedback_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_invitation_buyer_id"), ["buyer_id"], unique=False)

    op.create_table(
        "feedback_message",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.Enum("fi", "sv", "en", name="language", native_enum=False, length=10), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(length=5000), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["feedback_round.id"],
            name=op.f("fk_feedback_message_round_id_feedback_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "language", name=op.f("pk_feedback_message")),
    )
    op.create_table(
        "feedback_course_mention",
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_feedback_course_mention_course_id_course"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["feedback_invitation.id"],
            name=op.f("fk_feedback_course_mention_invitation_id_feedback_invitation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("invitation_id", "course_id", name=op.f("pk_feedback_course_mention")),
    )


def downgrade():
    op.drop_table("feedback_course_mention")
    op.drop_table("feedback_message")
    with op.batch_alter_table("feedback_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_invitation_buyer_id"))

    op.drop_table("feedback_invitation")
    with op.batch_alter_table("feedback_round", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_feedback_round_open_period",
            sqlite_where=sa.text("closed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL"),
        )

    op.drop_table("feedback_round")

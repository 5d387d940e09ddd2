"""initial schema

Revision ID: 44963ffca238
Revises:
Create Date: 2026-11-22 12:27:47.259709

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "44963ffca238"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "buyer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("language", sa.Enum("fi", "sv", "en", name="language", native_enum=False, length=10), nullable=False),
        sa.Column("feedback_consent", sa.Boolean(), nullable=False),
        sa.Column("new_customer", sa.Boolean(), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("anonymized_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "email IS NOT NULL OR phone IS NOT NULL OR anonymized_at IS NOT NULL", name=op.f("ck_buyer_reachable")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer")),
    )
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buyer_email"), ["email"], unique=False)

    op.create_table(
        "card_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("on_sale", sa.Boolean(), nullable=False),
        sa.CheckConstraint("price_cents >= 0", name=op.f("ck_card_type_price_not_negative")),
        sa.CheckConstraint("valid_from <= valid_until", name=op.f("ck_card_type_validity_in_order")),
        sa.CheckConstraint("visits > 0", name=op.f("ck_card_type_visits_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_type")),
    )
    op.create_table(
        "course_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_category")),
        sa.UniqueConstraint("code", name=op.f("uq_course_category_code")),
    )
    op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("business_id", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("privacy_notice_url", sa.String(length=500), nullable=False),
        sa.Column("anonymize_after_months", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
    )
    op.create_table(
        "receipt_counter",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_receipt_counter")),
    )
    op.create_table(
        "term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.Enum("autumn", "spring", name="termkind", native_enum=False, length=14), nullable=False),
        sa.Column("academic_year", sa.String(length=9), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_term_dates_in_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term")),
    )
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role", sa.Enum("office", "instructor", "admin", name="role", native_enum=False, length=18), nullable=False
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("language", sa.Enum("fi", "sv", "en", name="language", native_enum=False, length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("email", name=op.f("uq_user_email")),
        sa.UniqueConstraint("session_token", name=op.f("uq_user_session_token")),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_api_token_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("card_type_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "suspended",
                "cancelled",
                "refunded",
                "replaced",
                name="cardstatus",
                native_enum=False,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("status_reason", sa.String(length=500), nullable=True),
        sa.Column("visits_total", sa.Integer(), nullable=False),
        sa.Column("visits_used", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("suspended_on", sa.Date(), nullable=True),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("refunded_cents", sa.Integer(), nullable=True),
        sa.Column(
            "payment_method",
            sa.Enum(
                "cash",
                "payment_card",
                "invoice",
                "epassi",
                "smartum",
                "edenred",
                "other",
                name="paymentmethod",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("payment_reference", sa.String(length=100), nullable=True),
        sa.Column("sold_by_id", sa.Integer(), nullable=False),
        sa.Column("sold_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sale_key", sa.String(length=64), nullable=True),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("price_cents >= 0", name=op.f("ck_card_price_not_negative")),
        sa.CheckConstraint("valid_from <= valid_until", name=op.f("ck_card_validity_in_order")),
        sa.CheckConstraint("visits_used >= 0 AND visits_used <= visits_total", name=op.f("ck_card_visits_in_range")),
        sa.ForeignKeyConstraint(["buyer_id"], ["buyer.id"], name=op.f("fk_card_buyer_id_buyer")),
        sa.ForeignKeyConstraint(["card_type_id"], ["card_type.id"], name=op.f("fk_card_card_type_id_card_type")),
        sa.ForeignKeyConstraint(["replaced_by_id"], ["card.id"], name=op.f("fk_card_replaced_by_id_card")),
        sa.ForeignKeyConstraint(["sold_by_id"], ["user.id"], name=op.f("fk_card_sold_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card")),
        sa.UniqueConstraint("number", name=op.f("uq_card_number")),
        sa.UniqueConstraint("sale_key", name=op.f("uq_card_sale_key")),
        sa.UniqueConstraint("secret", name=op.f("uq_card_secret")),
    )
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_buyer_id"), ["buyer_id"], unique=False)

    op.create_table(
        "card_type_category",
        sa.Column("card_type_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_type_id"],
            ["card_type.id"],
            name=op.f("fk_card_type_category_card_type_id_card_type"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["course_category.id"],
            name=op.f("fk_card_type_category_category_id_course_category"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("card_type_id", "category_id", name=op.f("pk_card_type_category")),
    )
    op.create_table(
        "course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("accepts_cards", sa.Boolean(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("card_cap", sa.Integer(), nullable=True),
        sa.CheckConstraint("card_cap IS NULL OR card_cap >= 0", name=op.f("ck_course_card_cap_not_negative")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_course_weekday_range")),
        sa.ForeignKeyConstraint(
            ["category_id"], ["course_category.id"], name=op.f("fk_course_category_id_course_category")
        ),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], name=op.f("fk_course_term_id_term")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("code", name=op.f("uq_course_code")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_audit_event_actor_id_user")),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"], name=op.f("fk_audit_event_card_id_card")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_card_id"), ["card_id"], unique=False)

    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_in_by_id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("camera", "scanner", "manual", "offline", name="checkinsource", native_enum=False, length=15),
            nullable=False,
        ),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by_id", sa.Integer(), nullable=True),
        sa.Column("undo_reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"], name=op.f("fk_check_in_card_id_card")),
        sa.ForeignKeyConstraint(["checked_in_by_id"], ["user.id"], name=op.f("fk_check_in_checked_in_by_id_user")),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], name=op.f("fk_check_in_course_id_course")),
        sa.ForeignKeyConstraint(["undone_by_id"], ["user.id"], name=op.f("fk_check_in_undone_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
        sa.UniqueConstraint("client_id", name=op.f("uq_check_in_client_id")),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_in_card_id"), ["card_id"], unique=False)
        batch_op.create_index("ix_check_in_course_session", ["course_id", "session_date"], unique=False)
        batch_op.create_index(
            "uq_check_in_active_session",
            ["card_id", "course_id", "session_date"],
            unique=True,
            sqlite_where=sa.text("undone_at IS NULL"),
            postgresql_where=sa.text("undone_at IS NULL"),
        )

    op.create_table(
        "course_instructor",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_course_instructor_course_id_course"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_course_instructor_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("course_id", "user_id", name=op.f("pk_course_instructor")),
    )
    op.create_table(
        "receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"], name=op.f("fk_receipt_card_id_card")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
        sa.UniqueConstraint("card_id", name=op.f("uq_receipt_card_id")),
        sa.UniqueConstraint("year", "number", name="uq_receipt_year_number"),
    )
    op.create_table(
        "visit_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_card_id", sa.Integer(), nullable=False),
        sa.Column("to_card_id", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("transferred_by_id", sa.Integer(), nullable=False),
        sa.Column("transferred_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("visits > 0", name=op.f("ck_visit_transfer_visits_positive")),
        sa.ForeignKeyConstraint(["from_card_id"], ["card.id"], name=op.f("fk_visit_transfer_from_card_id_card")),
        sa.ForeignKeyConstraint(["to_card_id"], ["card.id"], name=op.f("fk_visit_transfer_to_card_id_card")),
        sa.ForeignKeyConstraint(
            ["transferred_by_id"], ["user.id"], name=op.f("fk_visit_transfer_transferred_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_transfer")),
    )
    with op.batch_alter_table("visit_transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_transfer_from_card_id"), ["from_card_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_transfer_to_card_id"), ["to_card_id"], unique=False)


def downgrade():
    with op.batch_alter_table("visit_transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_transfer_to_card_id"))
        batch_op.drop_index(batch_op.f("ix_visit_transfer_from_card_id"))

    op.drop_table("visit_transfer")
    op.drop_table("receipt")
    op.drop_table("course_instructor")
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_check_in_active_session",
            sqlite_where=sa.text("undone_at IS NULL"),
            postgresql_where=sa.text("undone_at IS NULL"),
        )
        batch_op.drop_index("ix_check_in_course_session")
        batch_op.drop_index(batch_op.f("ix_check_in_card_id"))

    op.drop_table("check_in")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_card_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    op.drop_table("course")
    op.drop_table("card_type_category")
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_buyer_id"))

    op.drop_table("card")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))

    op.drop_table("api_token")
    op.drop_table("user")
    op.drop_table("term")
    op.drop_table("receipt_counter")
    op.drop_table("organization")
    op.drop_table("course_category")
    op.drop_table("card_type")
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buyer_email"))

    op.drop_table("buyer")

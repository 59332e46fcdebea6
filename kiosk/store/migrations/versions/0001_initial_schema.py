"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 01:06:19.804107
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "catalog_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("mpp", sa.JSON(), nullable=False),
        sa.Column("default_hours", sa.JSON(), nullable=False),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "gerai",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.Column("location_en", sa.String(length=120), nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("icon", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=True),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("counters", sa.Integer(), nullable=False),
        sa.Column("avg_service_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("display_order"),
        sa.UniqueConstraint("prefix"),
    )
    op.create_table(
        "kiosk_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "number_counter",
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("series", sa.String(length=1), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("gerai_code", "service_day", "series"),
    )
    op.create_table(
        "ticket",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("service_code", sa.String(length=48), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("series", sa.String(length=1), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=12), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("priority", sa.String(length=20), nullable=True),
        sa.Column("people_ahead", sa.Integer(), nullable=False),
        sa.Column("est_wait_minutes", sa.Integer(), nullable=False),
        sa.Column("print_state", sa.String(length=10), nullable=False),
        sa.Column("print_attempts", sa.Integer(), nullable=False),
        sa.Column("print_message", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("gerai_code", "service_day", "series", "seq", name="uq_ticket_number"),
        sa.UniqueConstraint("request_id"),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_day_gerai", ["service_day", "gerai_code"], unique=False)
        batch_op.create_index(
            "ix_ticket_day_service", ["service_day", "service_code"], unique=False
        )
        batch_op.create_index("ix_ticket_print_state", ["print_state"], unique=False)

    op.create_table(
        "service",
        sa.Column("code", sa.String(length=48), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("procedure", sa.JSON(), nullable=False),
        sa.Column("processing_time", sa.String(length=120), nullable=False),
        sa.Column("fee_rp", sa.Integer(), nullable=True),
        sa.Column("fee_note", sa.String(length=500), nullable=True),
        sa.Column("product", sa.String(length=500), nullable=False),
        sa.Column("complaints", sa.String(length=500), nullable=False),
        sa.Column("online_url", sa.String(length=300), nullable=True),
        sa.Column("adm", sa.Boolean(), nullable=False),
        sa.Column("needs_queue", sa.Boolean(), nullable=False),
        sa.Column("daily_quota", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["gerai_code"], ["gerai.code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.create_index("ix_service_gerai", ["gerai_code", "display_order"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_index("ix_service_gerai")

    op.drop_table("service")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_print_state")
        batch_op.drop_index("ix_ticket_day_service")
        batch_op.drop_index("ix_ticket_day_gerai")

    op.drop_table("ticket")
    op.drop_table("number_counter")
    op.drop_table("kiosk_state")
    op.drop_table("gerai")
    op.drop_table("catalog_meta")

"""central: web accounts, sessions and audit; ticket calls, lokets, call rules, status keys

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "web_user",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=True),
        sa.Column("loket", sa.Integer(), nullable=True),
        sa.Column("services", sa.JSON(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("board_token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("board_token_hash"),
    )
    op.create_table(
        "web_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["web_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_web_session_user", "web_session", ["user_id"])
    op.create_table(
        "web_audit",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=True),
        sa.Column("loket", sa.Integer(), nullable=True),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_web_audit_mpp", "web_audit", ["mpp_code", "action", "id"])
    op.create_table(
        "ticket_call",
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("service_code", sa.String(length=48), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("loket", sa.Integer(), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
        sa.Column("first_called_at", sa.DateTime(), nullable=True),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("called_by", sa.String(length=64), nullable=True),
        sa.Column("transfers", sa.Integer(), nullable=False),
        sa.Column("from_gerai", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("ticket_id"),
    )
    op.create_index(
        "ix_ticket_call_gerai", "ticket_call", ["mpp_code", "service_day", "gerai_code", "status"]
    )
    op.create_table(
        "loket",
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("current_ticket_id", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("mpp_code", "gerai_code", "number"),
    )
    op.create_table(
        "call_rule",
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("priority_every", sa.Integer(), nullable=False),
        sa.Column("no_show_after", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("mpp_code", "gerai_code"),
    )
    op.create_table(
        "status_key",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosk.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_status_key_kiosk", "status_key", ["kiosk_id"])


def downgrade() -> None:
    op.drop_index("ix_status_key_kiosk", table_name="status_key")
    op.drop_table("status_key")
    op.drop_table("call_rule")
    op.drop_table("loket")
    op.drop_index("ix_ticket_call_gerai", table_name="ticket_call")
    op.drop_table("ticket_call")
    op.drop_index("ix_web_audit_mpp", table_name="web_audit")
    op.drop_table("web_audit")
    op.drop_index("ix_web_session_user", table_name="web_session")
    op.drop_table("web_session")
    op.drop_table("web_user")

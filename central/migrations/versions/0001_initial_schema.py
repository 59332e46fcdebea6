"""central: initial schema (kiosks, catalog releases, counters, leases, tickets, feedback,
audit log)

Revision ID: 0001
Revises:
Create Date: 2026-11-28
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
        "mpp",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "number_counter",
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("last_r", sa.Integer(), nullable=False),
        sa.Column("last_p", sa.Integer(), nullable=False),
        sa.Column("floor_r", sa.Integer(), nullable=False),
        sa.Column("floor_p", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("mpp_code", "gerai_code", "service_day"),
    )
    op.create_table(
        "catalog_release",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("etag", sa.String(length=64), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("gerai_count", sa.Integer(), nullable=False),
        sa.Column("service_count", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mpp_code"],
            ["mpp.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mpp_code", "version", name="uq_release_version"),
    )
    with op.batch_alter_table("catalog_release", schema=None) as batch_op:
        batch_op.create_index("ix_release_published", ["mpp_code", "published_at"], unique=False)

    op.create_table(
        "kiosk",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("token_hint", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("app_version", sa.String(length=40), nullable=True),
        sa.Column("catalog_version", sa.String(length=64), nullable=True),
        sa.Column("printer_state", sa.String(length=32), nullable=True),
        sa.Column("paper_left_pct", sa.Float(), nullable=True),
        sa.Column("outbox_length", sa.Integer(), nullable=True),
        sa.Column("clock_skew_s", sa.Float(), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["mpp_code"],
            ["mpp.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("kiosk", schema=None) as batch_op:
        batch_op.create_index("ix_kiosk_mpp_slot", ["mpp_code", "slot"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosk.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kiosk_id", "entry_id", name="uq_audit_entry"),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=True),
        sa.Column("service_code", sa.String(length=48), nullable=True),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("comment", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosk.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "heartbeat",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosk.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("heartbeat", schema=None) as batch_op:
        batch_op.create_index("ix_heartbeat_kiosk", ["kiosk_id", "received_at"], unique=False)

    op.create_table(
        "number_lease",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_key", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("series", sa.String(length=1), nullable=False),
        sa.Column("start_seq", sa.Integer(), nullable=False),
        sa.Column("end_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosk.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_key"),
    )
    with op.batch_alter_table("number_lease", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lease_kiosk", ["kiosk_id", "gerai_code", "service_day", "series"], unique=False
        )

    op.create_table(
        "ticket",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("gerai_code", sa.String(length=40), nullable=False),
        sa.Column("service_code", sa.String(length=48), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("series", sa.String(length=1), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=12), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("priority", sa.String(length=20), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("lease_id", sa.Integer(), nullable=True),
        sa.Column("people_ahead", sa.Integer(), nullable=False),
        sa.Column("est_wait_minutes", sa.Integer(), nullable=False),
        sa.Column("queue_start", sa.DateTime(), nullable=True),
        sa.Column("flag", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosk.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "mpp_code", "gerai_code", "service_day", "series", "seq", name="uq_ticket_number"
        ),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_issued", ["mpp_code", "gerai_code", "service_day", "issued_at"], unique=False
        )
        batch_op.create_index(
            "ix_ticket_queue",
            ["mpp_code", "gerai_code", "service_day", "queue_start"],
            unique=False,
        )
        batch_op.create_index(
            "ix_ticket_service_day", ["mpp_code", "service_day", "service_code"], unique=False
        )

    op.create_table(
        "ticket_conflict",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosk.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ticket_id", "kiosk_id", name="uq_conflict_ticket"),
    )


def downgrade() -> None:
    op.drop_table("ticket_conflict")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_service_day")
        batch_op.drop_index("ix_ticket_queue")
        batch_op.drop_index("ix_ticket_issued")

    op.drop_table("ticket")
    with op.batch_alter_table("number_lease", schema=None) as batch_op:
        batch_op.drop_index("ix_lease_kiosk")

    op.drop_table("number_lease")
    with op.batch_alter_table("heartbeat", schema=None) as batch_op:
        batch_op.drop_index("ix_heartbeat_kiosk")

    op.drop_table("heartbeat")
    op.drop_table("feedback")
    op.drop_table("audit_entry")
    with op.batch_alter_table("kiosk", schema=None) as batch_op:
        batch_op.drop_index("ix_kiosk_mpp_slot")

    op.drop_table("kiosk")
    with op.batch_alter_table("catalog_release", schema=None) as batch_op:
        batch_op.drop_index("ix_release_published")

    op.drop_table("catalog_release")
    op.drop_table("number_counter")
    op.drop_table("mpp")

"""central: 64-bit audit ids, conflict reason codes, server state, recovery after a restore

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.alter_column("entry_id", type_=sa.BigInteger(), existing_nullable=False)
    op.add_column("ticket_conflict", sa.Column("code", sa.String(length=40), nullable=True))
    op.create_table(
        "server_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "recovery",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mpp_code", sa.String(length=40), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_recovery_open", "recovery", ["mpp_code", "ended_at"])
    op.create_table(
        "recovery_report",
        sa.Column("recovery_id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("leases", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosk.id"]),
        sa.ForeignKeyConstraint(["recovery_id"], ["recovery.id"]),
        sa.PrimaryKeyConstraint("recovery_id", "kiosk_id"),
    )


def downgrade() -> None:
    op.drop_table("recovery_report")
    op.drop_index("ix_recovery_open", table_name="recovery")
    op.drop_table("recovery")
    op.drop_table("server_state")
    op.drop_column("ticket_conflict", "code")
    with op.batch_alter_table("audit_entry") as batch:
        batch.alter_column("entry_id", type_=sa.Integer(), existing_nullable=False)

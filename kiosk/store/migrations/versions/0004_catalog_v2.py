"""catalog format 2: English for every visitor text, conditions, service groups

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10

A catalog already in the database (format 1: Indonesian only) is kept and keeps working:
its documents get the new shape with the English left empty (shown in Indonesian), and
``catalog_meta.schema_version`` stays 1 to say so. The kiosk replaces such a catalog with
the embedded default at start when that is where it came from (``CatalogStore.load``);
one from the server or from an imported folder stays until a format 2 catalog replaces it.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MPP_EN_KEYS = ("name_en", "full_name_en", "city_en", "address_en", "complaints_en")

_meta = sa.table(
    "catalog_meta",
    sa.column("id", sa.Integer()),
    sa.column("mpp", sa.JSON()),
    sa.column("holidays", sa.JSON()),
)
_gerai = sa.table(
    "gerai",
    sa.column("code", sa.String()),
    sa.column("holidays", sa.JSON()),
)
_service = sa.table(
    "service",
    sa.column("code", sa.String()),
    sa.column("requirements", sa.JSON()),
    sa.column("procedure", sa.JSON()),
    sa.column("fee_note", sa.String()),
    sa.column("fee_note_en", sa.String()),
)


def _holidays_v2(items: list[Any] | None) -> list[dict[str, Any]]:
    return [{**h, "name_en": h.get("name_en", "")} for h in items or []]


def _requirement_v2(r: Any) -> dict[str, Any]:
    if not isinstance(r, dict):  # format 1 allowed a plain string
        r = {"text": str(r), "form": None, "note": None}
    note = r.get("note")
    return {
        "text": r["text"],
        "text_en": r.get("text_en", ""),
        "form": r.get("form"),
        "note": note,
        "note_en": r.get("note_en", None if note is None else ""),
    }


def _step_v2(step: Any) -> dict[str, Any]:
    if isinstance(step, dict):
        return {"text": step["text"], "text_en": step.get("text_en", "")}
    return {"text": str(step), "text_en": ""}


def upgrade() -> None:
    # Columns are added in place (SQLite's ADD COLUMN), never by rebuilding a table: a
    # rebuilt gerai table would take the services with it (ON DELETE CASCADE, and foreign
    # keys are on). So the columns keep their defaults, and a gerai's unknown location is
    # "" in the database (null in the catalog files).
    op.add_column(
        "gerai", sa.Column("agency_en", sa.String(length=200), nullable=False, server_default="")
    )
    op.add_column("gerai", sa.Column("groups", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("service", sa.Column("group_code", sa.String(length=40), nullable=True))
    op.add_column(
        "service", sa.Column("conditions", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column(
        "service",
        sa.Column("processing_time_en", sa.String(length=120), nullable=False, server_default=""),
    )
    op.add_column("service", sa.Column("fee_note_en", sa.String(length=500), nullable=True))
    for name in ("product_en", "complaints_en"):
        op.add_column(
            "service", sa.Column(name, sa.String(length=500), nullable=False, server_default="")
        )

    # The documents in the new shape, English empty.
    bind = op.get_bind()
    for row in bind.execute(sa.select(_meta.c.id, _meta.c.mpp, _meta.c.holidays)).all():
        mpp = {**(row.mpp or {})}
        for key in MPP_EN_KEYS:
            mpp.setdefault(key, "")
        bind.execute(
            _meta.update()
            .where(_meta.c.id == row.id)
            .values(mpp=mpp, holidays=_holidays_v2(row.holidays))
        )
    for row in bind.execute(sa.select(_gerai.c.code, _gerai.c.holidays)).all():
        bind.execute(
            _gerai.update()
            .where(_gerai.c.code == row.code)
            .values(holidays=_holidays_v2(row.holidays))
        )
    rows = bind.execute(
        sa.select(
            _service.c.code, _service.c.requirements, _service.c.procedure, _service.c.fee_note
        )
    ).all()
    for row in rows:
        bind.execute(
            _service.update()
            .where(_service.c.code == row.code)
            .values(
                requirements=[_requirement_v2(r) for r in row.requirements or []],
                procedure=[_step_v2(s) for s in row.procedure or []],
                fee_note_en=None if row.fee_note is None else "",
            )
        )


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_service.c.code, _service.c.requirements, _service.c.procedure)
    ).all()
    for row in rows:
        bind.execute(
            _service.update()
            .where(_service.c.code == row.code)
            .values(
                requirements=[
                    {"text": r["text"], "form": r.get("form"), "note": r.get("note")}
                    for r in row.requirements or []
                ],
                procedure=[s["text"] if isinstance(s, dict) else s for s in row.procedure or []],
            )
        )
    # The service table may be rebuilt (nothing refers to it); the gerai table must not be.
    with op.batch_alter_table("service", schema=None) as batch_op:
        for name in (
            "complaints_en",
            "product_en",
            "fee_note_en",
            "processing_time_en",
            "conditions",
            "group_code",
        ):
            batch_op.drop_column(name)
    op.execute("ALTER TABLE gerai DROP COLUMN groups")
    op.execute("ALTER TABLE gerai DROP COLUMN agency_en")

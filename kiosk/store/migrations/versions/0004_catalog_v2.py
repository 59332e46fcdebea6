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
    sa.column("location", sa.String()),
    sa.column("location_en", sa.String()),
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
    with op.batch_alter_table("gerai", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("agency_en", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("groups", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.alter_column("location", existing_type=sa.String(length=120), nullable=True)
        batch_op.alter_column("location_en", existing_type=sa.String(length=120), nullable=True)
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_code", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("conditions", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column(
                "processing_time_en", sa.String(length=120), nullable=False, server_default=""
            )
        )
        batch_op.add_column(sa.Column("fee_note_en", sa.String(length=500), nullable=True))
        batch_op.add_column(
            sa.Column("product_en", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("complaints_en", sa.String(length=500), nullable=False, server_default="")
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

    # The defaults only filled the rows already there; the kiosk always writes every column.
    with op.batch_alter_table("gerai", schema=None) as batch_op:
        batch_op.alter_column("agency_en", existing_type=sa.String(length=200), server_default=None)
        batch_op.alter_column("groups", existing_type=sa.JSON(), server_default=None)
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.alter_column("conditions", existing_type=sa.JSON(), server_default=None)
        for name, length in (("processing_time_en", 120), ("product_en", 500)):
            batch_op.alter_column(name, existing_type=sa.String(length=length), server_default=None)
        batch_op.alter_column(
            "complaints_en", existing_type=sa.String(length=500), server_default=None
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
    bind.execute(
        _gerai.update().where(_gerai.c.location.is_(None)).values(location="", location_en="")
    )
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
    with op.batch_alter_table("gerai", schema=None) as batch_op:
        batch_op.alter_column("location_en", existing_type=sa.String(length=120), nullable=False)
        batch_op.alter_column("location", existing_type=sa.String(length=120), nullable=False)
        batch_op.drop_column("groups")
        batch_op.drop_column("agency_en")

"""Repositories: the catalog, tickets and kiosk state, over one SQLAlchemy session."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kiosk.store.models import (
    CatalogMetaRow,
    CounterRow,
    GeraiRow,
    ServiceRow,
    SettingRow,
    TicketRow,
)
from mpp_core.catalog.documents import catalog_from_trusted, gerai_doc, mpp_doc, service_doc
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.numbering import PriorityGroup, Series
from mpp_core.domain.tickets import PrintState, Ticket


class CatalogRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def has_catalog(self) -> bool:
        return self.session.get(CatalogMetaRow, 1) is not None

    def version(self) -> str | None:
        row = self.session.get(CatalogMetaRow, 1)
        return None if row is None else row.version

    def source(self) -> str | None:
        """Where the catalog in use came from (a folder, or "server ...")."""
        row = self.session.get(CatalogMetaRow, 1)
        return None if row is None else row.source

    def replace(self, catalog: Catalog, *, source: str = "") -> None:
        """Replace the whole catalog (inside the caller's transaction: all or nothing)."""
        s = self.session
        s.execute(delete(ServiceRow))
        s.execute(delete(GeraiRow))
        s.execute(delete(CatalogMetaRow))
        head = mpp_doc(catalog)
        s.add(
            CatalogMetaRow(
                id=1,
                schema_version=catalog.schema_version,
                version=catalog.version,
                mpp=head["mpp"],
                default_hours=head["default_hours"],
                holidays=head["holidays"],
                source=source[:200],
                applied_at=datetime.now(UTC),
            )
        )
        s.flush()
        for g in catalog.gerai:
            d = gerai_doc(g)
            s.add(
                GeraiRow(
                    code=g.code,
                    name=g.name,
                    name_en=g.name_en,
                    agency=g.agency,
                    agency_en=g.agency_en,
                    prefix=g.prefix,
                    location=g.location or "",  # "": not known
                    location_en=g.location_en or "",
                    display_order=g.order,
                    color=g.color,
                    icon=g.icon,
                    state=g.state.value,
                    hours=d["hours"],
                    holidays=d["holidays"],
                    counters=g.counters,
                    avg_service_minutes=g.avg_service_minutes,
                    groups=d["groups"],
                )
            )
        s.flush()
        for g in catalog.gerai:
            for svc in g.services:
                d = service_doc(svc)
                d.pop("code")
                d["group_code"] = d.pop("group")
                s.add(ServiceRow(code=svc.code, gerai_code=g.code, display_order=svc.order, **d))
        s.flush()

    def load(self) -> Catalog | None:
        """The catalog in use. It was validated whole when it was imported, so it is rebuilt
        here without checking again (start-up time); a test compares it with a full parse."""
        meta = self.session.get(CatalogMetaRow, 1)
        if meta is None:
            return None
        head = {
            "schema_version": meta.schema_version,
            "catalog_version": meta.version,
            "mpp": meta.mpp,
            "default_hours": meta.default_hours,
            "holidays": meta.holidays,
        }
        services: dict[str, list[dict[str, Any]]] = {}
        st = ServiceRow.__table__
        for row in self.session.execute(
            select(st).order_by(st.c.gerai_code, st.c.display_order)
        ).mappings():
            doc = dict(row)
            doc["group"] = doc.pop("group_code")
            services.setdefault(row["gerai_code"], []).append(doc)
        gerai = []
        gt = GeraiRow.__table__
        for g in self.session.execute(select(gt).order_by(gt.c.display_order)).mappings():
            doc = dict(g)
            doc["order"] = doc.pop("display_order")
            doc["location"] = doc["location"] or None  # "" in the database: not known
            doc["location_en"] = doc["location_en"] or None
            doc["services"] = services.get(g["code"], [])
            gerai.append(doc)
        return catalog_from_trusted(head, gerai)


def ticket_from_row(row: TicketRow) -> Ticket:
    return Ticket(
        id=row.id,
        request_id=row.request_id,
        gerai_code=row.gerai_code,
        service_code=row.service_code,
        prefix=row.prefix,
        series=Series(row.series),
        seq=row.seq,
        service_day=row.service_day,
        issued_at=row.issued_at,
        priority=PriorityGroup(row.priority) if row.priority else None,
        people_ahead=row.people_ahead,
        est_wait_minutes=row.est_wait_minutes,
        print_state=PrintState(row.print_state),
        kiosk_id=row.kiosk_id,
    )


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_request(self, request_id: str) -> Ticket | None:
        row = self.session.scalar(select(TicketRow).where(TicketRow.request_id == request_id))
        return None if row is None else ticket_from_row(row)

    def get(self, ticket_id: str) -> Ticket | None:
        row = self.session.get(TicketRow, ticket_id)
        return None if row is None else ticket_from_row(row)

    def next_seq(self, gerai_code: str, day: date, series: Series) -> int:
        """Draw the next number (the caller's transaction holds SQLite's write lock)."""
        s = self.session
        new = s.scalar(
            update(CounterRow)
            .where(
                CounterRow.gerai_code == gerai_code,
                CounterRow.service_day == day,
                CounterRow.series == series.value,
            )
            .values(last_seq=CounterRow.last_seq + 1)
            .returning(CounterRow.last_seq)
        )
        if new is None:
            # No counter yet today; also guards against a counter row lost by hand.
            highest = s.scalar(
                select(func.max(TicketRow.seq)).where(
                    TicketRow.gerai_code == gerai_code,
                    TicketRow.service_day == day,
                    TicketRow.series == series.value,
                )
            )
            new = (highest or 0) + 1
            s.add(
                CounterRow(
                    gerai_code=gerai_code, service_day=day, series=series.value, last_seq=new
                )
            )
            s.flush()
        return int(new)

    def add(self, ticket: Ticket) -> None:
        self.session.add(
            TicketRow(
                id=ticket.id,
                request_id=ticket.request_id,
                kiosk_id=ticket.kiosk_id,
                gerai_code=ticket.gerai_code,
                service_code=ticket.service_code,
                prefix=ticket.prefix,
                series=ticket.series.value,
                seq=ticket.seq,
                number=ticket.code,
                service_day=ticket.service_day,
                issued_at=ticket.issued_at,
                priority=ticket.priority.value if ticket.priority else None,
                people_ahead=ticket.people_ahead,
                est_wait_minutes=ticket.est_wait_minutes,
                print_state=ticket.print_state.value,
                print_attempts=0,
            )
        )
        self.session.flush()

    def count_for_service(self, service_code: str, day: date) -> int:
        return int(
            self.session.scalar(
                select(func.count())
                .select_from(TicketRow)
                .where(TicketRow.service_code == service_code, TicketRow.service_day == day)
            )
            or 0
        )

    def issue_times(self, gerai_code: str, day: date) -> list[datetime]:
        return list(
            self.session.scalars(
                select(TicketRow.issued_at)
                .where(TicketRow.gerai_code == gerai_code, TicketRow.service_day == day)
                .order_by(TicketRow.issued_at)
            )
        )

    def counts_by_gerai(self, day: date) -> dict[str, int]:
        rows = self.session.execute(
            select(TicketRow.gerai_code, func.count())
            .where(TicketRow.service_day == day)
            .group_by(TicketRow.gerai_code)
        )
        return {code: int(n) for code, n in rows}

    def set_print_state(self, ticket_id: str, state: PrintState, message: str | None) -> None:
        self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id)
            .values(
                print_state=state.value,
                print_message=(message or None) and message[:300],
                print_attempts=TicketRow.print_attempts + 1,
            )
        )

    def ids_with_print_attempts(self) -> list[str]:
        q = select(TicketRow.id).where(TicketRow.print_attempts > 0)
        return list(self.session.scalars(q))

    def not_printed(self, day: date | None = None) -> list[Ticket]:
        q = select(TicketRow).where(TicketRow.print_state.in_(("failed", "pending")))
        if day is not None:
            q = q.where(TicketRow.service_day == day)
        return [ticket_from_row(r) for r in self.session.scalars(q.order_by(TicketRow.issued_at))]

    def all_for_day(self, day: date) -> list[Ticket]:
        q = select(TicketRow).where(TicketRow.service_day == day).order_by(TicketRow.issued_at)
        return [ticket_from_row(r) for r in self.session.scalars(q)]


class StateRepository:
    """Key/value kiosk state (JSON values)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: Any = None) -> Any:
        row = self.session.get(SettingRow, key)
        return default if row is None else row.value

    def set(self, key: str, value: Any) -> None:
        row = self.session.get(SettingRow, key)
        if row is None:
            self.session.add(SettingRow(key=key, value=value))
        else:
            row.value = value
        self.session.flush()

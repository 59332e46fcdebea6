"""Unit of work: one transaction, every repository sharing it, commit or roll back.

The unit of work is the only way into the kiosk's database: nothing outside ``kiosk.store``
opens a SQLAlchemy session (an import-linter contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.leases import LeaseRepository
from kiosk.store.outbox import OutboxRepository
from kiosk.store.repositories import CatalogRepository, StateRepository, TicketRepository
from kiosk.store.staff import AuditRepository, CredentialRepository


class Conflict(Exception):
    """A write broke a uniqueness rule (another process wrote the same row first)."""


class UnitOfWork:
    """``with uow: ...; uow.commit()``: nothing is written unless commit() is called. A
    uniqueness violation inside the block leaves it as :class:`Conflict`."""

    catalog: CatalogRepository
    tickets: TicketRepository
    state: StateRepository
    outbox: OutboxRepository
    leases: LeaseRepository
    audit: AuditRepository
    credentials: CredentialRepository

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        session = self._factory()
        session.begin()
        self._session = session
        self.catalog = CatalogRepository(session)
        self.tickets = TicketRepository(session)
        self.state = StateRepository(session)
        self.outbox = OutboxRepository(session)
        self.leases = LeaseRepository(session)
        self.audit = AuditRepository(session)
        self.credentials = CredentialRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None
        if isinstance(exc, IntegrityError):
            raise Conflict(str(exc.orig)) from exc

    def commit(self) -> None:
        """Commit what was written; the unit of work stays open for more."""
        assert self._session is not None
        self._session.commit()
        self._session.begin()


class UnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self._sessions)

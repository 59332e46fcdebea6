"""Unit of work: one transaction, the repositories that share it, commit or roll back."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.repositories import CatalogRepository, StateRepository, TicketRepository


class UnitOfWork:
    """``with uow: ...; uow.commit()``: nothing is written unless commit() is called."""

    catalog: CatalogRepository
    tickets: TicketRepository
    state: StateRepository

    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.session.begin()
        self.catalog = CatalogRepository(self.session)
        self.tickets = TicketRepository(self.session)
        self.state = StateRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.session is not None
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()
        self.session.begin()


class UnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

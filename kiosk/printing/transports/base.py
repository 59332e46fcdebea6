"""What every transport offers, and the error they all raise (see the package docstring)."""

from __future__ import annotations

import contextlib
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.status import DLE_EOT, STATUS_QUERIES, PrinterStatus, decode_status


class TransportError(Exception):
    """The printer could not be reached or stopped in the middle of a transfer.

    `device` names the printer, `hint` says what to check, `bytes_sent` is how much of the
    last write went out before the failure.
    """

    def __init__(self, device: str, message: str, hint: str = "", bytes_sent: int = 0) -> None:
        self.device = device
        self.message = message
        self.hint = hint
        self.bytes_sent = bytes_sent
        text = f"{device}: {message}"
        if hint:
            text += f". Check: {hint}"
        super().__init__(text)


def status_query_bytes(queries: Sequence[int]) -> bytes:
    return b"".join(DLE_EOT + bytes((n,)) for n in queries)


class Transport(ABC):
    """Base class. Subclasses implement `_open`, `_close`, `_write_some`, `_read_some`."""

    persistent = True  # kept open between jobs (False: opened and closed around each job)
    supports_status = True

    def __init__(self, settings: PrinterSettings) -> None:
        self.settings = settings
        self.device = settings.describe()
        self._open_now = False

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._open_now

    def open(self) -> None:
        if self._open_now:
            return
        try:
            self._open()
        except TransportError:
            self._safe_close()
            raise
        except Exception as exc:  # anything a driver raises becomes a TransportError
            self._safe_close()
            raise self._error("cannot open", exc) from exc
        self._open_now = True

    def close(self) -> None:
        self._safe_close()
        self._open_now = False

    def _safe_close(self) -> None:
        with contextlib.suppress(Exception):  # closing a broken connection must never raise
            self._close()

    def __enter__(self) -> Transport:
        self.open()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- I/O -------------------------------------------------------------------------------

    def write(self, data: bytes, timeout: float | None = None) -> None:
        """Write everything within `timeout` (default: write_timeout_s) or raise."""
        self.open()
        limit = self.settings.write_timeout_s if timeout is None else timeout
        deadline = time.monotonic() + limit
        view = memoryview(data)
        sent = 0
        while sent < len(data):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                raise TransportError(
                    self.device,
                    f"write timed out after {limit:.1f} s ({sent} of {len(data)} bytes sent)",
                    self._hint_stalled(),
                    bytes_sent=sent,
                )
            try:
                sent += self._write_some(view[sent:], remaining)
            except TransportError as exc:
                self.close()
                exc.bytes_sent = sent
                raise
            except Exception as exc:
                self.close()
                raise self._error("write failed", exc, bytes_sent=sent) from exc

    def read(self, count: int, timeout: float) -> bytes:
        """Up to `count` bytes, returning early once they are all there; b"" if none came."""
        self.open()
        deadline = time.monotonic() + timeout
        got = b""
        while len(got) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                got += self._read_some(count - len(got), remaining)
            except TransportError:
                self.close()
                raise
            except Exception as exc:
                self.close()
                raise self._error("read failed", exc) from exc
        return got

    def drain_input(self) -> None:
        """Drop stale bytes (late answers, automatic status messages) before a query,
        without waiting for more."""
        self.open()
        for _ in range(64):
            try:
                chunk = self._read_some(4096, 0.0)
            except TransportError:
                self.close()
                raise
            except Exception as exc:
                self.close()
                raise self._error("read failed", exc) from exc
            if not chunk:
                return

    def exchange(
        self,
        payload: bytes,
        queries: Sequence[int],
        timeout: float,
        write_timeout: float | None = None,
    ) -> dict[int, int | None]:
        """Write `payload` followed by DLE EOT n for each query; read one byte per query.

        DLE EOT is real-time, so the answers only come once the printer has received
        everything before them: after a slip they confirm that the slip arrived.
        """
        self.drain_input()
        data = payload + status_query_bytes(queries)
        self.write(data, write_timeout)
        try:
            answers = self.read(len(queries), timeout)
        except TransportError as exc:
            exc.bytes_sent = len(payload)  # all of it went out before the link failed
            raise
        return {n: (answers[i] if i < len(answers) else None) for i, n in enumerate(queries)}

    def query_status(self, timeout: float | None = None) -> PrinterStatus:
        """Ask DLE EOT 1, 2 and 4 (and 3 when the printer reports an error). Never raises:
        a transport failure is OFFLINE (cannot open) or UNKNOWN (no answer)."""
        if not self.supports_status:
            return PrinterStatus.not_supported(f"{self.device} has no status channel")
        limit = self.settings.status_timeout_s if timeout is None else timeout
        try:
            self.open()
        except TransportError as exc:
            return PrinterStatus.offline(str(exc))
        try:
            answers = self.exchange(b"", STATUS_QUERIES, limit)
            status = decode_status(answers)
            if status.error:
                answers.update(self.exchange(b"", (3,), limit))
                status = decode_status(answers)
        except TransportError as exc:
            return PrinterStatus.unknown(str(exc))
        return status

    # --- for subclasses --------------------------------------------------------------------

    @abstractmethod
    def _open(self) -> None: ...

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _write_some(self, data: memoryview, timeout: float) -> int: ...

    @abstractmethod
    def _read_some(self, count: int, timeout: float) -> bytes: ...

    def _hint_stalled(self) -> str:
        return "the printer is on, online, has paper and the cable is connected"

    def _error(self, what: str, exc: BaseException, bytes_sent: int = 0) -> TransportError:
        return TransportError(self.device, f"{what}: {exc}", self._hint_for(exc), bytes_sent)

    def _hint_for(self, exc: BaseException) -> str:
        return self._hint_stalled()

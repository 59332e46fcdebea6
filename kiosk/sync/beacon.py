"""Heartbeats from a kiosk that is out of service, so the server hears of it.

The kiosk's database may be what is broken, so this sends only what it knows: the version,
``service_state = "out_of_service"``, the reason code and its words, on its own thread, every
``heartbeat_s`` (backing off up to 5 minutes while the server cannot be reached).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from kiosk.sync.client import ApiClient, ClockCorrector, SyncError
from kiosk.sync.settings import parse_server_settings
from mpp_core.version import app_version

log = logging.getLogger(__name__)
MAX_WAIT_S = 300.0


class OutOfServiceBeacon:
    def __init__(self, server: Mapping[str, Any], code: str, detail: str) -> None:
        self.settings, _problems = parse_server_settings(server)
        self.code = code
        self.detail = detail
        self.instance_id = str(uuid.uuid4())
        self.sent = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def body(self) -> dict[str, Any]:
        return {
            "app_version": app_version()[:40],
            "printer_state": "unknown",
            "kiosk_time": datetime.now(UTC).isoformat(),
            "last_error": f"{self.code}: {self.detail}"[:300],
            "instance_id": self.instance_id,
            "service_state": "out_of_service",
            "reason_code": self.code,
        }

    def start(self) -> None:
        if self.settings is None:
            return
        self._thread = threading.Thread(target=self._run, name="kiosk-beacon", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        assert self.settings is not None
        client = ApiClient(self.settings, corrector=ClockCorrector(None))
        wait = self.settings.heartbeat_s
        try:
            while not self._stop.is_set():
                try:
                    client.request("POST", "/heartbeat", body=self.body())
                    self.sent += 1
                    wait = self.settings.heartbeat_s
                except SyncError as exc:
                    log.info("out-of-service heartbeat not sent: %s", exc)
                    wait = min(MAX_WAIT_S, max(wait * 2, 1.0))
                except Exception:
                    log.exception("out-of-service heartbeat failed")
                    wait = MAX_WAIT_S
                self._stop.wait(wait)
        finally:
            client.close()

"""Run the API under uvicorn, with one or more worker processes.

* The listening socket is bound here with TCP_NODELAY: without it, worker processes that
  inherit the socket answer small requests only after the peer's delayed ACK (about 40 ms).
* Slow clients are cut off (``central.protocol`` for the request head, the gate for the
  body), idle keep-alive connections closed, connections per worker bounded.
* SQLite has one writer: more than one worker is refused with a message.
* With ``--workers N`` the parent is a supervisor; each worker dies with it (Linux
  ``PR_SET_PDEATHSIG``, and a thread that watches the parent elsewhere), so a supervisor killed
  with -9 leaves no orphan holding the port.
* Logs never show a token (``central.logs``).
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import sys
import threading
import time
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from central.db import open_database
from central.logs import RedactTokens, log_config
from central.settings import Settings, settings_to_env

log = logging.getLogger("central")
SUPERVISOR_ENV = "MPP_CENTRAL_SUPERVISOR_PID"
PR_SET_PDEATHSIG = 1
GRACE_S = 10  # a worker finishes its requests in this time when told to stop
_watching = False


def uvicorn_config(
    settings: Settings,
    app: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    workers: int = 1,
    log_level: str = "info",
    access_log: bool = True,
    own_logging: bool = True,
) -> uvicorn.Config:
    """uvicorn's Config with the server's limits (``own_logging``: the redacting set-up)."""
    config = uvicorn.Config(
        app,
        factory=isinstance(app, str),
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
        log_config=log_config(log_level) if own_logging else None,
        http="central.protocol:GuardedH11Protocol",
        h11_max_incomplete_event_size=16 * 1024,
        timeout_keep_alive=max(1, int(settings.keep_alive_s)),
        limit_concurrency=settings.max_connections,
        timeout_graceful_shutdown=GRACE_S,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
    )
    config.header_timeout_s = settings.header_timeout_s  # type: ignore[attr-defined]
    return config


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    workers: int = 1,
    log_level: str = "info",
    access_log: bool = True,
) -> int:
    logging.basicConfig(
        level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactTokens())
    if workers > 1 and settings.url.startswith("sqlite"):
        print(
            "error: SQLite takes one writer at a time, so the server runs with one worker on "
            "it (--workers 1). Use PostgreSQL for more workers (docs/server.md).",
            file=sys.stderr,
        )
        return 2
    if workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return 2
    # Migrate once, here, before any worker opens the database.
    db = open_database(settings.url, pool_size=1)
    log.info(
        "database %s ready (%s)",
        db.write_engine.url.render_as_string(hide_password=True),
        db.dialect,
    )
    db.dispose()
    os.environ.update(settings_to_env(settings))  # the workers build their app from these
    os.environ[SUPERVISOR_ENV] = str(os.getpid())
    config = uvicorn_config(
        settings,
        "central.api:app_from_env",
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
    )
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if workers > 1:
        Multiprocess(config, sockets=[sock]).run()
        return 0
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0 if server.started else 1


def die_with_supervisor() -> None:
    """In a worker process: end when the supervisor that started it ends, however it ends."""
    global _watching
    parent = int(os.environ.get(SUPERVISOR_ENV) or 0)
    if not parent or parent == os.getpid() or _watching:
        return
    _watching = True
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            log.warning("cannot ask the kernel to stop this worker with its supervisor")

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        log.warning("the supervisor (pid %d) is gone; this worker stops", parent)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(GRACE_S + 5)
        os._exit(1)  # still here: the graceful stop hung

    threading.Thread(target=watch, name="supervisor-watch", daemon=True).start()

"""Run the API under uvicorn, with one or more worker processes.

The listening socket is bound here with TCP_NODELAY: without it, worker processes that inherit
the socket answer small requests only after the peer's delayed ACK (about 40 ms each).
"""

from __future__ import annotations

import logging
import os
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from central.db import open_database
from central.settings import Settings, settings_to_env

log = logging.getLogger("central")


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
    # Migrate once, here, before any worker opens the database.
    db = open_database(settings.url, pool_size=1)
    log.info(
        "database %s ready (%s)",
        db.write_engine.url.render_as_string(hide_password=True),
        db.dialect,
    )
    db.dispose()
    os.environ.update(settings_to_env(settings))  # the workers build their app from these
    config = uvicorn.Config(
        "central.api:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
        timeout_keep_alive=30,
        server_header=False,
    )
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if workers > 1:
        Multiprocess(config, sockets=[sock]).run()
        return 0
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0 if server.started else 1

"""MPP Central: the server the kiosks of one or more MPPs sync with.

It publishes each MPP's catalog, hands out queue numbers (online tickets and blocks leased
for offline use), collects every ticket, heartbeat and feedback item, and reports visits.
It imports nothing from the kiosk and no Qt or printer library (an import contract; a
server-only install is ``pip install ".[central]"``, docs/sync.md). It shares the core,
``mpp_core``, with the kiosk: catalog format, numbering, clock, wait model, wire protocol and
the ticket columns. Queue numbers live in ``central.numbering``.
"""

__version__ = "0.1.0"

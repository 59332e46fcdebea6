"""MPP Central: the server the kiosks of one or more MPPs sync with.

It publishes each MPP's catalog, hands out queue numbers (online tickets and blocks leased
for offline use), collects every ticket, heartbeat and feedback item, and reports visits.
It never imports PySide6; it reuses the kiosk's pure domain modules (catalog schema,
numbering, clock, wait model).
"""

__version__ = "0.1.0"

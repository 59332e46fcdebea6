"""The kiosk's side of the operating system: plain Python, no Qt, no database.

- ``sdnotify``: READY, WATCHDOG and STATUS to systemd over ``$NOTIFY_SOCKET``
- ``disk``: free space of the data folder, and what it means for issuing numbers
- ``supervise``: a worker thread that is restarted with back-off when it dies
- ``locks``: the lock that keeps an update from switching releases while a slip prints
- ``housekeeping``: pruning old slip previews

The Qt side (the watchdog timer on the GUI thread, SIGTERM into the event loop, the
out-of-service page) is ``kiosk/lifecycle.py``.
"""

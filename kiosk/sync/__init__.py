"""The kiosk's side of sync with the central server (see docs/sync.md).

No Qt here: the app wires :class:`kiosk.sync.worker.SyncWorker` and shows
:class:`kiosk.sync.status.SyncStatus` to staff. Import the submodules you need;
``mpp_core.wire.protocol`` is also used by the central server and stays free of ``requests``.
"""

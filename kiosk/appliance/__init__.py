"""The kiosk as an appliance: the installer, releases and updates (standard library only).

- ``layout``: where everything goes (``/opt/mpp-kiosk``, ``/etc/mpp-kiosk``,
  ``/var/lib/mpp-kiosk``), under a root folder so tests install into a temporary one
- ``install``: ``mpp-kiosk appliance install|uninstall [--dry-run]``: the system user, a
  versioned release with a ``current`` link, the systemd unit (cage on tty1, watchdog,
  restarts for ever), the PAM stack, the printer udev rule and usblp blacklist, journald's
  limits; idempotent
- ``releases``: a release folder (a venv with the wheel in it), the atomic ``current`` switch
- ``update``: ``mpp-kiosk update PACKAGE``: new release, database backup, migrations, switch,
  restart, health gate, automatic rollback
- ``service``: the unit's helpers (``appliance backoff``, ``appliance stop``)
- ``files/``: the unit, PAM, udev, modprobe, journald and sysctl files laid down

Runs as root from the wheel itself before anything is installed
(``PYTHONPATH=WHEEL python3 -m kiosk.appliance install --wheel WHEEL``), so nothing here
imports a third-party package, Qt or the database layer.
"""

"""The kiosk's settings, one module per group, each with the one validator of its group.

- ``kiosk``: ``KioskConfig`` (the whole configuration) and the ``[kiosk]`` table
- ``screen``: ``[panel]`` and ``[screen]``
- ``hours``: ``[hours]``, the opening-hours override
- ``printer``: ``[printer]`` (the settings object is ``kiosk.printing.settings.PrinterSettings``)
- ``server``: ``[server]`` (the settings object is ``kiosk.sync.settings.ServerSettings``)
- ``rules`` and ``paths``: the checks and messages the groups share

Every check says what is wrong as (Indonesian, English) words under a ``section.key``: the
config file check, the command line, the staff screens and the settings objects all run these
validators and show these words. Nothing here imports Qt, the printer, the network or the
database; reading and writing the TOML file is ``kiosk/config.py``.
"""

"""The MPP queue core: what the kiosk and the central server both need.

- ``mpp_core.domain``: the rules (catalog model, opening hours and availability, numbering,
  waiting estimates, search, the WIB clock). Pure Python.
- ``mpp_core.catalog``: the catalog's data format, its validation and its files. Pure Python.
- ``mpp_core.wire``: the sync API between kiosk and server (paths, limits, number ranges,
  catalog ETags, and the request and answer schemas).
- ``mpp_core.db``: database column types and the SQLite connection set-up (SQLAlchemy).

It imports neither ``kiosk`` nor ``central`` (import-linter contracts in pyproject.toml).
"""

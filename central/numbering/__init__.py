"""Queue numbers on the server. The API uses :class:`Numbering` and :class:`NumberingError`
only; the modules behind them:

* ``counters``: the counter row per MPP, gerai and service day (online numbers count up from
  1, leased blocks are carved from 999 downwards; the row is also the lock);
* ``allocation``: online numbers, idempotent by ticket id (one statement on PostgreSQL);
* ``leases``: blocks of numbers for offline use;
* ``uploads``: tickets kiosks committed, renumbering and conflicts;
* ``queue``: the queue model, placing tickets in it, and the queue state kiosks show.

If online numbering reaches the leased area it jumps to 1000 and goes on (up to 9999).
Emergency numbers (``slot * 10000 + n``) belong to one kiosk and need no counter.
"""

from central.numbering.counters import NumberingError
from central.numbering.service import Numbering

__all__ = ["Numbering", "NumberingError"]

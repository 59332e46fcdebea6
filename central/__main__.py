"""``python -m central``: the same as the ``mpp-central`` command."""

from central.cli import main

raise SystemExit(main())

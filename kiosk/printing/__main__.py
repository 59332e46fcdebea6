"""`python -m kiosk.printing printer ...` (or without the `printer` word)."""

import sys

from kiosk.printing.cli import main

sys.exit(main())

"""Developer tools (test and bench equipment). Not part of the installed kiosk: the wheel
packages only mpp_core, kiosk and central (pyproject.toml), and nothing in them imports
this. Run from the repository root, e.g. `python -m tools.escpos_emulator --help`."""

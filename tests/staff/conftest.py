"""A whole kiosk with staff mode, PINs set, a config file on disk and no real exit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.config import save_config
from kiosk.settings.kiosk import KioskConfig
from kiosk.settings.screen import PanelConfig
from kiosk.usecases.staff_session import Role

STAFF_PIN = "482915"
TECH_PIN = "739164"
LEFT = Qt.MouseButton.LeftButton


@dataclass
class Exits:
    codes: list[int] = field(default_factory=list)

    def __call__(self, code: int) -> None:
        self.codes.append(code)


@pytest.fixture
def staff_kiosk(kiosk_factory, tmp_path: Path):  # type: ignore[no-untyped-def]
    """make(pins=True, **config) -> kiosk with k.exits recording exit requests."""
    built: list[Any] = []

    def make(
        *,
        pins: bool = True,
        config_file: Path | None = None,
        clock: Any = None,
        catalog_dir: Path | None = None,
        **overrides: Any,
    ):  # type: ignore[no-untyped-def]
        path = config_file or tmp_path / "etc" / "kiosk.toml"
        panel = overrides.pop("panel", None) or PanelConfig(21.5, 1920, 1080)
        base = KioskConfig(
            database=str(tmp_path / "kiosk.db"), panel=panel, fullscreen=False, **overrides
        )
        if config_file is None:
            save_config(base, path)
        extra: dict[str, Any] = {"clock": clock} if clock is not None else {}
        if catalog_dir is not None:
            extra["catalog_dir"] = catalog_dir
        k = kiosk_factory(source_file=str(path), panel=panel, **extra, **overrides)
        k.exits = Exits()
        assert k.staff is not None
        k.staff.exit_app = k.exits
        if pins:
            k.staff.auth.set_pin(Role.STAFF, STAFF_PIN, by="test")
            k.staff.auth.set_pin(Role.TECHNICIAN, TECH_PIN, by="test")
        built.append(k)
        return k

    yield make
    for k in built:
        k.printing.close()  # the printer thread stops before the window goes


def press_pin(qtbot, k, pin: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the digits and Enter on the PIN pad, like a finger would."""
    pad = k.staff.overlay.pin
    for d in pin:
        qtbot.mouseClick(pad.keys[d], LEFT)
    qtbot.mouseClick(pad.ok_button, LEFT)


def sign_in(qtbot, k, pin: str = STAFF_PIN) -> None:  # type: ignore[no-untyped-def]
    k.staff.open()
    press_pin(qtbot, k, pin)
    assert k.staff.staff.session is not None


def audit_actions(k) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.actor, e.action) for e in reversed(k.staff.audit.recent(200))]

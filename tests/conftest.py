"""Shared fixtures. Qt runs offscreen (set before any Qt import)."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# No test reads or writes the real user's kiosk files: the per-user folders (config, data,
# state, cache; platformdirs follows these variables) point into a fresh folder, for this
# process and every kiosk process a test starts.
os.environ["MPP_TEST_XDG"] = tempfile.mkdtemp(prefix="mpp-tests-xdg-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(os.environ["MPP_TEST_XDG"], "config")
os.environ["XDG_DATA_HOME"] = os.path.join(os.environ["MPP_TEST_XDG"], "data")
os.environ["XDG_STATE_HOME"] = os.path.join(os.environ["MPP_TEST_XDG"], "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(os.environ["MPP_TEST_XDG"], "cache")

from datetime import datetime
from pathlib import Path

import pytest

from mpp_core.catalog.files import DEFAULT_CATALOG_DIR, read_catalog_dir
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.clock import WIB, FixedClock

ROOT = Path(__file__).resolve().parents[1]
# The developer tools (tools/escpos_emulator) sit beside the packages and are not installed
# with them: the tests reach them from the repository root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
MINI_CATALOG = ROOT / "tests" / "fixtures" / "catalog-mini"
# Wednesday 2 December 2026, 10:00 WIB: a normal working morning.
WEDNESDAY_10 = datetime(2026, 12, 2, 10, 0, tzinfo=WIB)


@pytest.fixture(scope="session")
def default_catalog() -> Catalog:
    return read_catalog_dir(DEFAULT_CATALOG_DIR)


@pytest.fixture(scope="session")
def mini_catalog() -> Catalog:
    return read_catalog_dir(MINI_CATALOG)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(WEDNESDAY_10)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.db"


@pytest.fixture
def kiosk_factory(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build a whole kiosk (real SQLite file, real screens) with a fixed clock."""
    from kiosk.app import build_kiosk
    from kiosk.settings.kiosk import KioskConfig
    from kiosk.settings.screen import PanelConfig

    built = []

    def make(
        *,
        catalog_dir: Path = MINI_CATALOG,
        clock: FixedClock | None = None,
        panel: PanelConfig | None = None,
        db: Path | None = None,
        **overrides: object,
    ):  # type: ignore[no-untyped-def]
        cfg = KioskConfig(
            database=str(db or tmp_path / "kiosk.db"),
            panel=panel or PanelConfig(21.5, 1920, 1080),
            fullscreen=False,
            **overrides,  # type: ignore[arg-type]
        )
        k = build_kiosk(cfg, clock=clock or FixedClock(WEDNESDAY_10), catalog_seed=catalog_dir)
        qtbot.addWidget(k.window)
        k.window.resize(cfg.panel.width_px, cfg.panel.height_px)
        k.window.show()
        qtbot.waitExposed(k.window)
        built.append(k)
        return k

    yield make
    for k in built:
        if k.supervisor is not None:
            k.supervisor.stop()
        if k.sync is not None:
            k.sync.stop()
        k.printing.close()
        k.runner.shutdown(wait=True)


def wait_idle_runner(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    """Wait until the background runner has delivered every result to the GUI thread."""
    qtbot.waitUntil(lambda: kiosk.runner.pending == 0, timeout=5000)

"""``mpp-kiosk doctor``: one screen of checks, each PASS, WARN or FAIL with its reason and
what to do, and an exit code (1 when anything FAILs). The technician's staff screen runs the
same checks (``run_checks`` with the running kiosk's own view of its printer and watchdog).

Every check reads only and is bounded in time (the printer and the server with short
timeouts), so the doctor never hangs; it never prints a secret.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.settings.kiosk import KioskConfig
from kiosk.system import disk, probes, readiness
from kiosk.system.disk import DiskState
from mpp_core.assets import AssetsMissing, asset_path

UNIT_FILE = Path("/etc/systemd/system/mpp-kiosk.service")
OUTBOX_STALE_S = 3600.0
CLOCK_WARN_S = 60.0


class Status(StrEnum):
    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    reason: str
    fix: str = ""

    def line(self) -> str:
        fix = f" -> {self.fix}" if self.fix and self.status is not Status.PASS else ""
        return f"{self.status.value:<4}  {self.name:<10} {self.reason}{fix}"


@dataclass
class Live:
    """What the running kiosk knows better than a look from outside (staff screen)."""

    printer_state: str = ""
    printer_words: str = ""
    paper_left_m: float | None = None
    watchdog_usec: int = 0
    notify_socket: bool = False


ServerCheck = Callable[["DoctorContext"], tuple[list["Check"], float | None]]


@dataclass
class DoctorContext:
    config_path: Path
    config: KioskConfig
    problems: list[Any]
    blocked: str | None = None
    live: Live | None = None
    unit_file: Path = UNIT_FILE
    server_timeout_s: float = 5.0
    # The server, TLS and token checks (kiosk.sync.probe.check_server; the use cases do not
    # import the sync client): None leaves them out.
    server_check: ServerCheck | None = None


# --------------------------------------------------------------------------- the checks


def check_qt(ctx: DoctorContext) -> list[Check]:
    out: list[Check] = []
    import importlib.metadata
    import importlib.util

    platform = os.environ.get("QT_QPA_PLATFORM", "(Qt's default)")
    if importlib.util.find_spec("PySide6") is None:
        out.append(Check("qt", Status.FAIL, "PySide6 is not installed", "reinstall the release"))
    else:
        try:
            version = importlib.metadata.version("PySide6-Essentials")
        except importlib.metadata.PackageNotFoundError:
            version = "?"
        out.append(Check("qt", Status.PASS, f"PySide6 {version}, platform {platform}"))
    try:
        fonts = sorted(p.name for p in asset_path("fonts").glob("*.ttf"))
    except AssetsMissing as exc:
        fonts, missing = [], str(exc)
    else:
        missing = "no .ttf file in the assets' fonts folder"
    if fonts:
        out.append(Check("fonts", Status.PASS, ", ".join(fonts)))
    else:
        out.append(Check("fonts", Status.FAIL, missing, "reinstall the release"))
    return out


def check_config(ctx: DoctorContext) -> list[Check]:
    out: list[Check] = []
    path = ctx.config_path
    if ctx.blocked:
        out.append(
            Check(
                "config",
                Status.FAIL,
                f"{ctx.blocked}: {path} cannot be used and there is no last good copy",
                f"mpp-kiosk config check {path}",
            )
        )
    elif not path.exists():
        out.append(Check("config", Status.WARN, f"{path} does not exist: defaults in use"))
    elif ctx.problems:
        first = str(ctx.problems[0])
        out.append(
            Check(
                "config",
                Status.WARN,
                f"{len(ctx.problems)} problem(s), last good values used; first: {first}",
                f"mpp-kiosk config check {path}",
            )
        )
    else:
        out.append(Check("config", Status.PASS, f"{path} has no problem"))
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return out
    if mode & 0o077:
        out.append(
            Check(
                "config-mode",
                Status.FAIL,
                f"{path} is 0{mode:o}: other users can read the kiosk's token",
                f"chmod 600 {path}",
            )
        )
    else:
        out.append(Check("config-mode", Status.PASS, f"0{mode:o}"))
    return out


def check_database(ctx: DoctorContext) -> list[Check]:
    from kiosk.store import integrity

    if ctx.blocked:
        return [Check("database", Status.WARN, "not checked: the config names no usable one")]
    path = ctx.config.database_path()
    result = integrity.check(path)
    out: list[Check] = []
    if result.detail == "missing":
        out.append(Check("database", Status.WARN, f"{path} does not exist yet (first start)"))
        return out
    if result.ok:
        out.append(Check("database", Status.PASS, f"{path}: quick_check ok"))
    else:
        fix = "restart the kiosk: it moves the file aside and rebuilds it"
        out.append(Check("database", Status.FAIL, f"{path}: {result.detail}", fix))
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return out
    status = Status.PASS if not mode & 0o077 else Status.FAIL
    out.append(Check("db-mode", status, f"0{mode:o} (holds PIN hashes)", f"chmod 600 {path}"))
    return out


def check_disk(ctx: DoctorContext) -> list[Check]:
    space = disk.measure(ctx.config.data_dir())
    words = f"{space.free_mb:.0f} MB free of {space.total_bytes / disk.MIB:.0f} MB in {space.path}"
    status = {
        DiskState.OK: Status.PASS,
        DiskState.LOW: Status.WARN,
        DiskState.FULL: Status.FAIL,
        DiskState.UNKNOWN: Status.WARN,
    }[space.state]
    fix = "free space: old files in the data folder, journalctl --vacuum-size=100M"
    return [Check("disk", status, space.error or words, fix)]


def check_printer(ctx: DoctorContext) -> list[Check]:
    from kiosk.config import printer_settings

    settings, problems = printer_settings(ctx.config)
    if problems:
        return [Check("printer", Status.FAIL, str(problems[0]), "mpp-kiosk config check")]
    if settings.kind == "preview":
        return [Check("printer", Status.WARN, "no printer configured: slips shown on screen")]
    live = ctx.live
    if live is None:
        stamp = readiness.read_stamp(ctx.config.data_dir())
        if stamp and isinstance(stamp.get("pid"), int) and probes.process_alive(stamp["pid"]):
            seen = stamp.get("status")
            status: dict[str, Any] = seen if isinstance(seen, dict) else {}
            live = Live(
                printer_state=str(status.get("printer_state", "")),
                printer_words=f"as the running kiosk (pid {stamp['pid']}) last saw it",
                paper_left_m=status.get("paper_left_m"),
            )
    if live is not None and live.printer_state:
        state, words = live.printer_state, live.printer_words
    else:
        from kiosk.printing.service import PrinterDriver

        quick = replace(
            settings,
            connect_timeout_s=min(settings.connect_timeout_s, 3.0),
            status_timeout_s=min(settings.status_timeout_s, 1.0),
        )
        driver = PrinterDriver(quick)
        try:
            answer = driver.status()
        finally:
            driver.close()
        state, words = answer.state.value, answer.detail or answer.words("en")
    paper = f"; about {live.paper_left_m:.1f} m of paper left" if live and live.paper_left_m else ""
    result = Status.PASS if state == "ready" else Status.WARN
    if state in ("paper_out", "cover_open", "offline", "error", "unknown"):
        result = Status.FAIL
    fix = "check the printer's power, cable and paper; mpp-kiosk printer status"
    return [Check("printer", result, f"{settings.describe()}: {state} ({words}){paper}", fix)]


def check_usb(ctx: DoctorContext) -> list[Check]:
    from kiosk.config import printer_settings

    settings, _problems = printer_settings(ctx.config)
    if settings.kind != "usb":
        return [Check("usb", Status.PASS, "not a USB printer")]
    node = getattr(settings, "usb_device", None)
    if node:
        if not os.path.exists(node):
            return [Check("usb", Status.FAIL, f"{node} is not there", "plug the printer in")]
        ok = os.access(node, os.R_OK | os.W_OK)
        return [
            Check(
                "usb",
                Status.PASS if ok else Status.FAIL,
                f"{node} {'can' if ok else 'cannot'} be opened by this user",
                "the udev rule and the lp group: mpp-kiosk appliance install",
            )
        ]
    wanted = (settings.usb_vendor_id, settings.usb_product_id)
    found = [d for d in probes.usb_devices() if (d.vendor, d.product) == wanted]
    if not found:
        return [
            Check(
                "usb",
                Status.FAIL,
                f"no USB device {wanted[0] or 0:04x}:{wanted[1] or 0:04x} is plugged in",
                "plug the printer in; lsusb",
            )
        ]
    dev = found[0]
    out = []
    if os.access(dev.node, os.R_OK | os.W_OK):
        out.append(Check("usb", Status.PASS, f"{dev.node} can be opened by this user"))
    else:
        out.append(
            Check(
                "usb",
                Status.FAIL,
                f"{dev.node} cannot be opened by this user",
                "the udev rule (mpp-kiosk appliance install), then replug",
            )
        )
    if "usblp" in dev.drivers:
        out.append(Check("usb-driver", Status.WARN, "the usblp driver holds the printer", "replug"))
    return out


def check_clock(ctx: DoctorContext, offset_s: float | None) -> list[Check]:
    synced = probes.ntp_synchronised()
    if synced is None:
        out = [Check("clock", Status.WARN, "cannot tell whether the clock is synchronised")]
    elif synced:
        out = [Check("clock", Status.PASS, "synchronised (NTP)")]
    else:
        out = [
            Check(
                "clock",
                Status.WARN,
                "not synchronised by NTP",
                "timedatectl set-ntp true; check the network",
            )
        ]
    if offset_s is not None:
        status = Status.PASS if abs(offset_s) < CLOCK_WARN_S else Status.WARN
        out.append(Check("clock-srv", status, f"{offset_s:+.1f} s from the server's clock"))
    return out


def check_data(ctx: DoctorContext) -> list[Check]:
    from kiosk.store import integrity

    if ctx.blocked:
        return []
    path = ctx.config.database_path()
    if not path.exists():
        return [Check("catalog", Status.WARN, "no database yet: the default catalog is loaded")]
    try:
        p = integrity.peek(path)
    except Exception as exc:
        return [Check("catalog", Status.FAIL, f"cannot be read: {exc}")]
    out = [
        Check(
            "catalog",
            Status.PASS if p.catalog_version else Status.WARN,
            f"version {p.catalog_version}" if p.catalog_version else "no catalog yet",
        )
    ]
    age = ""
    stale = False
    if p.outbox_oldest:
        try:
            oldest = datetime.fromisoformat(p.outbox_oldest)
            if oldest.tzinfo is None:
                oldest = oldest.replace(tzinfo=UTC)
            seconds = (datetime.now(UTC) - oldest).total_seconds()
            age = f", oldest {seconds / 60:.0f} min old"
            stale = seconds > OUTBOX_STALE_S
        except ValueError:
            age = f", oldest {p.outbox_oldest}"
    status = Status.WARN if stale or p.outbox_rejected else Status.PASS
    words = f"{p.outbox_pending} waiting{age}; {p.outbox_rejected} refused by the server"
    out.append(Check("outbox", status, words, "check the server link (doctor: server)"))
    return out


def check_watchdog(ctx: DoctorContext) -> list[Check]:
    live = ctx.live
    if live is not None and live.notify_socket:
        if live.watchdog_usec:
            secs = live.watchdog_usec / 1e6
            return [Check("watchdog", Status.PASS, f"systemd watchdog on: {secs:.0f} s")]
        return [Check("watchdog", Status.WARN, "under systemd, but no WatchdogSec=")]
    watchdog = probes.unit_setting(ctx.unit_file, "WatchdogSec")
    access = probes.unit_setting(ctx.unit_file, "NotifyAccess")
    if watchdog is None:
        return [
            Check(
                "watchdog",
                Status.WARN,
                f"no WatchdogSec= in {ctx.unit_file} (not installed as an appliance)",
                "mpp-kiosk appliance install",
            )
        ]
    if access != "all":
        return [
            Check(
                "watchdog",
                Status.FAIL,
                f"WatchdogSec={watchdog} but NotifyAccess={access}: pings from inside cage "
                "are dropped",
                "NotifyAccess=all",
            )
        ]
    return [Check("watchdog", Status.PASS, f"WatchdogSec={watchdog}, NotifyAccess=all")]


def run_checks(ctx: DoctorContext, *, quick: bool = False) -> list[Check]:
    """Every check (``quick``: without the printer and the server)."""
    checks: list[Check] = []
    for name, check in (
        ("qt", check_qt),
        ("config", check_config),
        ("database", check_database),
        ("disk", check_disk),
    ):
        checks += guarded(lambda c=check: c(ctx), name)  # type: ignore[misc]
    offset: list[float | None] = [None]
    server: list[Check] = []
    if not quick:
        checks += guarded(lambda: check_printer(ctx), "printer")
        checks += guarded(lambda: check_usb(ctx), "usb")

        def talk() -> list[Check]:
            if ctx.server_check is None:
                return []
            found, offset[0] = ctx.server_check(ctx)
            return found

        server = guarded(talk, "server")
    checks += guarded(lambda: check_clock(ctx, offset[0]), "clock")
    checks += server
    checks += guarded(lambda: check_data(ctx), "outbox")
    checks += guarded(lambda: check_watchdog(ctx), "watchdog")
    return checks


def guarded(check: Callable[[], list[Check]], name: str) -> list[Check]:
    try:
        return check()
    except Exception as exc:  # one broken check must not hide the others
        return [Check(name, Status.FAIL, f"the check itself failed: {exc!r}"[:300])]


def exit_code(checks: list[Check]) -> int:
    return 1 if any(c.status is Status.FAIL for c in checks) else 0


def as_json(checks: list[Check]) -> str:
    return json.dumps(
        {"at": time.time(), "checks": [asdict(c) for c in checks]}, indent=2, ensure_ascii=False
    )


def doctor_lines(
    config_path: Path,
    config: KioskConfig,
    live: Live | None = None,
    server_check: ServerCheck | None = None,
) -> list[str]:
    """The checks as lines, for the out-of-service page and the technician's screen."""
    from kiosk.config import load_kiosk_config

    _cfg, problems, blocked = load_kiosk_config(config_path)
    ctx = DoctorContext(
        config_path, config, problems, blocked, live=live, server_check=server_check
    )
    return [c.line() for c in run_checks(ctx)]

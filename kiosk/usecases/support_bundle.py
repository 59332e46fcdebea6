"""``mpp-kiosk support-bundle``: one file a technician sends when asking for help.

``mpp-<kiosk id>-<UTC time>.tar.gz`` holds: README.txt and manifest.json (what is in it, what
could not be captured and why), the kiosk's log of the last N days (journald: the unit, and
the kernel's lines beside it), the config and its last good copy with the token and every
other secret replaced, the doctor's checks, versions, and a summary of the database (counts
and the outbox; never a ticket, a PIN hash or the file itself).

Every capture is time-limited and a failing one is recorded, never fatal. Known secrets (the
token, the PIN hashes and salts read from the database) are removed from every captured text
as a last line of defence, even from logs that should never hold them.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import platform
import re
import socket
import subprocess
import tarfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import last_good_path, load_kiosk_config
from kiosk.settings.kiosk import KioskConfig
from kiosk.usecases.doctor import DoctorContext, ServerCheck, as_json, run_checks
from mpp_core.version import app_version

REDACTED = "***REDACTED***"
SECRET_KEYS = re.compile(r"token|secret|password|passwd|pin|key|salt|digest|hash", re.I)
COMMAND_TIMEOUT_S = 30.0
README = """MPP kiosk support bundle

Made by `mpp-kiosk support-bundle` on the kiosk itself; nothing was sent anywhere.
Secrets are replaced by {redacted}: the server token, any key that looks like a secret, and
the staff PIN hashes (never included). Redaction is careful but best effort: look before you
forward this file.

manifest.json      what was captured, and what could not be (with why)
doctor.txt/.json   mpp-kiosk doctor
versions.txt       the app, Python, the libraries, the operating system
config/            kiosk.toml and its last good copy, redacted
database.json      counts only: tickets by print state, the outbox, the schema
logs/              journald: the kiosk's unit and the kernel, the last {days} days
system/            the installed unit and rules, disk space, USB devices
"""


def redact_toml(text: str) -> str:
    """The config with every secret-looking value replaced (line by line, so comments and a
    file that does not parse are handled too)."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^(\s*[\"']?)([A-Za-z0-9_.-]+)([\"']?\s*=\s*)(.*)$", line)
        if m and SECRET_KEYS.search(m.group(2)):
            out.append(f'{m.group(1)}{m.group(2)}{m.group(3)}"{REDACTED}"')
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _secrets(config: KioskConfig, db: Path | None) -> list[str]:
    found = [str(v) for k, v in config.server.items() if SECRET_KEYS.search(k) and v]
    if db is not None and db.exists():
        from kiosk.store.integrity import read_pins

        for pin in read_pins([db]):
            found += [pin.digest.hex(), pin.salt.hex()]
    return [s for s in found if len(s) >= 6]


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def _run(argv: list[str]) -> tuple[str, str | None]:
    try:
        r = subprocess.run(
            argv, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return "", f"{type(exc).__name__}: {exc}"
    err = None if r.returncode == 0 else f"exit {r.returncode}: {r.stderr.strip()[:300]}"
    return r.stdout + (("\n" + r.stderr) if r.stderr else ""), err


def _versions() -> str:
    import importlib.metadata as md

    lines = [f"mpp-kiosk {app_version()}", f"python {platform.python_version()}"]
    for dist in ("PySide6-Essentials", "SQLAlchemy", "python-escpos", "requests", "pydantic"):
        try:
            lines.append(f"{dist} {md.version(dist)}")
        except md.PackageNotFoundError:
            lines.append(f"{dist} (not installed)")
    lines.append(f"kernel {platform.release()} {platform.machine()}")
    with contextlib.suppress(OSError):
        lines.append(Path("/etc/os-release").read_text(encoding="utf-8"))
    return "\n".join(lines) + "\n"


def write_bundle(
    config_path: Path,
    out_dir: Path,
    *,
    database: Path | None = None,
    days: int = 7,
    server_check: ServerCheck | None = None,
) -> Path:
    """Write the bundle into ``out_dir``; returns its path (``0600``)."""

    config, problems, blocked = load_kiosk_config(config_path)
    db = database or (None if blocked else config.database_path())
    if database is not None:
        from dataclasses import replace

        config = replace(config, database=str(database))
    secrets = _secrets(config, db)
    files: dict[str, str] = {}
    manifest: dict[str, Any] = {
        "kiosk_id": config.kiosk_id,
        "version": app_version(),
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "days_of_logs": days,
        "captured": [],
        "not_captured": {},
    }
    with contextlib.suppress(OSError):
        manifest["boot_id"] = Path("/proc/sys/kernel/random/boot_id").read_text().strip()

    def add(name: str, text: str) -> None:
        files[name] = _scrub(text, secrets)
        manifest["captured"].append(name)

    def missed(name: str, why: str) -> None:
        manifest["not_captured"][name] = _scrub(why, secrets)

    add("README.txt", README.format(redacted=REDACTED, days=days))
    add("versions.txt", _versions())
    for name, path in (("config/kiosk.toml", config_path),
                       ("config/kiosk.toml.last-good", last_good_path(config_path))):  # fmt: skip
        try:
            add(name, redact_toml(path.read_text(encoding="utf-8", errors="replace")))
        except OSError as exc:
            missed(name, str(exc))
    try:
        ctx = DoctorContext(config_path, config, problems, blocked, server_check=server_check)
        checks = run_checks(ctx)
        add("doctor.txt", "\n".join(c.line() for c in checks) + "\n")
        add("doctor.json", as_json(checks))
    except Exception as exc:
        missed("doctor", repr(exc))
    if db is not None and db.exists():
        from kiosk.store.integrity import peek

        try:
            add("database.json", json.dumps(vars(peek(db)), indent=2, default=str))
        except Exception as exc:
            missed("database.json", repr(exc))
    since = f"{days} days ago"
    for name, argv in (
        ("logs/mpp-kiosk.log", ["journalctl", "-u", "mpp-kiosk.service", "--since", since,
                                "--no-pager", "-o", "short-iso"]),
        ("logs/kernel.log", ["journalctl", "-k", "--since", since, "--no-pager", "-o",
                             "short-iso"]),
        ("system/systemctl-status.txt", ["systemctl", "status", "--no-pager", "--lines=0",
                                         "mpp-kiosk.service"]),
        ("system/df.txt", ["df", "-h"]),
        ("system/lsusb.txt", ["lsusb"]),
        ("system/coredumps.txt", ["coredumpctl", "list", "--no-pager", "--since", since]),
    ):  # fmt: skip
        text, err = _run(argv)
        if text.strip():
            add(name, text)
        if err is not None:
            missed(name, err)
    for name, path in (
        ("system/mpp-kiosk.service", Path("/etc/systemd/system/mpp-kiosk.service")),
        ("system/60-mpp-kiosk-printers.rules",
         Path("/etc/udev/rules.d/60-mpp-kiosk-printers.rules")),
        ("system/journald-mpp-kiosk.conf", Path("/etc/systemd/journald.conf.d/mpp-kiosk.conf")),
    ):  # fmt: skip
        try:
            add(name, path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            missed(name, exc.strerror or str(exc))
    files["manifest.json"] = _scrub(json.dumps(manifest, indent=2), secrets)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe_id = re.sub(r"[^A-Za-z0-9._-]", "_", config.kiosk_id)
    target = out_dir / f"mpp-{safe_id}-{stamp}.tar.gz"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"mpp-{safe_id}-{stamp}/{name}")
            info.size = len(data)
            info.mtime = int(time.time())
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
    return target


def member_texts(bundle: Path) -> dict[str, str]:
    """Every file of a bundle as text (tests, and a technician's quick look)."""
    out = {}
    with tarfile.open(bundle, "r:gz") as tar:
        for member in tar.getmembers():
            fh = tar.extractfile(member)
            if fh is not None:
                out[member.name] = fh.read().decode("utf-8", "replace")
    return out


_ = tomllib  # the config is redacted line by line: a file that does not parse is still shown

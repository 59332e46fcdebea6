"""The release and the appliance, end to end, as a technician meets them.

``python -m build`` makes the wheel and the sdist; the documented one command installs the
wheel into a temporary root (a copy of this machine's user database stands in for a fresh
Debian 12): the user, a versioned release (a real venv with the wheel and its dependencies),
the unit, udev, journald. The release then starts the kiosk (offscreen) and the server, and
under cage with wlroots' headless backend the unit's own command line paints its first frame.
``mpp-kiosk update`` upgrades a database made by the previous release and rolls back a release
that does not start. All in one module: the release is built and installed once (slow)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.appliance.layout import Layout, template
from kiosk.appliance.releases import release_size
from tests.appliance.helpers import fake_systemd
from tests.appliance.release_tools import (
    build_release,
    that_does_not_start,
    with_one_more_migration,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PYTHON3 = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
USER_FILES = ("passwd", "group", "shadow", "gshadow", "login.defs")
ALWAYS_OPEN = (
    '[hours]\nmode = "custom"\nopen = "00:00"\nclose = "23:59"\n'
    'days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
)


def fresh_root() -> Path:
    """A folder standing for a fresh PC's /: its own copy of the user database, readable by
    every user (the cage test runs the kiosk as an unprivileged one)."""
    folder = Path(tempfile.mkdtemp(prefix="mpp-root-", dir="/tmp"))
    os.chmod(folder, 0o755)
    (folder / "etc").mkdir()
    for name in USER_FILES:
        if Path("/etc", name).exists():
            shutil.copy2(Path("/etc", name), folder / "etc" / name)
    return folder


def installer(wheel: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The documented command: the installer runs from the wheel itself."""
    return subprocess.run(
        [PYTHON3, "-m", "kiosk.appliance", "install", "--wheel", str(wheel),
         "--root", str(root), *args],
        cwd="/", env={**os.environ, "PYTHONPATH": str(wheel)},
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip


@dataclass
class Installed:
    root: Path
    wheel: Path
    sdist: Path
    uid: int
    gid: int
    first_run: str
    seconds: float

    @property
    def layout(self) -> Layout:
        return Layout(root=self.root)

    def at(self, path: str) -> Path:
        return self.layout.at(path)

    @property
    def tool(self) -> Path:
        return self.at("/opt/mpp-kiosk/current/bin/mpp-kiosk")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_release(tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def installed(release: tuple[Path, Path]) -> Iterator[Installed]:
    wheel, sdist = release
    root = fresh_root()
    started = time.monotonic()
    r = installer(wheel, root, "--extras", "kiosk,central")
    seconds = time.monotonic() - started
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    line = next(x for x in (root / "etc" / "passwd").read_text().splitlines()
                if x.startswith("mpp-kiosk:"))  # fmt: skip
    uid, gid = int(line.split(":")[2]), int(line.split(":")[3])
    yield Installed(root, wheel, sdist, uid, gid, r.stdout, seconds)
    shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------- the release


def test_the_wheel_and_sdist_carry_everything(release: tuple[Path, Path]) -> None:
    wheel, sdist = release
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("mpp_assets/catalog/mpp.json", "mpp_assets/fonts/NotoSans-Regular.ttf",
                   "mpp_assets/icons/printer.svg", "kiosk/appliance/files/mpp-kiosk.service",
                   "kiosk/appliance/files/60-mpp-kiosk-printers.rules",
                   "kiosk/store/migrations/env.py", "central/migrations/env.py"):  # fmt: skip
        assert needed in names
    assert sum(n.startswith("mpp_assets/catalog/") for n in names) >= 2
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    for needed in ("setup.py", "pyproject.toml", "assets/catalog/mpp.json",
                   "kiosk/appliance/files/mpp-kiosk.service"):  # fmt: skip
        assert needed in members
    print(f"RELEASE_SIZE wheel {wheel.stat().st_size / 1e6:.2f} MB, "
          f"sdist {sdist.stat().st_size / 1e6:.2f} MB")  # fmt: skip


# --------------------------------------------------------------------------- the installer


def test_dry_run_prints_every_step_and_changes_nothing(release: tuple[Path, Path]) -> None:
    root = fresh_root()
    try:
        before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
        r = installer(release[0], root, "--dry-run")
        assert r.returncode == 0, r.stderr
        assert sorted(str(p.relative_to(root)) for p in root.rglob("*")) == before
        said = r.stdout
        for step in ("system user mpp-kiosk", "release 0.1.0", "mpp-kiosk.service",
                     "/etc/pam.d/mpp-kiosk", "60-mpp-kiosk-printers.rules",
                     "mpp-kiosk-no-usblp.conf", "journald.conf.d/mpp-kiosk.conf",
                     "kiosk.toml", "cups.service -> /dev/null"):  # fmt: skip
            assert any(step in line and line.startswith("would:") for line in said.splitlines())
        assert "step(s) would change" in said
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_installer_lays_down_files_owners_and_modes(installed: Installed) -> None:
    i = installed
    print(f"INSTALL_S {i.seconds:.1f}")
    for folder in ("/etc/mpp-kiosk", "/var/lib/mpp-kiosk"):
        st = i.at(folder).stat()
        assert (_mode(i.at(folder)), st.st_uid, st.st_gid) == (0o700, i.uid, i.gid)
    config = i.at("/etc/mpp-kiosk/kiosk.toml")
    assert (_mode(config), config.stat().st_uid) == (0o600, i.uid)
    assert 'database = "/var/lib/mpp-kiosk/kiosk.db"' in config.read_text()
    assert os.readlink(i.at("/opt/mpp-kiosk/current")) == "releases/0.1.0"
    assert (i.at("/opt/mpp-kiosk/releases/0.1.0/.complete")).is_file()
    assert os.readlink(i.at("/usr/local/bin/mpp-kiosk")) == "/opt/mpp-kiosk/current/bin/mpp-kiosk"
    unit = i.at("/etc/systemd/system/mpp-kiosk.service")
    assert (_mode(unit), unit.stat().st_uid) == (0o644, 0)
    text = unit.read_text()
    for setting in ("User=mpp-kiosk", "ExecStart=/usr/bin/cage -d -- /opt/mpp-kiosk/current/bin/",
                    "Restart=always", "StartLimitIntervalSec=0", "WatchdogSec=30",
                    "NotifyAccess=all", "TTYPath=/dev/tty1", "ConfigurationDirectory=mpp-kiosk",
                    "StateDirectory=mpp-kiosk", "Type=notify"):  # fmt: skip
        assert setting in text
    assert os.readlink(i.at("/etc/systemd/system/graphical.target.wants/mpp-kiosk.service"))
    assert "pam_systemd.so" in i.at("/etc/pam.d/mpp-kiosk").read_text()
    rules = i.at("/etc/udev/rules.d/60-mpp-kiosk-printers.rules").read_text()
    assert 'ATTR{idVendor}=="04b8"' in rules and "*:07????:*" in rules and 'GROUP="lp"' in rules
    assert "blacklist usblp" in i.at("/etc/modprobe.d/mpp-kiosk-no-usblp.conf").read_text()
    journald = i.at("/etc/systemd/journald.conf.d/mpp-kiosk.conf").read_text()
    assert "Storage=persistent" in journald and "SystemMaxUse=200M" in journald
    for masked in ("cups.service", "ipp-usb.service", "ctrl-alt-del.target"):
        assert os.readlink(i.at(f"/etc/systemd/system/{masked}")) == "/dev/null"
    groups = (i.root / "etc" / "group").read_text()
    assert any(g.startswith("lp:") and "mpp-kiosk" in g for g in groups.splitlines())


def test_a_second_run_changes_nothing(installed: Installed) -> None:
    watched = [p for p in installed.root.rglob("*") if "releases" not in p.parts]
    before = {p: p.lstat().st_mtime_ns for p in watched}
    r = installer(installed.wheel, installed.root, "--extras", "kiosk,central")
    assert r.returncode == 0, r.stderr
    assert "0 step(s) changed" in r.stdout
    assert not [line for line in r.stdout.splitlines() if line.startswith("do:")]
    assert {p: p.lstat().st_mtime_ns for p in watched} == before


def test_systemd_analyze_verify_passes_on_the_unit(installed: Installed, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    # The unit as installed, with its paths pointing into the test root (verify checks that
    # every command exists).
    prefix = str(installed.at("/opt/mpp-kiosk"))
    unit = tmp_path / "mpp-kiosk.service"
    unit.write_text(template("mpp-kiosk.service", Layout(prefix=prefix)))
    r = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                       text=True, timeout=60)  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr


# --------------------------------------------------------------------------- the release runs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_installed_release_runs_the_kiosk_and_the_server(
    installed: Installed, tmp_path: Path
) -> None:
    venv = installed.at("/opt/mpp-kiosk/current")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    r = subprocess.run([str(installed.tool), "--version"], capture_output=True, text=True,
                       cwd="/", env=env, timeout=60)  # fmt: skip
    assert r.stdout.strip() == "mpp-kiosk 0.1.0", r.stderr
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import kiosk, mpp_core.assets as a; print(kiosk.__file__); print(a.assets_dir())"],
        capture_output=True, text=True, cwd="/", env=env, timeout=60,
    )  # fmt: skip
    release = installed.at("/opt/mpp-kiosk/releases/0.1.0").resolve()
    for line in where.stdout.splitlines():
        assert release in Path(line).resolve().parents, where  # not the source tree
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndatabase = "{tmp_path / "k.db"}"\nfullscreen = false\n')
    r = subprocess.run(
        [str(installed.tool), "--config", str(config), "--windowed"],
        capture_output=True, text=True, cwd="/", timeout=180,
        env={**env, "MPP_KIOSK_STARTUP_PROBE": "1"},
    )  # fmt: skip
    assert r.returncode == 0 and "READY_MS" in r.stdout, r.stderr[-3000:]
    port = _free_port()
    server = subprocess.Popen(
        [str(venv / "bin" / "mpp-central"), "--database", str(tmp_path / "central.db"),
         "serve", "--port", str(port)],
        cwd="/", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                ) as a:
                    assert json.loads(a.read())["status"] == "ok"
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(30)
    size = release_size(installed.at("/opt/mpp-kiosk/releases/0.1.0"))
    print(f"RELEASE_SIZE installed {size / 1e6:.0f} MB (venv with PySide6)")


def test_the_units_command_paints_its_first_frame_under_cage(
    installed: Installed, tmp_path: Path
) -> None:
    if shutil.which("cage") is None:
        pytest.skip("cage is not installed (scripts/setup.sh --tests installs it)")
    if os.geteuid() != 0:
        pytest.skip("running the unit's command as another user needs root")
    work = Path(tempfile.mkdtemp(prefix="mpp-cage-", dir="/tmp"))
    try:
        os.chmod(work, 0o755)
        runtime, data = work / "runtime", work / "data"
        for folder in (runtime, data):
            folder.mkdir(mode=0o700)
            os.chown(folder, 65534, 65534)
        config = data / "kiosk.toml"
        config.write_text(f'[kiosk]\ndatabase = "{data / "kiosk.db"}"\nfullscreen = true\n')
        os.chown(config, 65534, 65534)
        os.chmod(config, 0o600)
        frame = data / "first-frame.png"
        text = installed.at("/etc/systemd/system/mpp-kiosk.service").read_text()
        exec_start = next(x for x in text.splitlines() if x.startswith("ExecStart="))
        argv = (
            exec_start.removeprefix("ExecStart=")
            .replace("/opt/mpp-kiosk", str(installed.at("/opt/mpp-kiosk")))
            .split()
        )
        unit_env = dict(
            x.removeprefix("Environment=").split("=", 1)
            for x in text.splitlines() if x.startswith("Environment=")
        )  # fmt: skip
        with fake_systemd(work) as systemd:
            env = {
                "PATH": "/usr/bin:/bin", "HOME": str(data), "XDG_RUNTIME_DIR": str(runtime),
                "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
                "WLR_LIBINPUT_NO_DEVICES": "1", **unit_env,
                "MPP_KIOSK_CONFIG": str(config), "MPP_KIOSK_FIRST_FRAME": str(frame),
                "MPP_KIOSK_STARTUP_PROBE": "1", **systemd.env(),
            }  # fmt: skip
            started = time.monotonic()
            proc = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *argv],
                env=env, capture_output=True, text=True, timeout=180, cwd=str(work),
            )  # fmt: skip
            assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
            ready = systemd.wait_for("READY=1", 5)
        print(f"UNIT_START_TO_FIRST_FRAME_S {ready - started:.2f} (cage headless, pixman)")
        assert "FIRST_FRAME_MS" in proc.stdout and "READY_MS" in proc.stdout
        from PySide6.QtGui import QImage

        image = QImage(str(frame))
        assert not image.isNull() and image.width() >= 640 and image.height() >= 480
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 23)}  # fmt: skip
        assert len(colours) > 3  # the welcome screen, not an empty surface
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- updates


def _restart_script(installed: Installed, config: Path, log: Path) -> Path:
    """What ``systemctl restart mpp-kiosk`` does, for the test root: stop the kiosk in order,
    start the ``current`` release's kiosk in the background."""
    script = config.parent / "restart.sh"
    data = installed.at("/var/lib/mpp-kiosk")
    script.write_text(
        "#!/bin/sh\n"
        f'"{installed.tool}" appliance stop --data-dir "{data}" || true\n'
        f'QT_QPA_PLATFORM=offscreen setsid "{installed.tool}" --config "{config}" --windowed '
        f'>> "{log}" 2>&1 < /dev/null &\n'
    )
    return script


def _revision(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def _tickets(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM ticket").fetchone()[0])
    finally:
        con.close()


def test_update_upgrades_the_database_and_rolls_back_a_broken_release(
    installed: Installed, tmp_path: Path
) -> None:
    i = installed
    data = i.at("/var/lib/mpp-kiosk")
    db = data / "kiosk.db"
    config = i.at("/etc/mpp-kiosk/test.toml")
    config.write_text(f'[kiosk]\ndatabase = "{db}"\nfullscreen = false\ncutoff_minutes = 0\n'
                      + ALWAYS_OPEN)  # fmt: skip
    old_python = i.at("/opt/mpp-kiosk/releases/0.1.0/bin/python")
    made = subprocess.run(  # the previous release makes the database and issues numbers
        [str(old_python), "-c",
         "import sys\nfrom pathlib import Path\n"
         "from kiosk.store.db import open_database\nfrom kiosk.store.uow import UnitOfWorkFactory\n"
         "from kiosk.usecases.catalog import CatalogStore\n"
         "from kiosk.usecases.ticketing import IssuePolicy, TicketDesk\n"
         "from kiosk.usecases.hours_override import HoursOverride\n"
         "from kiosk.settings.hours import HoursConfig\n"
         "from mpp_core.domain.clock import SystemClock\n"
         "uow = UnitOfWorkFactory(open_database(Path(sys.argv[1])))\n"
         "store = CatalogStore(uow); store.load()\n"
         "always = HoursConfig(mode='custom', open='00:00', close='23:59', "
         "days=('mon','tue','wed','thu','fri','sat','sun'))\n"
         "hours = HoursOverride(lambda: store.current, SystemClock(), always)\n"
         "desk = TicketDesk(uow, hours, SystemClock(), IssuePolicy(cutoff_minutes=0))\n"
         "service = next(s for s in store.current.services if s.needs_queue)\n"
         "print([desk.issue(f'r{n}', service.code).display for n in range(5)])\n",
         str(db)],
        capture_output=True, text=True, cwd="/", timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-3000:]
    old_revision = _revision(db)
    log = tmp_path / "kiosk.log"
    restart = _restart_script(i, config, log)
    subprocess.run(["sh", str(restart)], check=True, timeout=60)
    variants = tmp_path / "variants"
    newer = with_one_more_migration(i.wheel, "0.1.1", variants)
    broken = that_does_not_start(newer, "0.1.2", variants)  # its migrations run fine

    def update(package: Path, timeout: float) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(i.tool), "update", str(package), "--root", str(i.root),
             "--restart-command", f"sh {restart}", "--health-timeout", str(timeout),
             "--settle", "2", "--slip-wait", "30"],
            capture_output=True, text=True, cwd="/", timeout=1800,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip

    try:
        started = time.monotonic()
        r = update(newer, 120)
        print(f"UPDATE_S {time.monotonic() - started:.1f}")
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:] + log.read_text()[-3000:]
        assert os.readlink(i.at("/opt/mpp-kiosk/current")) == "releases/0.1.1"
        assert _revision(db) == "next" and old_revision != "next"  # its migration ran
        assert _tickets(db) == 5  # the previous release's numbers are all there
        assert json.loads((data / "ready.json").read_text())["version"] == "0.1.1"
        backups = list((data / "backups").glob("kiosk.db.before-0.1.1-*"))
        assert len(backups) == 1 and _revision(backups[0]) == old_revision
        assert db.stat().st_uid == i.uid  # the kiosk user's, though root migrated it

        started = time.monotonic()
        r = update(broken, 20)
        print(f"ROLLBACK_S {time.monotonic() - started:.1f}")
        assert r.returncode == 1, r.stdout + r.stderr
        assert "rolled back to 0.1.1" in r.stdout
        assert os.readlink(i.at("/opt/mpp-kiosk/current")) == "releases/0.1.1"
        assert (i.at("/opt/mpp-kiosk/releases/0.1.2/.failed")).exists()
        assert _revision(db) == "next" and _tickets(db) == 5
        assert "a broken release" in log.read_text()
        deadline = time.monotonic() + 60
        while json.loads((data / "ready.json").read_text())["version"] != "0.1.1":
            assert time.monotonic() < deadline
            time.sleep(0.2)
    finally:
        subprocess.run([str(i.tool), "appliance", "stop", "--data-dir", str(data)],
                       timeout=60, check=False)  # fmt: skip


def test_uninstall_keeps_the_config_and_data_unless_purged(installed: Installed) -> None:
    i = installed
    tool = [PYTHON3, "-m", "kiosk.appliance", "uninstall", "--root", str(i.root)]
    env = {**os.environ, "PYTHONPATH": str(i.wheel)}
    r = subprocess.run(tool, capture_output=True, text=True, env=env, cwd="/", timeout=300)
    assert r.returncode == 0, r.stderr
    assert not i.at("/etc/systemd/system/mpp-kiosk.service").exists()
    assert not i.at("/opt/mpp-kiosk").exists()
    assert not i.at("/etc/udev/rules.d/60-mpp-kiosk-printers.rules").exists()
    assert not i.at("/etc/systemd/system/cups.service").is_symlink()
    assert i.at("/etc/mpp-kiosk/kiosk.toml").exists() and i.at("/var/lib/mpp-kiosk").exists()
    r = subprocess.run([*tool, "--purge"], capture_output=True, text=True, env=env, cwd="/",
                       timeout=300)  # fmt: skip
    assert r.returncode == 0 and not i.at("/etc/mpp-kiosk").exists()

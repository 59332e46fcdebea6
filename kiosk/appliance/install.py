"""``mpp-kiosk appliance install``: one command turns a fresh Debian 12 PC into a kiosk.

The plan (every step printed; ``--dry-run`` only prints; a second run changes nothing):

1. system packages: cage, Xwayland, the libraries Qt loads, python3-venv (apt-get, only those
   missing);
2. the ``mpp-kiosk`` system user (groups ``lp`` and ``dialout``: the printer and serial lines),
   no login shell, home in the data folder;
3. folders: ``/etc/mpp-kiosk`` and ``/var/lib/mpp-kiosk`` owned by it, ``0700``;
4. the release: ``/opt/mpp-kiosk/releases/<version>`` (a venv with the wheel), ``current``
   pointing at it, ``/usr/local/bin/mpp-kiosk`` at ``current``;
5. the config ``/etc/mpp-kiosk/kiosk.toml`` (``0600``, the kiosk user's; kept if present);
6. the unit ``mpp-kiosk.service`` (cage on tty1, READY and the watchdog, restarts for ever),
   its PAM stack, enabled for ``graphical.target``, the default target;
7. printers: the udev rule, usblp blacklisted, CUPS and ipp-usb masked;
8. journald: persistent, capped at 200 MB and a month; sysctl: no SysRq;
   ``ctrl-alt-del.target`` masked;
9. on a live system: daemon-reload, udev reload and trigger, journald restart.

``uninstall`` removes all of it except the config and the data (``--purge`` removes those
and the user too).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from kiosk.appliance.layout import (
    UNIT,
    Action,
    Call,
    File,
    Folder,
    Layout,
    Link,
    Remove,
    Run,
    group_exists,
    passwd_entry,
    template,
)
from kiosk.appliance.releases import (
    build_release,
    current_version,
    is_complete,
    release_dir,
    wheel_version,
)

APT_PACKAGES = (
    "cage", "xwayland", "python3", "python3-venv", "libglib2.0-0", "libegl1", "libgl1",
    "libfontconfig1", "libxkbcommon0", "libdbus-1-3", "libwayland-cursor0", "libwayland-egl1",
    "libusb-1.0-0", "fonts-dejavu-core",
)  # fmt: skip
GROUPS = ("lp", "dialout")
MASKED = ("cups.service", "cups.socket", "cups.path", "ipp-usb.service", "ctrl-alt-del.target")
SYSTEMD = "/etc/systemd/system"


def _missing_packages() -> list[str]:
    missing = []
    for pkg in APT_PACKAGES:
        r = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True, check=False
        )
        if "install ok installed" not in r.stdout:
            missing.append(pkg)
    return missing


def _systemd_running() -> bool:
    return Path("/run/systemd/system").is_dir()


def install_plan(
    layout: Layout,
    wheel: Path,
    *,
    extras: str = "kiosk",
    pip_args: tuple[str, ...] = (),
    apt: bool = True,
) -> list[Action]:
    version = wheel_version(wheel)
    user = layout.user
    owner: Callable[[], tuple[int, int] | None] = lambda: passwd_entry(layout, user)  # noqa: E731
    at = layout.at
    actions: list[Action] = []
    if apt and layout.live:
        missing = _missing_packages()
        actions.append(
            Run(
                ["apt-get", "install", "-y", "--no-install-recommends", *missing],
                lambda: bool(missing),
                f"apt-get install {' '.join(missing) or '(all present)'}",
            )
        )
    groups = ",".join(g for g in GROUPS if group_exists(layout, g))
    useradd = ["useradd", "--system", "--user-group", "--no-create-home"]
    useradd += ["--home-dir", layout.data_dir, "--shell", "/usr/sbin/nologin"]
    useradd += ["--comment", "MPP kiosk"]
    if groups:
        useradd += ["--groups", groups]
    if not layout.live:
        useradd += ["--prefix", str(layout.root)]
    actions.append(
        Run([*useradd, user], lambda: passwd_entry(layout, user) is None, f"system user {user}")
    )
    actions += [
        Folder(at(layout.config_dir), 0o700, owner, user),
        Folder(at(layout.data_dir), 0o700, owner, user),
        Folder(layout.releases, 0o755),
    ]
    folder = release_dir(layout, version)

    def build() -> None:
        build_release(layout, wheel, extras=extras, pip_args=pip_args)

    actions.append(
        Call(
            f"release {version} in {folder} (a venv with {wheel.name}[{extras}])",
            lambda: not is_complete(folder),
            build,
        )
    )
    if current_version(layout) in (None, version):  # another one in use: mpp-kiosk update
        actions.append(Link(layout.current, f"releases/{version}"))
    actions.append(Link(at("/usr/local/bin/mpp-kiosk"), f"{layout.prefix}/current/bin/mpp-kiosk"))
    actions.append(
        File(at(f"{layout.config_dir}/kiosk.toml"), template("kiosk.toml.tmpl", layout), 0o600,
             owner, user, keep=True)
    )  # fmt: skip
    actions += [
        File(at(f"{SYSTEMD}/{UNIT}"), template("mpp-kiosk.service", layout)),
        File(at("/etc/pam.d/mpp-kiosk"), template("mpp-kiosk.pam", layout)),
        Link(at(f"{SYSTEMD}/graphical.target.wants/{UNIT}"), f"{SYSTEMD}/{UNIT}"),
        Link(at(f"{SYSTEMD}/default.target"), "/lib/systemd/system/graphical.target"),
        File(
            at("/etc/udev/rules.d/60-mpp-kiosk-printers.rules"),
            template("60-mpp-kiosk-printers.rules", layout),
        ),
        File(
            at("/etc/modprobe.d/mpp-kiosk-no-usblp.conf"),
            template("mpp-kiosk-no-usblp.conf", layout),
        ),
        File(
            at("/etc/systemd/journald.conf.d/mpp-kiosk.conf"),
            template("journald-mpp-kiosk.conf", layout),
        ),
        Folder(at("/var/log/journal"), 0o2755),
        File(at("/etc/sysctl.d/90-mpp-kiosk.conf"), template("sysctl-mpp-kiosk.conf", layout)),
    ]
    actions += [Link(at(f"{SYSTEMD}/{name}"), "/dev/null") for name in MASKED]
    return actions


def reload_actions(layout: Layout) -> list[Action]:
    """After a change on a live system: systemd, udev, sysctl and journald read it now."""
    if not (layout.live and _systemd_running()):
        return []

    def yes() -> bool:
        return True

    return [
        Run(["systemctl", "daemon-reload"], yes, "systemctl daemon-reload"),
        Run(["udevadm", "control", "--reload"], yes, "udevadm control --reload"),
        Run(["udevadm", "trigger", "--subsystem-match=usb"], yes, "udevadm trigger (usb)"),
        Run(["udevadm", "settle", "--timeout=10"], yes, "udevadm settle"),
        Run(["sysctl", "--system"], yes, "sysctl --system"),
        Run(["systemctl", "restart", "systemd-journald"], yes, "restart journald"),
    ]


def uninstall_plan(layout: Layout, *, purge: bool = False) -> list[Action]:
    at = layout.at
    actions: list[Action] = []
    if layout.live and _systemd_running():
        actions.append(
            Run(
                ["systemctl", "disable", "--now", UNIT],
                lambda: at(f"{SYSTEMD}/{UNIT}").exists(),
                f"stop and disable {UNIT}",
            )
        )
    actions += [Remove(at(f"{SYSTEMD}/{name}")) for name in MASKED]
    actions += [
        Remove(at(f"{SYSTEMD}/graphical.target.wants/{UNIT}")),
        Remove(at(f"{SYSTEMD}/{UNIT}")),
        Remove(at("/etc/pam.d/mpp-kiosk")),
        Remove(at("/etc/udev/rules.d/60-mpp-kiosk-printers.rules")),
        Remove(at("/etc/modprobe.d/mpp-kiosk-no-usblp.conf")),
        Remove(at("/etc/systemd/journald.conf.d/mpp-kiosk.conf")),
        Remove(at("/etc/sysctl.d/90-mpp-kiosk.conf")),
        Remove(at("/usr/local/bin/mpp-kiosk")),
        Remove(at(layout.prefix)),
    ]
    if purge:
        actions += [Remove(at(layout.config_dir)), Remove(at(layout.data_dir))]
        userdel = ["userdel", layout.user] if layout.live else None
        if userdel is not None and shutil.which("userdel"):
            actions.append(
                Run(
                    userdel,
                    lambda: passwd_entry(layout, layout.user) is not None,
                    f"remove the user {layout.user}",
                )
            )
    return actions

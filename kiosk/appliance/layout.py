"""Where an installed kiosk keeps everything, and the file operations of the installer (each
one says what it would do, whether it is needed, and does it)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

USER = "mpp-kiosk"
UNIT = "mpp-kiosk.service"


@dataclass(frozen=True)
class Layout:
    """The installed kiosk's paths, as the installed system sees them (``/opt/...``), and
    where they are written (under ``root``: ``/`` on a kiosk PC, a temporary folder in tests)."""

    root: Path = Path("/")
    user: str = USER
    prefix: str = "/opt/mpp-kiosk"
    config_dir: str = "/etc/mpp-kiosk"
    data_dir: str = "/var/lib/mpp-kiosk"
    python: str = "/usr/bin/python3"

    def at(self, path: str) -> Path:
        """Where a system path is written (under ``root``)."""
        return self.root / path.lstrip("/")

    @property
    def live(self) -> bool:
        """Installing on the running system (not into a folder): services can be reloaded."""
        return self.root == Path("/")

    @property
    def releases(self) -> Path:
        return self.at(f"{self.prefix}/releases")

    @property
    def current(self) -> Path:
        return self.at(f"{self.prefix}/current")

    def values(self) -> dict[str, str]:
        return {
            "user": self.user,
            "prefix": self.prefix,
            "config_dir": self.config_dir,
            "data_dir": self.data_dir,
            "kiosk_id": "".join(c for c in socket.gethostname() if c.isalnum() or c in "._-")
            or "kiosk-1",
        }


def template(name: str, layout: Layout) -> str:
    text = resources.files("kiosk.appliance").joinpath("files", name).read_text("utf-8")
    return Template(text).safe_substitute(layout.values())


def passwd_entry(layout: Layout, user: str) -> tuple[int, int] | None:
    """(uid, gid) of ``user`` in the root's /etc/passwd."""
    if layout.live:
        try:
            pw = pwd.getpwnam(user)
        except KeyError:
            return None
        return pw.pw_uid, pw.pw_gid
    try:
        lines = layout.at("/etc/passwd").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split(":")
        if len(parts) >= 4 and parts[0] == user:
            return int(parts[2]), int(parts[3])
    return None


def group_exists(layout: Layout, group: str) -> bool:
    try:
        lines = layout.at("/etc/group").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return any(line.split(":")[0] == group for line in lines)


# --------------------------------------------------------------------------- actions


class Action:
    """One step: ``describe()`` for the dry run and the log, ``needed()``, ``apply()``."""

    def describe(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def needed(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


Owner = Callable[[], tuple[int, int] | None]


def _owner_words(owner: Owner | None, name: str) -> str:
    return f", owner {name}" if owner is not None else ""


class Folder(Action):
    def __init__(
        self, path: Path, mode: int, owner: Owner | None = None, owner_name: str = ""
    ) -> None:
        self.path, self.mode, self.owner, self.owner_name = path, mode, owner, owner_name

    def describe(self) -> str:
        return f"folder {self.path} (0{self.mode:o}{_owner_words(self.owner, self.owner_name)})"

    def needed(self) -> bool:
        if not self.path.is_dir() or self.path.is_symlink():
            return True
        st = self.path.stat()
        ids = self.owner() if self.owner is not None else None
        return (st.st_mode & 0o7777) != self.mode or (
            ids is not None and (st.st_uid, st.st_gid) != ids
        )

    def apply(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        os.chmod(self.path, self.mode)
        ids = self.owner() if self.owner is not None else None
        if ids is not None:
            os.chown(self.path, *ids)


class File(Action):
    """A file with this content and mode (``keep``: an existing file's content is kept, its
    mode and owner still set: the config a technician edited)."""

    def __init__(
        self,
        path: Path,
        content: str,
        mode: int = 0o644,
        owner: Owner | None = None,
        owner_name: str = "",
        *,
        keep: bool = False,
    ) -> None:
        self.path, self.content, self.mode = path, content, mode
        self.owner, self.owner_name, self.keep = owner, owner_name, keep

    def describe(self) -> str:
        what = "keep" if self.keep and self.path.exists() else "write"
        owner = _owner_words(self.owner, self.owner_name)
        return f"{what} {self.path} (0{self.mode:o}{owner})"

    def needed(self) -> bool:
        try:
            st = self.path.lstat()
            if not self.keep and self.path.read_text(encoding="utf-8") != self.content:
                return True
        except (OSError, UnicodeDecodeError):
            return True
        ids = self.owner() if self.owner is not None else None
        return (st.st_mode & 0o7777) != self.mode or (
            ids is not None and (st.st_uid, st.st_gid) != ids
        )

    def apply(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not (self.keep and self.path.exists()):
            tmp = self.path.with_name(f".{self.path.name}.new")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.mode)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self.content)
            os.replace(tmp, self.path)
        os.chmod(self.path, self.mode)
        ids = self.owner() if self.owner is not None else None
        if ids is not None:
            os.chown(self.path, *ids)


class Link(Action):
    def __init__(self, path: Path, target: str) -> None:
        self.path, self.target = path, target

    def describe(self) -> str:
        return f"link {self.path} -> {self.target}"

    def needed(self) -> bool:
        return not self.path.is_symlink() or os.readlink(self.path) != self.target

    def apply(self) -> None:
        switch_link(self.path, self.target)


class Remove(Action):
    def __init__(self, path: Path) -> None:
        self.path = path

    def describe(self) -> str:
        return f"remove {self.path}"

    def needed(self) -> bool:
        return self.path.exists() or self.path.is_symlink()

    def apply(self) -> None:
        if self.path.is_dir() and not self.path.is_symlink():
            shutil.rmtree(self.path)
        else:
            self.path.unlink()


class Run(Action):
    """A command, when ``when()`` says it is needed."""

    def __init__(
        self, argv: Sequence[str], when: Callable[[], bool], words: str = "", timeout: float = 900
    ) -> None:
        self.argv, self.when, self.words, self.timeout = list(argv), when, words, timeout

    def describe(self) -> str:
        return self.words or "run " + " ".join(self.argv)

    def needed(self) -> bool:
        return self.when()

    def apply(self) -> None:
        subprocess.run(self.argv, check=True, timeout=self.timeout)


class Call(Action):
    """Python work (a release folder), when ``when()`` says it is needed."""

    def __init__(self, words: str, when: Callable[[], bool], do: Callable[[], None]) -> None:
        self.words, self.when, self.do = words, when, do

    def describe(self) -> str:
        return self.words

    def needed(self) -> bool:
        return self.when()

    def apply(self) -> None:
        self.do()


def switch_link(path: Path, target: str) -> None:
    """Point ``path`` at ``target`` atomically (a new link beside it, renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.new")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def perform(actions: Sequence[Action], *, dry_run: bool, say: Callable[[str], None]) -> int:
    """Do what is needed; returns how many steps changed something (or would, dry)."""
    changed = 0
    for action in actions:
        if action.needed():
            changed += 1
            say(("would: " if dry_run else "do:    ") + action.describe())
            if not dry_run:
                action.apply()
        else:
            say("ok:    " + action.describe())
    return changed

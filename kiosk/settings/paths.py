"""The checks for paths in the settings: what kind of thing is there (a regular file, a folder,
a device; never a named pipe, which would block whoever opens it), how large it is, and where
it is (a folder that must stay inside the kiosk's data folder). Each returns the words of the
problem, or None.

Nothing here opens a path that is not a regular file, so checking never blocks.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mpp_core.i18n import Text, Words

KIB = 1024

_KINDS: dict[int, Text] = {
    stat.S_IFIFO: Text("pipa bernama (FIFO)", "a named pipe (FIFO)"),
    stat.S_IFCHR: Text("perangkat karakter", "a character device"),
    stat.S_IFBLK: Text("perangkat blok", "a block device"),
    stat.S_IFSOCK: Text("soket", "a socket"),
    stat.S_IFDIR: Text("folder", "a folder"),
    stat.S_IFREG: Text("berkas", "a file"),
    stat.S_IFLNK: Text("tautan", "a link"),
}
SOMETHING_ELSE = Text("sesuatu yang lain", "something else")
CANNOT_OPEN = Text("tidak dapat dibuka: {path} ({reason})", "cannot be opened: {path} ({reason})")
NOT_ABSOLUTE = Text(
    "harus jalur lengkap, misalnya {example}, bukan {path}",
    "must be a full path such as {example}, not {path}",
)
NO_FILE = Text("tidak ada berkas di {path}", "no file at {path}")
IS_NOT = Text("{path} adalah {kind}, bukan {want}", "{path} is {kind}, not {want}")
REGULAR_FILE = Text("berkas biasa", "a regular file")
FILE_OR_DEVICE = Text(
    "berkas biasa atau perangkat karakter", "a regular file or a character device"
)
CHARACTER_DEVICE = Text("perangkat karakter", "a character device")
TOO_LARGE = Text(
    "{path} terlalu besar ({size} KiB; paling besar {limit} KiB)",
    "{path} is too large ({size} KiB; at most {limit} KiB)",
)
CANNOT_READ = Text("tidak dapat dibaca: {path} ({reason})", "cannot be read: {path} ({reason})")
NOT_AN_IMAGE = Text(
    "{path} bukan gambar PNG, JPEG, GIF atau BMP", "{path} is not a PNG, JPEG, GIF or BMP image"
)
OUTSIDE = Text(
    "{path} berada di luar folder data {base}", "{path} is outside the data folder {base}"
)
NOT_A_FOLDER = Text("{path} bukan folder", "{path} is not a folder")

# First bytes of the image files a slip logo may be (Pillow reads them all).
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def _kind_words(mode: int) -> Words:
    return _KINDS.get(stat.S_IFMT(mode), SOMETHING_ELSE)


def _stat(path: str) -> tuple[os.stat_result | None, Words | None]:
    """The path's status (links followed), None when nothing is there, or why it cannot be
    looked at."""
    try:
        return os.stat(path), None
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, CANNOT_OPEN.bind(path=path, reason=reason)


def absolute(path: str, example: str) -> Words | None:
    """A full path (it must not depend on the folder the kiosk was started in)."""
    if Path(path).is_absolute():
        return None
    return NOT_ABSOLUTE.bind(example=example, path=repr(path))


def regular_file(path: str, max_bytes: int, *, missing_ok: bool = False) -> Words | None:
    """A regular file (not a folder, named pipe or device) of at most ``max_bytes``; with
    ``missing_ok``, nothing there is fine too."""
    st, problem = _stat(path)
    if problem is not None:
        return problem
    if st is None:
        return None if missing_ok else NO_FILE.bind(path=path)
    if not stat.S_ISREG(st.st_mode):
        return IS_NOT.bind(path=path, kind=_kind_words(st.st_mode), want=REGULAR_FILE)
    if st.st_size > max_bytes:
        size, limit = -(-st.st_size // KIB), max_bytes // KIB
        return TOO_LARGE.bind(path=path, size=size, limit=limit)
    return None


def image_file(path: str, max_bytes: int) -> Words | None:
    """A regular file of at most ``max_bytes`` that is a PNG, JPEG, GIF or BMP image, or
    nothing at all (a slip prints without its logo rather than not at all: a logo on a disk
    that is not mounted yet must not turn the printer off)."""
    problem = regular_file(path, max_bytes, missing_ok=True)
    if problem is not None or not os.path.exists(path):
        return problem
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return CANNOT_READ.bind(path=path, reason=reason)
    if not head.startswith(_IMAGE_MAGIC):
        return NOT_AN_IMAGE.bind(path=path)
    return None


def writable_target(path: str, *, devices: bool) -> Words | None:
    """Where bytes are written: nothing there yet, a regular file, or (``devices``) a
    character device such as /dev/usb/lp0 (links followed). Never a folder or named pipe."""
    st, problem = _stat(path)
    if problem is not None or st is None:
        return problem
    if stat.S_ISREG(st.st_mode) or (devices and stat.S_ISCHR(st.st_mode)):
        return None
    want = FILE_OR_DEVICE if devices else REGULAR_FILE
    return IS_NOT.bind(path=path, kind=_kind_words(st.st_mode), want=want)


def device(path: str) -> Words | None:
    """A device path: nothing there yet (not plugged in), or a character device."""
    st, problem = _stat(path)
    if problem is not None or st is None:
        return problem
    if stat.S_ISCHR(st.st_mode):
        return None
    return IS_NOT.bind(path=path, kind=_kind_words(st.st_mode), want=CHARACTER_DEVICE)


def folder_inside(path: str, root: Path) -> tuple[Path, Words | None]:
    """``path`` (relative to ``root``, or absolute) resolved, links and ``..`` included; it
    must stay inside ``root`` and be a folder (or not exist yet)."""
    base = root.resolve()
    target = (base / path).resolve()
    if target != base and base not in target.parents:
        return target, OUTSIDE.bind(path=path, base=base)
    if target.exists() and not target.is_dir():
        return target, NOT_A_FOLDER.bind(path=path)
    return target, None
